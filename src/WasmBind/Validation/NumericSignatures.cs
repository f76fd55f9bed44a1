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
        opcode is >= 0x45 and <= 0xC4 && Table[opcode].Result != 0 ? Table[opcode] : null;

    /// <summary>The signature of saturating truncation <c>0xFC n</c> for n in 0..7.</summary>
    public static Signature ForSaturating(uint n) => new(
        (n & 2) == 0 ? F32 : F64, 0, n < 4 ? I32 : I64);

    private static Signature[] Build()
    {
        var t = new Signature[256];
        void Range(int first, int last, Signature s) { for (var op = first; op <= last; op++) t[op] = s; }
        Range(0x45, 0x45, new(I32, 0, I32));            // i32.eqz
        Range(0x46, 0x4F, new(I32, I32, I32));          // i32 comparisons
        Range(0x50, 0x50, new(I64, 0, I32));            // i64.eqz
        Range(0x51, 0x5A, new(I64, I64, I32));          // i64 comparisons
        Range(0x5B, 0x60, new(F32, F32, I32));          // f32 comparisons
        Range(0x61, 0x66, new(F64, F64, I32));          // f64 comparisons
        Range(0x67, 0x69, new(I32, 0, I32));            // i32 clz ctz popcnt
        Range(0x6A, 0x78, new(I32, I32, I32));          // i32 arithmetic
        Range(0x79, 0x7B, new(I64, 0, I64));            // i64 clz ctz popcnt
        Range(0x7C, 0x8A, new(I64, I64, I64));          // i64 arithmetic
        Range(0x8B, 0x91, new(F32, 0, F32));            // f32 unary
        Range(0x92, 0x98, new(F32, F32, F32));          // f32 binary
        Range(0x99, 0x9F, new(F64, 0, F64));            // f64 unary
        Range(0xA0, 0xA6, new(F64, F64, F64));          // f64 binary
        t[0xA7] = new(I64, 0, I32);                      // i32.wrap_i64
        Range(0xA8, 0xA9, new(F32, 0, I32));            // i32.trunc_f32_s/u
        Range(0xAA, 0xAB, new(F64, 0, I32));            // i32.trunc_f64_s/u
        Range(0xAC, 0xAD, new(I32, 0, I64));            // i64.extend_i32_s/u
        Range(0xAE, 0xAF, new(F32, 0, I64));            // i64.trunc_f32_s/u
        Range(0xB0, 0xB1, new(F64, 0, I64));            // i64.trunc_f64_s/u
        Range(0xB2, 0xB3, new(I32, 0, F32));            // f32.convert_i32_s/u
        Range(0xB4, 0xB5, new(I64, 0, F32));            // f32.convert_i64_s/u
        t[0xB6] = new(F64, 0, F32);                      // f32.demote_f64
        Range(0xB7, 0xB8, new(I32, 0, F64));            // f64.convert_i32_s/u
        Range(0xB9, 0xBA, new(I64, 0, F64));            // f64.convert_i64_s/u
        t[0xBB] = new(F32, 0, F64);                      // f64.promote_f32
        t[0xBC] = new(F32, 0, I32);                      // i32.reinterpret_f32
        t[0xBD] = new(F64, 0, I64);                      // i64.reinterpret_f64
        t[0xBE] = new(I32, 0, F32);                      // f32.reinterpret_i32
        t[0xBF] = new(I64, 0, F64);                      // f64.reinterpret_i64
        Range(0xC0, 0xC1, new(I32, 0, I32));            // i32.extend8_s/16_s
        Range(0xC2, 0xC4, new(I64, 0, I64));            // i64.extend8_s/16_s/32_s
        return t;
    }
}
