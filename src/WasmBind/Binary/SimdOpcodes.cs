using System.Text;

namespace WasmBind.Binary;

/// <summary>
/// The 128-bit vector instructions (<c>0xFD</c> prefix): SIMD of WebAssembly 2.0 (0x00..0xFF) and relaxed SIMD
/// (0x100..0x113). A member's value is its binary sub-opcode and its name spells its text-format name
/// (<see cref="SimdInstructions.Name"/>); the members from 0x200 are the interpreter's own v128 moves, which have no
/// binary encoding.
/// </summary>
internal enum SimdOpcode : ushort
{
    V128Load = 0x00,
    V128Load8x8S = 0x01,
    V128Load8x8U = 0x02,
    V128Load16x4S = 0x03,
    V128Load16x4U = 0x04,
    V128Load32x2S = 0x05,
    V128Load32x2U = 0x06,
    V128Load8Splat = 0x07,
    V128Load16Splat = 0x08,
    V128Load32Splat = 0x09,
    V128Load64Splat = 0x0A,
    V128Store = 0x0B,
    V128Const = 0x0C,
    I8x16Shuffle = 0x0D,
    I8x16Swizzle = 0x0E,
    I8x16Splat = 0x0F,
    I16x8Splat = 0x10,
    I32x4Splat = 0x11,
    I64x2Splat = 0x12,
    F32x4Splat = 0x13,
    F64x2Splat = 0x14,
    I8x16ExtractLaneS = 0x15,
    I8x16ExtractLaneU = 0x16,
    I8x16ReplaceLane = 0x17,
    I16x8ExtractLaneS = 0x18,
    I16x8ExtractLaneU = 0x19,
    I16x8ReplaceLane = 0x1A,
    I32x4ExtractLane = 0x1B,
    I32x4ReplaceLane = 0x1C,
    I64x2ExtractLane = 0x1D,
    I64x2ReplaceLane = 0x1E,
    F32x4ExtractLane = 0x1F,
    F32x4ReplaceLane = 0x20,
    F64x2ExtractLane = 0x21,
    F64x2ReplaceLane = 0x22,
    I8x16Eq = 0x23,
    I8x16Ne = 0x24,
    I8x16LtS = 0x25,
    I8x16LtU = 0x26,
    I8x16GtS = 0x27,
    I8x16GtU = 0x28,
    I8x16LeS = 0x29,
    I8x16LeU = 0x2A,
    I8x16GeS = 0x2B,
    I8x16GeU = 0x2C,
    I16x8Eq = 0x2D,
    I16x8Ne = 0x2E,
    I16x8LtS = 0x2F,
    I16x8LtU = 0x30,
    I16x8GtS = 0x31,
    I16x8GtU = 0x32,
    I16x8LeS = 0x33,
    I16x8LeU = 0x34,
    I16x8GeS = 0x35,
    I16x8GeU = 0x36,
    I32x4Eq = 0x37,
    I32x4Ne = 0x38,
    I32x4LtS = 0x39,
    I32x4LtU = 0x3A,
    I32x4GtS = 0x3B,
    I32x4GtU = 0x3C,
    I32x4LeS = 0x3D,
    I32x4LeU = 0x3E,
    I32x4GeS = 0x3F,
    I32x4GeU = 0x40,
    F32x4Eq = 0x41,
    F32x4Ne = 0x42,
    F32x4Lt = 0x43,
    F32x4Gt = 0x44,
    F32x4Le = 0x45,
    F32x4Ge = 0x46,
    F64x2Eq = 0x47,
    F64x2Ne = 0x48,
    F64x2Lt = 0x49,
    F64x2Gt = 0x4A,
    F64x2Le = 0x4B,
    F64x2Ge = 0x4C,
    V128Not = 0x4D,
    V128And = 0x4E,
    V128Andnot = 0x4F,
    V128Or = 0x50,
    V128Xor = 0x51,
    V128Bitselect = 0x52,
    V128AnyTrue = 0x53,
    V128Load8Lane = 0x54,
    V128Load16Lane = 0x55,
    V128Load32Lane = 0x56,
    V128Load64Lane = 0x57,
    V128Store8Lane = 0x58,
    V128Store16Lane = 0x59,
    V128Store32Lane = 0x5A,
    V128Store64Lane = 0x5B,
    V128Load32Zero = 0x5C,
    V128Load64Zero = 0x5D,
    F32x4DemoteF64x2Zero = 0x5E,
    F64x2PromoteLowF32x4 = 0x5F,
    I8x16Abs = 0x60,
    I8x16Neg = 0x61,
    I8x16Popcnt = 0x62,
    I8x16AllTrue = 0x63,
    I8x16Bitmask = 0x64,
    I8x16NarrowI16x8S = 0x65,
    I8x16NarrowI16x8U = 0x66,
    F32x4Ceil = 0x67,
    F32x4Floor = 0x68,
    F32x4Trunc = 0x69,
    F32x4Nearest = 0x6A,
    I8x16Shl = 0x6B,
    I8x16ShrS = 0x6C,
    I8x16ShrU = 0x6D,
    I8x16Add = 0x6E,
    I8x16AddSatS = 0x6F,
    I8x16AddSatU = 0x70,
    I8x16Sub = 0x71,
    I8x16SubSatS = 0x72,
    I8x16SubSatU = 0x73,
    F64x2Ceil = 0x74,
    F64x2Floor = 0x75,
    I8x16MinS = 0x76,
    I8x16MinU = 0x77,
    I8x16MaxS = 0x78,
    I8x16MaxU = 0x79,
    F64x2Trunc = 0x7A,
    I8x16AvgrU = 0x7B,
    I16x8ExtaddPairwiseI8x16S = 0x7C,
    I16x8ExtaddPairwiseI8x16U = 0x7D,
    I32x4ExtaddPairwiseI16x8S = 0x7E,
    I32x4ExtaddPairwiseI16x8U = 0x7F,
    I16x8Abs = 0x80,
    I16x8Neg = 0x81,
    I16x8Q15mulrSatS = 0x82,
    I16x8AllTrue = 0x83,
    I16x8Bitmask = 0x84,
    I16x8NarrowI32x4S = 0x85,
    I16x8NarrowI32x4U = 0x86,
    I16x8ExtendLowI8x16S = 0x87,
    I16x8ExtendHighI8x16S = 0x88,
    I16x8ExtendLowI8x16U = 0x89,
    I16x8ExtendHighI8x16U = 0x8A,
    I16x8Shl = 0x8B,
    I16x8ShrS = 0x8C,
    I16x8ShrU = 0x8D,
    I16x8Add = 0x8E,
    I16x8AddSatS = 0x8F,
    I16x8AddSatU = 0x90,
    I16x8Sub = 0x91,
    I16x8SubSatS = 0x92,
    I16x8SubSatU = 0x93,
    F64x2Nearest = 0x94,
    I16x8Mul = 0x95,
    I16x8MinS = 0x96,
    I16x8MinU = 0x97,
    I16x8MaxS = 0x98,
    I16x8MaxU = 0x99,
    I16x8AvgrU = 0x9B,
    I16x8ExtmulLowI8x16S = 0x9C,
    I16x8ExtmulHighI8x16S = 0x9D,
    I16x8ExtmulLowI8x16U = 0x9E,
    I16x8ExtmulHighI8x16U = 0x9F,
    I32x4Abs = 0xA0,
    I32x4Neg = 0xA1,
    I32x4AllTrue = 0xA3,
    I32x4Bitmask = 0xA4,
    I32x4ExtendLowI16x8S = 0xA7,
    I32x4ExtendHighI16x8S = 0xA8,
    I32x4ExtendLowI16x8U = 0xA9,
    I32x4ExtendHighI16x8U = 0xAA,
    I32x4Shl = 0xAB,
    I32x4ShrS = 0xAC,
    I32x4ShrU = 0xAD,
    I32x4Add = 0xAE,
    I32x4Sub = 0xB1,
    I32x4Mul = 0xB5,
    I32x4MinS = 0xB6,
    I32x4MinU = 0xB7,
    I32x4MaxS = 0xB8,
    I32x4MaxU = 0xB9,
    I32x4DotI16x8S = 0xBA,
    I32x4ExtmulLowI16x8S = 0xBC,
    I32x4ExtmulHighI16x8S = 0xBD,
    I32x4ExtmulLowI16x8U = 0xBE,
    I32x4ExtmulHighI16x8U = 0xBF,
    I64x2Abs = 0xC0,
    I64x2Neg = 0xC1,
    I64x2AllTrue = 0xC3,
    I64x2Bitmask = 0xC4,
    I64x2ExtendLowI32x4S = 0xC7,
    I64x2ExtendHighI32x4S = 0xC8,
    I64x2ExtendLowI32x4U = 0xC9,
    I64x2ExtendHighI32x4U = 0xCA,
    I64x2Shl = 0xCB,
    I64x2ShrS = 0xCC,
    I64x2ShrU = 0xCD,
    I64x2Add = 0xCE,
    I64x2Sub = 0xD1,
    I64x2Mul = 0xD5,
    I64x2Eq = 0xD6,
    I64x2Ne = 0xD7,
    I64x2LtS = 0xD8,
    I64x2GtS = 0xD9,
    I64x2LeS = 0xDA,
    I64x2GeS = 0xDB,
    I64x2ExtmulLowI32x4S = 0xDC,
    I64x2ExtmulHighI32x4S = 0xDD,
    I64x2ExtmulLowI32x4U = 0xDE,
    I64x2ExtmulHighI32x4U = 0xDF,
    F32x4Abs = 0xE0,
    F32x4Neg = 0xE1,
    F32x4Sqrt = 0xE3,
    F32x4Add = 0xE4,
    F32x4Sub = 0xE5,
    F32x4Mul = 0xE6,
    F32x4Div = 0xE7,
    F32x4Min = 0xE8,
    F32x4Max = 0xE9,
    F32x4Pmin = 0xEA,
    F32x4Pmax = 0xEB,
    F64x2Abs = 0xEC,
    F64x2Neg = 0xED,
    F64x2Sqrt = 0xEF,
    F64x2Add = 0xF0,
    F64x2Sub = 0xF1,
    F64x2Mul = 0xF2,
    F64x2Div = 0xF3,
    F64x2Min = 0xF4,
    F64x2Max = 0xF5,
    F64x2Pmin = 0xF6,
    F64x2Pmax = 0xF7,
    I32x4TruncSatF32x4S = 0xF8,
    I32x4TruncSatF32x4U = 0xF9,
    F32x4ConvertI32x4S = 0xFA,
    F32x4ConvertI32x4U = 0xFB,
    I32x4TruncSatF64x2SZero = 0xFC,
    I32x4TruncSatF64x2UZero = 0xFD,
    F64x2ConvertLowI32x4S = 0xFE,
    F64x2ConvertLowI32x4U = 0xFF,
    I8x16RelaxedSwizzle = 0x100,
    I32x4RelaxedTruncF32x4S = 0x101,
    I32x4RelaxedTruncF32x4U = 0x102,
    I32x4RelaxedTruncF64x2SZero = 0x103,
    I32x4RelaxedTruncF64x2UZero = 0x104,
    F32x4RelaxedMadd = 0x105,
    F32x4RelaxedNmadd = 0x106,
    F64x2RelaxedMadd = 0x107,
    F64x2RelaxedNmadd = 0x108,
    I8x16RelaxedLaneselect = 0x109,
    I16x8RelaxedLaneselect = 0x10A,
    I32x4RelaxedLaneselect = 0x10B,
    I64x2RelaxedLaneselect = 0x10C,
    F32x4RelaxedMin = 0x10D,
    F32x4RelaxedMax = 0x10E,
    F64x2RelaxedMin = 0x10F,
    F64x2RelaxedMax = 0x110,
    I16x8RelaxedQ15mulrS = 0x111,
    I16x8RelaxedDotI8x16I7x16S = 0x112,
    I32x4RelaxedDotI8x16I7x16AddS = 0x113,

    /// <summary>Interpreter only: dst, src (two slots each).</summary>
    V128Copy = 0x200,
    /// <summary>Interpreter only: dst, a, b, cond.</summary>
    V128Select = 0x201,
    /// <summary>Interpreter only: dst, global.</summary>
    V128GlobalGet = 0x202,
    /// <summary>Interpreter only: global, src.</summary>
    V128GlobalSet = 0x203,
    /// <summary>
    /// Interpreter only: a vector load or store on a memory other than an <c>i32</c> memory 0 (multi-memory, memory64);
    /// its first operand names the wasm instruction (see <see cref="SimdShape.MemoryAccess"/>).
    /// </summary>
    V128MemoryAccess = 0x204,
}

/// <summary>
/// An instruction's form: its immediates, its operand and result types, and its operand layout in translated code
/// (after <c>Op.Simd</c> and the opcode). Every consumer — decoder, validator and translator, interpreter,
/// disassembler, text encoder — works per shape, so a new instruction is one table row plus its semantics.
/// </summary>
internal enum SimdShape : byte
{
    /// <summary>memarg; i32 → v128. Code: dst, address, offset.</summary>
    Load,
    /// <summary>memarg; i32 v128 → (). Code: address, value, offset.</summary>
    Store,
    /// <summary>memarg, lane; i32 v128 → v128. Code: dst, address, vector, offset, lane.</summary>
    LoadLane,
    /// <summary>memarg, lane; i32 v128 → (). Code: address, vector, offset, lane.</summary>
    StoreLane,
    /// <summary>16 bytes; → v128. Code: dst, four 32-bit words.</summary>
    Const,
    /// <summary>16 lane indices; v128 v128 → v128. Code: dst, a, b, four 32-bit words of indices.</summary>
    Shuffle,
    /// <summary>lane; v128 → scalar. Code: dst, a, lane.</summary>
    ExtractLane,
    /// <summary>lane; v128 scalar → v128. Code: dst, a, b, lane.</summary>
    ReplaceLane,
    /// <summary>scalar → v128. Code: dst, a.</summary>
    Splat,
    /// <summary>v128 → v128. Code: dst, a.</summary>
    Unary,
    /// <summary>v128 v128 → v128. Code: dst, a, b.</summary>
    Binary,
    /// <summary>v128 v128 v128 → v128. Code: dst, a, b, c.</summary>
    Ternary,
    /// <summary>v128 → i32. Code: dst, a.</summary>
    Test,
    /// <summary>v128 i32 → v128. Code: dst, a, b.</summary>
    Shift,
    /// <summary>Interpreter only. Code: dst, src.</summary>
    Move,
    /// <summary>Interpreter only. Code: dst, a, b, cond.</summary>
    Select,
    /// <summary>Interpreter only. Code: dst, global.</summary>
    GlobalGet,
    /// <summary>Interpreter only. Code: global, src.</summary>
    GlobalSet,
    /// <summary>
    /// Interpreter only: any memory shape on any memory. Code: the wasm sub-opcode (| 0x1000 for an <c>i64</c>
    /// address), dst, address, vector, memory, offset low, offset high, lane; the operands the wasm shape lacks are 0.
    /// </summary>
    MemoryAccess,
}

/// <summary>One row of <see cref="SimdInstructions"/>.</summary>
/// <param name="Opcode">The sub-opcode after the 0xFD prefix, which also names the instruction.</param>
/// <param name="Shape">Immediates, operand and result types, and code layout.</param>
/// <param name="Scalar">The scalar operand or result type of splats and lane accesses.</param>
/// <param name="Lanes">Lane count of lane accesses (the lane immediate must be below it).</param>
/// <param name="AccessSize">Bytes a memory access reads or writes; also the largest allowed alignment.</param>
internal readonly record struct SimdInstruction(SimdOpcode Opcode, SimdShape Shape, ValueType Scalar = default, int Lanes = 0, int AccessSize = 0)
{
    public bool IsRelaxed => Opcode is >= SimdOpcode.I8x16RelaxedSwizzle and < SimdOpcode.V128Copy;

    /// <summary>Code units the translated instruction takes, <c>Op.Simd</c> and the opcode included.</summary>
    public int CodeLength => Shape switch
    {
        SimdShape.Splat or SimdShape.Unary or SimdShape.Test or SimdShape.Move or SimdShape.GlobalGet or SimdShape.GlobalSet => 4,
        SimdShape.Load or SimdShape.Store or SimdShape.ExtractLane or SimdShape.Binary or SimdShape.Shift => 5,
        SimdShape.StoreLane or SimdShape.ReplaceLane or SimdShape.Ternary or SimdShape.Select => 6,
        SimdShape.LoadLane or SimdShape.Const => 7,
        SimdShape.MemoryAccess => 10,
        _ => 9, // Shuffle
    };
}

/// <summary>
/// The one definition of every vector instruction: which sub-opcodes exist, their shapes, lane counts and access
/// sizes, and their text names. The binary decoder, the validator and translator, the interpreter, the
/// disassembler and the text encoder all read it; semantics are keyed by the same <see cref="SimdOpcode"/> in
/// <c>Execution/SimdOperations*.cs</c>, and a test checks that every row has them.
/// </summary>
internal static class SimdInstructions
{
    private static readonly SimdInstruction[] Rows =
    [
            new(SimdOpcode.V128Load, SimdShape.Load, AccessSize: 16),
            new(SimdOpcode.V128Load8x8S, SimdShape.Load, AccessSize: 8),
            new(SimdOpcode.V128Load8x8U, SimdShape.Load, AccessSize: 8),
            new(SimdOpcode.V128Load16x4S, SimdShape.Load, AccessSize: 8),
            new(SimdOpcode.V128Load16x4U, SimdShape.Load, AccessSize: 8),
            new(SimdOpcode.V128Load32x2S, SimdShape.Load, AccessSize: 8),
            new(SimdOpcode.V128Load32x2U, SimdShape.Load, AccessSize: 8),
            new(SimdOpcode.V128Load8Splat, SimdShape.Load, AccessSize: 1),
            new(SimdOpcode.V128Load16Splat, SimdShape.Load, AccessSize: 2),
            new(SimdOpcode.V128Load32Splat, SimdShape.Load, AccessSize: 4),
            new(SimdOpcode.V128Load64Splat, SimdShape.Load, AccessSize: 8),
            new(SimdOpcode.V128Store, SimdShape.Store, AccessSize: 16),
            new(SimdOpcode.V128Const, SimdShape.Const),
            new(SimdOpcode.I8x16Shuffle, SimdShape.Shuffle),
            new(SimdOpcode.I8x16Swizzle, SimdShape.Binary),
            new(SimdOpcode.I8x16Splat, SimdShape.Splat, ValueType.I32),
            new(SimdOpcode.I16x8Splat, SimdShape.Splat, ValueType.I32),
            new(SimdOpcode.I32x4Splat, SimdShape.Splat, ValueType.I32),
            new(SimdOpcode.I64x2Splat, SimdShape.Splat, ValueType.I64),
            new(SimdOpcode.F32x4Splat, SimdShape.Splat, ValueType.F32),
            new(SimdOpcode.F64x2Splat, SimdShape.Splat, ValueType.F64),
            new(SimdOpcode.I8x16ExtractLaneS, SimdShape.ExtractLane, ValueType.I32, Lanes: 16),
            new(SimdOpcode.I8x16ExtractLaneU, SimdShape.ExtractLane, ValueType.I32, Lanes: 16),
            new(SimdOpcode.I8x16ReplaceLane, SimdShape.ReplaceLane, ValueType.I32, Lanes: 16),
            new(SimdOpcode.I16x8ExtractLaneS, SimdShape.ExtractLane, ValueType.I32, Lanes: 8),
            new(SimdOpcode.I16x8ExtractLaneU, SimdShape.ExtractLane, ValueType.I32, Lanes: 8),
            new(SimdOpcode.I16x8ReplaceLane, SimdShape.ReplaceLane, ValueType.I32, Lanes: 8),
            new(SimdOpcode.I32x4ExtractLane, SimdShape.ExtractLane, ValueType.I32, Lanes: 4),
            new(SimdOpcode.I32x4ReplaceLane, SimdShape.ReplaceLane, ValueType.I32, Lanes: 4),
            new(SimdOpcode.I64x2ExtractLane, SimdShape.ExtractLane, ValueType.I64, Lanes: 2),
            new(SimdOpcode.I64x2ReplaceLane, SimdShape.ReplaceLane, ValueType.I64, Lanes: 2),
            new(SimdOpcode.F32x4ExtractLane, SimdShape.ExtractLane, ValueType.F32, Lanes: 4),
            new(SimdOpcode.F32x4ReplaceLane, SimdShape.ReplaceLane, ValueType.F32, Lanes: 4),
            new(SimdOpcode.F64x2ExtractLane, SimdShape.ExtractLane, ValueType.F64, Lanes: 2),
            new(SimdOpcode.F64x2ReplaceLane, SimdShape.ReplaceLane, ValueType.F64, Lanes: 2),
            new(SimdOpcode.I8x16Eq, SimdShape.Binary),
            new(SimdOpcode.I8x16Ne, SimdShape.Binary),
            new(SimdOpcode.I8x16LtS, SimdShape.Binary),
            new(SimdOpcode.I8x16LtU, SimdShape.Binary),
            new(SimdOpcode.I8x16GtS, SimdShape.Binary),
            new(SimdOpcode.I8x16GtU, SimdShape.Binary),
            new(SimdOpcode.I8x16LeS, SimdShape.Binary),
            new(SimdOpcode.I8x16LeU, SimdShape.Binary),
            new(SimdOpcode.I8x16GeS, SimdShape.Binary),
            new(SimdOpcode.I8x16GeU, SimdShape.Binary),
            new(SimdOpcode.I16x8Eq, SimdShape.Binary),
            new(SimdOpcode.I16x8Ne, SimdShape.Binary),
            new(SimdOpcode.I16x8LtS, SimdShape.Binary),
            new(SimdOpcode.I16x8LtU, SimdShape.Binary),
            new(SimdOpcode.I16x8GtS, SimdShape.Binary),
            new(SimdOpcode.I16x8GtU, SimdShape.Binary),
            new(SimdOpcode.I16x8LeS, SimdShape.Binary),
            new(SimdOpcode.I16x8LeU, SimdShape.Binary),
            new(SimdOpcode.I16x8GeS, SimdShape.Binary),
            new(SimdOpcode.I16x8GeU, SimdShape.Binary),
            new(SimdOpcode.I32x4Eq, SimdShape.Binary),
            new(SimdOpcode.I32x4Ne, SimdShape.Binary),
            new(SimdOpcode.I32x4LtS, SimdShape.Binary),
            new(SimdOpcode.I32x4LtU, SimdShape.Binary),
            new(SimdOpcode.I32x4GtS, SimdShape.Binary),
            new(SimdOpcode.I32x4GtU, SimdShape.Binary),
            new(SimdOpcode.I32x4LeS, SimdShape.Binary),
            new(SimdOpcode.I32x4LeU, SimdShape.Binary),
            new(SimdOpcode.I32x4GeS, SimdShape.Binary),
            new(SimdOpcode.I32x4GeU, SimdShape.Binary),
            new(SimdOpcode.F32x4Eq, SimdShape.Binary),
            new(SimdOpcode.F32x4Ne, SimdShape.Binary),
            new(SimdOpcode.F32x4Lt, SimdShape.Binary),
            new(SimdOpcode.F32x4Gt, SimdShape.Binary),
            new(SimdOpcode.F32x4Le, SimdShape.Binary),
            new(SimdOpcode.F32x4Ge, SimdShape.Binary),
            new(SimdOpcode.F64x2Eq, SimdShape.Binary),
            new(SimdOpcode.F64x2Ne, SimdShape.Binary),
            new(SimdOpcode.F64x2Lt, SimdShape.Binary),
            new(SimdOpcode.F64x2Gt, SimdShape.Binary),
            new(SimdOpcode.F64x2Le, SimdShape.Binary),
            new(SimdOpcode.F64x2Ge, SimdShape.Binary),
            new(SimdOpcode.V128Not, SimdShape.Unary),
            new(SimdOpcode.V128And, SimdShape.Binary),
            new(SimdOpcode.V128Andnot, SimdShape.Binary),
            new(SimdOpcode.V128Or, SimdShape.Binary),
            new(SimdOpcode.V128Xor, SimdShape.Binary),
            new(SimdOpcode.V128Bitselect, SimdShape.Ternary),
            new(SimdOpcode.V128AnyTrue, SimdShape.Test),
            new(SimdOpcode.V128Load8Lane, SimdShape.LoadLane, Lanes: 16, AccessSize: 1),
            new(SimdOpcode.V128Load16Lane, SimdShape.LoadLane, Lanes: 8, AccessSize: 2),
            new(SimdOpcode.V128Load32Lane, SimdShape.LoadLane, Lanes: 4, AccessSize: 4),
            new(SimdOpcode.V128Load64Lane, SimdShape.LoadLane, Lanes: 2, AccessSize: 8),
            new(SimdOpcode.V128Store8Lane, SimdShape.StoreLane, Lanes: 16, AccessSize: 1),
            new(SimdOpcode.V128Store16Lane, SimdShape.StoreLane, Lanes: 8, AccessSize: 2),
            new(SimdOpcode.V128Store32Lane, SimdShape.StoreLane, Lanes: 4, AccessSize: 4),
            new(SimdOpcode.V128Store64Lane, SimdShape.StoreLane, Lanes: 2, AccessSize: 8),
            new(SimdOpcode.V128Load32Zero, SimdShape.Load, AccessSize: 4),
            new(SimdOpcode.V128Load64Zero, SimdShape.Load, AccessSize: 8),
            new(SimdOpcode.F32x4DemoteF64x2Zero, SimdShape.Unary),
            new(SimdOpcode.F64x2PromoteLowF32x4, SimdShape.Unary),
            new(SimdOpcode.I8x16Abs, SimdShape.Unary),
            new(SimdOpcode.I8x16Neg, SimdShape.Unary),
            new(SimdOpcode.I8x16Popcnt, SimdShape.Unary),
            new(SimdOpcode.I8x16AllTrue, SimdShape.Test),
            new(SimdOpcode.I8x16Bitmask, SimdShape.Test),
            new(SimdOpcode.I8x16NarrowI16x8S, SimdShape.Binary),
            new(SimdOpcode.I8x16NarrowI16x8U, SimdShape.Binary),
            new(SimdOpcode.F32x4Ceil, SimdShape.Unary),
            new(SimdOpcode.F32x4Floor, SimdShape.Unary),
            new(SimdOpcode.F32x4Trunc, SimdShape.Unary),
            new(SimdOpcode.F32x4Nearest, SimdShape.Unary),
            new(SimdOpcode.I8x16Shl, SimdShape.Shift),
            new(SimdOpcode.I8x16ShrS, SimdShape.Shift),
            new(SimdOpcode.I8x16ShrU, SimdShape.Shift),
            new(SimdOpcode.I8x16Add, SimdShape.Binary),
            new(SimdOpcode.I8x16AddSatS, SimdShape.Binary),
            new(SimdOpcode.I8x16AddSatU, SimdShape.Binary),
            new(SimdOpcode.I8x16Sub, SimdShape.Binary),
            new(SimdOpcode.I8x16SubSatS, SimdShape.Binary),
            new(SimdOpcode.I8x16SubSatU, SimdShape.Binary),
            new(SimdOpcode.F64x2Ceil, SimdShape.Unary),
            new(SimdOpcode.F64x2Floor, SimdShape.Unary),
            new(SimdOpcode.I8x16MinS, SimdShape.Binary),
            new(SimdOpcode.I8x16MinU, SimdShape.Binary),
            new(SimdOpcode.I8x16MaxS, SimdShape.Binary),
            new(SimdOpcode.I8x16MaxU, SimdShape.Binary),
            new(SimdOpcode.F64x2Trunc, SimdShape.Unary),
            new(SimdOpcode.I8x16AvgrU, SimdShape.Binary),
            new(SimdOpcode.I16x8ExtaddPairwiseI8x16S, SimdShape.Unary),
            new(SimdOpcode.I16x8ExtaddPairwiseI8x16U, SimdShape.Unary),
            new(SimdOpcode.I32x4ExtaddPairwiseI16x8S, SimdShape.Unary),
            new(SimdOpcode.I32x4ExtaddPairwiseI16x8U, SimdShape.Unary),
            new(SimdOpcode.I16x8Abs, SimdShape.Unary),
            new(SimdOpcode.I16x8Neg, SimdShape.Unary),
            new(SimdOpcode.I16x8Q15mulrSatS, SimdShape.Binary),
            new(SimdOpcode.I16x8AllTrue, SimdShape.Test),
            new(SimdOpcode.I16x8Bitmask, SimdShape.Test),
            new(SimdOpcode.I16x8NarrowI32x4S, SimdShape.Binary),
            new(SimdOpcode.I16x8NarrowI32x4U, SimdShape.Binary),
            new(SimdOpcode.I16x8ExtendLowI8x16S, SimdShape.Unary),
            new(SimdOpcode.I16x8ExtendHighI8x16S, SimdShape.Unary),
            new(SimdOpcode.I16x8ExtendLowI8x16U, SimdShape.Unary),
            new(SimdOpcode.I16x8ExtendHighI8x16U, SimdShape.Unary),
            new(SimdOpcode.I16x8Shl, SimdShape.Shift),
            new(SimdOpcode.I16x8ShrS, SimdShape.Shift),
            new(SimdOpcode.I16x8ShrU, SimdShape.Shift),
            new(SimdOpcode.I16x8Add, SimdShape.Binary),
            new(SimdOpcode.I16x8AddSatS, SimdShape.Binary),
            new(SimdOpcode.I16x8AddSatU, SimdShape.Binary),
            new(SimdOpcode.I16x8Sub, SimdShape.Binary),
            new(SimdOpcode.I16x8SubSatS, SimdShape.Binary),
            new(SimdOpcode.I16x8SubSatU, SimdShape.Binary),
            new(SimdOpcode.F64x2Nearest, SimdShape.Unary),
            new(SimdOpcode.I16x8Mul, SimdShape.Binary),
            new(SimdOpcode.I16x8MinS, SimdShape.Binary),
            new(SimdOpcode.I16x8MinU, SimdShape.Binary),
            new(SimdOpcode.I16x8MaxS, SimdShape.Binary),
            new(SimdOpcode.I16x8MaxU, SimdShape.Binary),
            new(SimdOpcode.I16x8AvgrU, SimdShape.Binary),
            new(SimdOpcode.I16x8ExtmulLowI8x16S, SimdShape.Binary),
            new(SimdOpcode.I16x8ExtmulHighI8x16S, SimdShape.Binary),
            new(SimdOpcode.I16x8ExtmulLowI8x16U, SimdShape.Binary),
            new(SimdOpcode.I16x8ExtmulHighI8x16U, SimdShape.Binary),
            new(SimdOpcode.I32x4Abs, SimdShape.Unary),
            new(SimdOpcode.I32x4Neg, SimdShape.Unary),
            new(SimdOpcode.I32x4AllTrue, SimdShape.Test),
            new(SimdOpcode.I32x4Bitmask, SimdShape.Test),
            new(SimdOpcode.I32x4ExtendLowI16x8S, SimdShape.Unary),
            new(SimdOpcode.I32x4ExtendHighI16x8S, SimdShape.Unary),
            new(SimdOpcode.I32x4ExtendLowI16x8U, SimdShape.Unary),
            new(SimdOpcode.I32x4ExtendHighI16x8U, SimdShape.Unary),
            new(SimdOpcode.I32x4Shl, SimdShape.Shift),
            new(SimdOpcode.I32x4ShrS, SimdShape.Shift),
            new(SimdOpcode.I32x4ShrU, SimdShape.Shift),
            new(SimdOpcode.I32x4Add, SimdShape.Binary),
            new(SimdOpcode.I32x4Sub, SimdShape.Binary),
            new(SimdOpcode.I32x4Mul, SimdShape.Binary),
            new(SimdOpcode.I32x4MinS, SimdShape.Binary),
            new(SimdOpcode.I32x4MinU, SimdShape.Binary),
            new(SimdOpcode.I32x4MaxS, SimdShape.Binary),
            new(SimdOpcode.I32x4MaxU, SimdShape.Binary),
            new(SimdOpcode.I32x4DotI16x8S, SimdShape.Binary),
            new(SimdOpcode.I32x4ExtmulLowI16x8S, SimdShape.Binary),
            new(SimdOpcode.I32x4ExtmulHighI16x8S, SimdShape.Binary),
            new(SimdOpcode.I32x4ExtmulLowI16x8U, SimdShape.Binary),
            new(SimdOpcode.I32x4ExtmulHighI16x8U, SimdShape.Binary),
            new(SimdOpcode.I64x2Abs, SimdShape.Unary),
            new(SimdOpcode.I64x2Neg, SimdShape.Unary),
            new(SimdOpcode.I64x2AllTrue, SimdShape.Test),
            new(SimdOpcode.I64x2Bitmask, SimdShape.Test),
            new(SimdOpcode.I64x2ExtendLowI32x4S, SimdShape.Unary),
            new(SimdOpcode.I64x2ExtendHighI32x4S, SimdShape.Unary),
            new(SimdOpcode.I64x2ExtendLowI32x4U, SimdShape.Unary),
            new(SimdOpcode.I64x2ExtendHighI32x4U, SimdShape.Unary),
            new(SimdOpcode.I64x2Shl, SimdShape.Shift),
            new(SimdOpcode.I64x2ShrS, SimdShape.Shift),
            new(SimdOpcode.I64x2ShrU, SimdShape.Shift),
            new(SimdOpcode.I64x2Add, SimdShape.Binary),
            new(SimdOpcode.I64x2Sub, SimdShape.Binary),
            new(SimdOpcode.I64x2Mul, SimdShape.Binary),
            new(SimdOpcode.I64x2Eq, SimdShape.Binary),
            new(SimdOpcode.I64x2Ne, SimdShape.Binary),
            new(SimdOpcode.I64x2LtS, SimdShape.Binary),
            new(SimdOpcode.I64x2GtS, SimdShape.Binary),
            new(SimdOpcode.I64x2LeS, SimdShape.Binary),
            new(SimdOpcode.I64x2GeS, SimdShape.Binary),
            new(SimdOpcode.I64x2ExtmulLowI32x4S, SimdShape.Binary),
            new(SimdOpcode.I64x2ExtmulHighI32x4S, SimdShape.Binary),
            new(SimdOpcode.I64x2ExtmulLowI32x4U, SimdShape.Binary),
            new(SimdOpcode.I64x2ExtmulHighI32x4U, SimdShape.Binary),
            new(SimdOpcode.F32x4Abs, SimdShape.Unary),
            new(SimdOpcode.F32x4Neg, SimdShape.Unary),
            new(SimdOpcode.F32x4Sqrt, SimdShape.Unary),
            new(SimdOpcode.F32x4Add, SimdShape.Binary),
            new(SimdOpcode.F32x4Sub, SimdShape.Binary),
            new(SimdOpcode.F32x4Mul, SimdShape.Binary),
            new(SimdOpcode.F32x4Div, SimdShape.Binary),
            new(SimdOpcode.F32x4Min, SimdShape.Binary),
            new(SimdOpcode.F32x4Max, SimdShape.Binary),
            new(SimdOpcode.F32x4Pmin, SimdShape.Binary),
            new(SimdOpcode.F32x4Pmax, SimdShape.Binary),
            new(SimdOpcode.F64x2Abs, SimdShape.Unary),
            new(SimdOpcode.F64x2Neg, SimdShape.Unary),
            new(SimdOpcode.F64x2Sqrt, SimdShape.Unary),
            new(SimdOpcode.F64x2Add, SimdShape.Binary),
            new(SimdOpcode.F64x2Sub, SimdShape.Binary),
            new(SimdOpcode.F64x2Mul, SimdShape.Binary),
            new(SimdOpcode.F64x2Div, SimdShape.Binary),
            new(SimdOpcode.F64x2Min, SimdShape.Binary),
            new(SimdOpcode.F64x2Max, SimdShape.Binary),
            new(SimdOpcode.F64x2Pmin, SimdShape.Binary),
            new(SimdOpcode.F64x2Pmax, SimdShape.Binary),
            new(SimdOpcode.I32x4TruncSatF32x4S, SimdShape.Unary),
            new(SimdOpcode.I32x4TruncSatF32x4U, SimdShape.Unary),
            new(SimdOpcode.F32x4ConvertI32x4S, SimdShape.Unary),
            new(SimdOpcode.F32x4ConvertI32x4U, SimdShape.Unary),
            new(SimdOpcode.I32x4TruncSatF64x2SZero, SimdShape.Unary),
            new(SimdOpcode.I32x4TruncSatF64x2UZero, SimdShape.Unary),
            new(SimdOpcode.F64x2ConvertLowI32x4S, SimdShape.Unary),
            new(SimdOpcode.F64x2ConvertLowI32x4U, SimdShape.Unary),
            new(SimdOpcode.I8x16RelaxedSwizzle, SimdShape.Binary),
            new(SimdOpcode.I32x4RelaxedTruncF32x4S, SimdShape.Unary),
            new(SimdOpcode.I32x4RelaxedTruncF32x4U, SimdShape.Unary),
            new(SimdOpcode.I32x4RelaxedTruncF64x2SZero, SimdShape.Unary),
            new(SimdOpcode.I32x4RelaxedTruncF64x2UZero, SimdShape.Unary),
            new(SimdOpcode.F32x4RelaxedMadd, SimdShape.Ternary),
            new(SimdOpcode.F32x4RelaxedNmadd, SimdShape.Ternary),
            new(SimdOpcode.F64x2RelaxedMadd, SimdShape.Ternary),
            new(SimdOpcode.F64x2RelaxedNmadd, SimdShape.Ternary),
            new(SimdOpcode.I8x16RelaxedLaneselect, SimdShape.Ternary),
            new(SimdOpcode.I16x8RelaxedLaneselect, SimdShape.Ternary),
            new(SimdOpcode.I32x4RelaxedLaneselect, SimdShape.Ternary),
            new(SimdOpcode.I64x2RelaxedLaneselect, SimdShape.Ternary),
            new(SimdOpcode.F32x4RelaxedMin, SimdShape.Binary),
            new(SimdOpcode.F32x4RelaxedMax, SimdShape.Binary),
            new(SimdOpcode.F64x2RelaxedMin, SimdShape.Binary),
            new(SimdOpcode.F64x2RelaxedMax, SimdShape.Binary),
            new(SimdOpcode.I16x8RelaxedQ15mulrS, SimdShape.Binary),
            new(SimdOpcode.I16x8RelaxedDotI8x16I7x16S, SimdShape.Binary),
            new(SimdOpcode.I32x4RelaxedDotI8x16I7x16AddS, SimdShape.Ternary),
        new(SimdOpcode.V128Copy, SimdShape.Move),
        new(SimdOpcode.V128Select, SimdShape.Select),
        new(SimdOpcode.V128GlobalGet, SimdShape.GlobalGet),
        new(SimdOpcode.V128GlobalSet, SimdShape.GlobalSet),
        new(SimdOpcode.V128MemoryAccess, SimdShape.MemoryAccess),
    ];

    private static readonly SimdInstruction?[] ByOpcode = BuildIndex();
    private static readonly string[] Names = BuildNames();
    private static readonly Dictionary<string, SimdInstruction> ByName = Rows
        .Where(r => r.Opcode < SimdOpcode.V128Copy)
        .ToDictionary(r => Name(r.Opcode), StringComparer.Ordinal);

    /// <summary>Every row, wasm instructions first, in opcode order.</summary>
    public static ReadOnlySpan<SimdInstruction> All => Rows;

    /// <summary>The instruction a binary sub-opcode encodes, or false when the sub-opcode is not a vector instruction.</summary>
    public static bool TryGet(uint subOpcode, out SimdInstruction instruction)
    {
        if (subOpcode < (uint)SimdOpcode.V128Copy && ByOpcode[subOpcode] is { } row)
        {
            instruction = row;
            return true;
        }
        instruction = default;
        return false;
    }

    /// <summary>The row of a (translated) opcode, internal moves included.</summary>
    public static SimdInstruction Get(SimdOpcode opcode) => ByOpcode[(int)opcode]!.Value;

    /// <summary>The instruction with text name <paramref name="name"/> (<c>i32x4.add</c>) or an alias of it, if any.</summary>
    public static bool TryGetByName(string name, out SimdInstruction instruction) =>
        ByName.TryGetValue(name, out instruction) || (Aliases.TryGetValue(name, out var opcode) && ByName.TryGetValue(Name(opcode), out instruction));

    /// <summary>Other text names of <paramref name="opcode"/> (see <see cref="Aliases"/>).</summary>
    public static IEnumerable<string> AliasesOf(SimdOpcode opcode) => Aliases.Where(a => a.Value == opcode).Select(a => a.Key);

    // Earlier names of the relaxed dot products, which the proposal's own relaxed_dot_product.wast still uses.
    private static readonly Dictionary<string, SimdOpcode> Aliases = new(StringComparer.Ordinal)
    {
        ["i16x8.dot_i8x16_i7x16_s"] = SimdOpcode.I16x8RelaxedDotI8x16I7x16S,
        ["i32x4.dot_i8x16_i7x16_add_s"] = SimdOpcode.I32x4RelaxedDotI8x16I7x16AddS,
    };

    /// <summary>The text-format name: <c>I16x8ExtaddPairwiseI8x16S</c> is <c>i16x8.extadd_pairwise_i8x16_s</c>.</summary>
    public static string Name(SimdOpcode opcode) => Names[(int)opcode];

    private static SimdInstruction?[] BuildIndex()
    {
        var index = new SimdInstruction?[(int)SimdOpcode.V128MemoryAccess + 1];
        foreach (var row in Rows) index[(int)row.Opcode] = row;
        return index;
    }

    private static string[] BuildNames()
    {
        var names = new string[(int)SimdOpcode.V128MemoryAccess + 1];
        foreach (var row in Rows) names[(int)row.Opcode] = SpellName(row.Opcode.ToString());
        return names;
    }

    // The member name's words, split at capitals: the first is the shape prefix (i8x16, v128, ...), joined by '.';
    // the rest are joined by '_'. Digits stay with their word ("Load8x8S" -> "load8x8_s").
    private static string SpellName(string member)
    {
        var text = new StringBuilder(member.Length + 8);
        for (var i = 0; i < member.Length; i++)
        {
            var c = member[i];
            if (char.IsUpper(c) && i > 0) text.Append(text.ToString().Contains('.') ? '_' : '.');
            text.Append(char.ToLowerInvariant(c));
        }
        return text.ToString();
    }
}
