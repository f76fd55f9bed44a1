using WasmBind.Binary;

namespace WasmBind.Validation;

/// <summary>
/// Operand and result types of the numeric instructions (opcodes 0x45..0xC4 and the 0xFC saturating truncations),
/// built once from the opcode ranges of the binary format so validation is a table lookup.
/// </summary>
internal static class NumericSignatures
{
    private const ValueType I32 = ValueType.I32, I64 = ValueType.I64, F32 = ValueType.F32, F64 = ValueType.F64;

    /// <summary>Signature of a numeric instruction: <see cref="Second"/> is 0 for unary ones.</summary>
    public readonly record struct Signature(ValueType First, ValueType Second, ValueType Result)
    {
        public bool IsBinary => Second != 0;
    }

    private static readonly Signature[] Table = Build();

    /// <summary>The signature of numeric opcode <paramref name="opcode"/> (0x45..0xC4), or null.</summary>
    public static Signature? For(byte opcode) =>
        opcode is >= Opcode.I32Eqz and <= Opcode.I64Extend32S && Table[opcode].Result != 0 ? Table[opcode] : null;

    /// <summary>The signature of saturating truncation <c>0xFC n</c> for n in 0..7.</summary>
    public static Signature ForSaturating(uint n) => new(
        (n & 2) == 0 ? F32 : F64, 0, n <= MiscOpcode.I32TruncSatF64U ? I32 : I64);

    private static Signature[] Build()
    {
        var t = new Signature[256];
        void Range(int first, int last, Signature s) { for (var op = first; op <= last; op++) t[op] = s; }
        t[Opcode.I32Eqz] = new(I32, 0, I32);
        Range(Opcode.I32Eq, Opcode.I32GeU, new(I32, I32, I32)); // i32 comparisons
        t[Opcode.I64Eqz] = new(I64, 0, I32);
        Range(Opcode.I64Eq, Opcode.I64GeU, new(I64, I64, I32)); // i64 comparisons
        Range(Opcode.F32Eq, Opcode.F32Ge, new(F32, F32, I32)); // f32 comparisons
        Range(Opcode.F64Eq, Opcode.F64Ge, new(F64, F64, I32)); // f64 comparisons
        Range(Opcode.I32Clz, Opcode.I32Popcnt, new(I32, 0, I32)); // i32 clz ctz popcnt
        Range(Opcode.I32Add, Opcode.I32Rotr, new(I32, I32, I32)); // i32 arithmetic
        Range(Opcode.I64Clz, Opcode.I64Popcnt, new(I64, 0, I64)); // i64 clz ctz popcnt
        Range(Opcode.I64Add, Opcode.I64Rotr, new(I64, I64, I64)); // i64 arithmetic
        Range(Opcode.F32Abs, Opcode.F32Sqrt, new(F32, 0, F32)); // f32 unary
        Range(Opcode.F32Add, Opcode.F32Copysign, new(F32, F32, F32)); // f32 binary
        Range(Opcode.F64Abs, Opcode.F64Sqrt, new(F64, 0, F64)); // f64 unary
        Range(Opcode.F64Add, Opcode.F64Copysign, new(F64, F64, F64)); // f64 binary
        t[Opcode.I32WrapI64] = new(I64, 0, I32);
        Range(Opcode.I32TruncF32S, Opcode.I32TruncF32U, new(F32, 0, I32));
        Range(Opcode.I32TruncF64S, Opcode.I32TruncF64U, new(F64, 0, I32));
        Range(Opcode.I64ExtendI32S, Opcode.I64ExtendI32U, new(I32, 0, I64));
        Range(Opcode.I64TruncF32S, Opcode.I64TruncF32U, new(F32, 0, I64));
        Range(Opcode.I64TruncF64S, Opcode.I64TruncF64U, new(F64, 0, I64));
        Range(Opcode.F32ConvertI32S, Opcode.F32ConvertI32U, new(I32, 0, F32));
        Range(Opcode.F32ConvertI64S, Opcode.F32ConvertI64U, new(I64, 0, F32));
        t[Opcode.F32DemoteF64] = new(F64, 0, F32);
        Range(Opcode.F64ConvertI32S, Opcode.F64ConvertI32U, new(I32, 0, F64));
        Range(Opcode.F64ConvertI64S, Opcode.F64ConvertI64U, new(I64, 0, F64));
        t[Opcode.F64PromoteF32] = new(F32, 0, F64);
        t[Opcode.I32ReinterpretF32] = new(F32, 0, I32);
        t[Opcode.I64ReinterpretF64] = new(F64, 0, I64);
        t[Opcode.F32ReinterpretI32] = new(I32, 0, F32);
        t[Opcode.F64ReinterpretI64] = new(I64, 0, F64);
        Range(Opcode.I32Extend8S, Opcode.I32Extend16S, new(I32, 0, I32));
        Range(Opcode.I64Extend8S, Opcode.I64Extend32S, new(I64, 0, I64));
        return t;
    }
}
