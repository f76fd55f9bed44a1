namespace WasmBind.Execution;

/// <summary>
/// The interpreter's instructions. Every operand is a 32-bit int: a slot index relative to the frame base,
/// a code index (branch target), an index into the instance, or an immediate. Slot operands are resolved at
/// translation time from the validator's static stack heights, so nothing pushes or pops at run time.
/// Loads, <c>memory.size</c>/<c>memory.grow</c> and the numeric instructions keep their WebAssembly opcode
/// values so the translator maps them without a table; operand layouts are noted per instruction.
/// </summary>
internal enum Op
{
    Unreachable = 0x00,
    /// <summary>target</summary>
    Br = 0x01,
    /// <summary>cond, target: jump when the i32 in cond is non-zero.</summary>
    BrIfNez = 0x02,
    /// <summary>cond, target: jump when the i32 in cond is zero.</summary>
    BrIfEqz = 0x03,
    /// <summary>index, count, target[count + 1]: the last target is the default.</summary>
    BrTable = 0x04,
    /// <summary>Results are already in slots 0..n of the frame.</summary>
    Return = 0x05,
    /// <summary>function index, callee frame base</summary>
    Call = 0x06,
    /// <summary>table, type index, index slot, callee frame base</summary>
    CallIndirect = 0x07,
    /// <summary>dst, src</summary>
    Copy = 0x08,
    /// <summary>dst, imm (zero-extended)</summary>
    Const32 = 0x09,
    /// <summary>dst, low, high</summary>
    Const64 = 0x0A,
    /// <summary>dst, a, b, cond</summary>
    Select = 0x0B,
    /// <summary>dst, global</summary>
    GlobalGet = 0x0C,
    /// <summary>global, src</summary>
    GlobalSet = 0x0D,
    /// <summary>dst, table, index</summary>
    TableGet = 0x0E,
    /// <summary>table, index, value</summary>
    TableSet = 0x0F,
    /// <summary>dst, function index</summary>
    RefFunc = 0x10,
    /// <summary>dst, table</summary>
    TableSize = 0x11,
    /// <summary>dst, table, init, delta</summary>
    TableGrow = 0x12,
    /// <summary>table, start, value, count</summary>
    TableFill = 0x13,
    /// <summary>dst table, src table, dst, src, count</summary>
    TableCopy = 0x14,
    /// <summary>table, element segment, dst, src, count</summary>
    TableInit = 0x15,
    /// <summary>element segment</summary>
    ElemDrop = 0x16,
    /// <summary>data segment, memory, dst, src, count</summary>
    MemoryInit = 0x17,
    /// <summary>data segment</summary>
    DataDrop = 0x18,
    /// <summary>dst memory, src memory, dst, src, count</summary>
    MemoryCopy = 0x19,
    /// <summary>memory, dst, value, count</summary>
    MemoryFill = 0x1A,
    /// <summary>units: charges fuel for the straight-line run of instructions that starts here.</summary>
    ConsumeFuel = 0x1B,
    /// <summary>Checks the store's epoch deadline (function entry and loop headers).</summary>
    CheckEpoch = 0x1C,
    /// <summary>
    /// sub-opcode (0xFE n), dst, address, offset, a, b: an atomic memory instruction of the threads proposal. a and b
    /// are its value operands (stored value, RMW operand, cmpxchg expected and replacement, wait expected and timeout,
    /// notify count); unused operands are 0. Kept in one instruction, run outside the main loop, so the loop and the
    /// plain loads and stores stay as they were.
    /// </summary>
    Atomic = 0x1D,
    /// <summary>atomic.fence: a full memory barrier.</summary>
    AtomicFence = 0x1E,
    /// <summary>
    /// function index, callee argument base: a tail call. A WebAssembly callee replaces the running frame; a host
    /// callee is called like <see cref="Call"/>, and the return sequence the translator emits after it returns.
    /// </summary>
    ReturnCall = 0x1F,
    /// <summary>table, type index, index slot, callee argument base: <see cref="ReturnCall"/> through a table.</summary>
    ReturnCallIndirect = 0x20,
    /// <summary>
    /// vector opcode (<c>Binary.SimdOpcode</c>), then the operands its <c>SimdShape</c> lays out: every SIMD and relaxed
    /// SIMD instruction and the v128 moves. Run outside the main loop, so scalar code keeps its cases as they were.
    /// </summary>
    Simd = 0x21,

    // Loads (dst, address, offset) and stores (address, value, offset) keep their wasm opcodes.
    I32Load = 0x28, I64Load = 0x29, F32Load = 0x2A, F64Load = 0x2B,
    I32Load8S = 0x2C, I32Load8U = 0x2D, I32Load16S = 0x2E, I32Load16U = 0x2F,
    I64Load8S = 0x30, I64Load8U = 0x31, I64Load16S = 0x32, I64Load16U = 0x33, I64Load32S = 0x34, I64Load32U = 0x35,
    I32Store = 0x36, I64Store = 0x37, F32Store = 0x38, F64Store = 0x39,
    I32Store8 = 0x3A, I32Store16 = 0x3B, I64Store8 = 0x3C, I64Store16 = 0x3D, I64Store32 = 0x3E,
    /// <summary>dst</summary>
    MemorySize = 0x3F,
    /// <summary>dst, delta</summary>
    MemoryGrow = 0x40,

    // Numeric instructions (unary: dst, a; binary: dst, a, b) keep their wasm opcodes 0x45..0xC4.
    I32Eqz = 0x45, I32Eq, I32Ne, I32LtS, I32LtU, I32GtS, I32GtU, I32LeS, I32LeU, I32GeS, I32GeU,
    I64Eqz = 0x50, I64Eq, I64Ne, I64LtS, I64LtU, I64GtS, I64GtU, I64LeS, I64LeU, I64GeS, I64GeU,
    F32Eq = 0x5B, F32Ne, F32Lt, F32Gt, F32Le, F32Ge,
    F64Eq = 0x61, F64Ne, F64Lt, F64Gt, F64Le, F64Ge,
    I32Clz = 0x67, I32Ctz, I32Popcnt, I32Add, I32Sub, I32Mul, I32DivS, I32DivU, I32RemS, I32RemU,
    I32And, I32Or, I32Xor, I32Shl, I32ShrS, I32ShrU, I32Rotl, I32Rotr,
    I64Clz = 0x79, I64Ctz, I64Popcnt, I64Add, I64Sub, I64Mul, I64DivS, I64DivU, I64RemS, I64RemU,
    I64And, I64Or, I64Xor, I64Shl, I64ShrS, I64ShrU, I64Rotl, I64Rotr,
    F32Abs = 0x8B, F32Neg, F32Ceil, F32Floor, F32Trunc, F32Nearest, F32Sqrt, F32Add, F32Sub, F32Mul, F32Div,
    F32Min, F32Max, F32Copysign,
    F64Abs = 0x99, F64Neg, F64Ceil, F64Floor, F64Trunc, F64Nearest, F64Sqrt, F64Add, F64Sub, F64Mul, F64Div,
    F64Min, F64Max, F64Copysign,
    I32WrapI64 = 0xA7, I32TruncF32S, I32TruncF32U, I32TruncF64S, I32TruncF64U,
    I64ExtendI32S, I64ExtendI32U, I64TruncF32S, I64TruncF32U, I64TruncF64S, I64TruncF64U,
    F32ConvertI32S, F32ConvertI32U, F32ConvertI64S, F32ConvertI64U, F32DemoteF64,
    F64ConvertI32S, F64ConvertI32U, F64ConvertI64S, F64ConvertI64U, F64PromoteF32,
    I32ReinterpretF32, I64ReinterpretF64, F32ReinterpretI32, F64ReinterpretI64,
    I32Extend8S = 0xC0, I32Extend16S, I64Extend8S, I64Extend16S, I64Extend32S,

    // Fused compare-and-branch (a comparison whose only use is a br_if or if): a, b, target; jump when true.
    BrIfI32Eq = 0x100, BrIfI32Ne, BrIfI32LtS, BrIfI32LtU, BrIfI32GtS, BrIfI32GtU, BrIfI32LeS, BrIfI32LeU, BrIfI32GeS, BrIfI32GeU,
    BrIfI64Eq, BrIfI64Ne, BrIfI64LtS, BrIfI64LtU, BrIfI64GtS, BrIfI64GtU, BrIfI64LeS, BrIfI64LeU, BrIfI64GeS, BrIfI64GeU,
    /// <summary>cond, target: jump when the i64 in cond is zero.</summary>
    BrIfEqz64,
    /// <summary>cond, target: jump when the i64 in cond is non-zero.</summary>
    BrIfNez64,

    // Instructions of multi-memory, memory64 and wide arithmetic, numbered apart from the others so proposals added in
    // parallel do not collide. Run outside the main loop's hot cases.
    /// <summary>
    /// wasm opcode (| 0x100 for an i64 address), a, b, memory, offset low, offset high: a load (a = dst, b = address) or
    /// store (a = address, b = value) on a memory other than an i32 memory 0, looked up on each access.
    /// </summary>
    MemoryAccess = 0x180,
    /// <summary>dst, memory: <c>memory.size</c> of any memory.</summary>
    MemorySizeAt = 0x181,
    /// <summary>dst, delta, memory: <c>memory.grow</c> of any memory.</summary>
    MemoryGrowAt = 0x182,
    /// <summary>dst, src: a 64-bit table operand narrowed to 32 bits, values past 2^32 - 1 becoming 2^32 - 1 (out of bounds of every table).</summary>
    ClampIndex64 = 0x183,
    /// <summary>sub-opcode (0xFC 19..22), low dst, high dst, a, b, c, d: the wide-arithmetic instructions.</summary>
    WideArithmetic = 0x184,
    /// <summary>
    /// sub-opcode (0xFE, | 0x1000 for an i64 address), dst, address, a, b, memory, offset low, offset high: an atomic
    /// access on a memory other than an i32 memory 0 (<see cref="Op.Atomic"/>'s operands plus the memory and a 64-bit offset).
    /// </summary>
    AtomicAt = 0x185,

    // Saturating truncations (0xFC 0..7), offset by 0xE0.
    I32TruncSatF32S = 0xE0, I32TruncSatF32U, I32TruncSatF64S, I32TruncSatF64U,
    I64TruncSatF32S, I64TruncSatF32U, I64TruncSatF64S, I64TruncSatF64U,
}
