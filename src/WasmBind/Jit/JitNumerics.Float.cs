using System.Runtime.CompilerServices;

namespace WasmBind.Jit;

/// <summary>
/// Float arithmetic the JIT could fold wrongly. With a constant operand it rewrites <c>x - 0</c>, <c>x * 1</c> and
/// <c>x / 1</c> (and <c>x + -0</c>) to <c>x</c>, which returns a signalling NaN unchanged, while the hardware
/// operation (what the interpreter runs) quiets it, as WebAssembly requires. A NaN result is therefore recomputed
/// by a method the JIT compiles on its own, where no operand is constant; other results are exact either way.
/// </summary>
internal static partial class JitNumerics
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong F32Add(ulong a, ulong b) => Float(BitConverter.UInt32BitsToSingle((uint)a) + BitConverter.UInt32BitsToSingle((uint)b), a, b, 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong F32Sub(ulong a, ulong b) => Float(BitConverter.UInt32BitsToSingle((uint)a) - BitConverter.UInt32BitsToSingle((uint)b), a, b, 1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong F32Mul(ulong a, ulong b) => Float(BitConverter.UInt32BitsToSingle((uint)a) * BitConverter.UInt32BitsToSingle((uint)b), a, b, 2);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong F32Div(ulong a, ulong b) => Float(BitConverter.UInt32BitsToSingle((uint)a) / BitConverter.UInt32BitsToSingle((uint)b), a, b, 3);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong F64Add(ulong a, ulong b) => Double(BitConverter.UInt64BitsToDouble(a) + BitConverter.UInt64BitsToDouble(b), a, b, 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong F64Sub(ulong a, ulong b) => Double(BitConverter.UInt64BitsToDouble(a) - BitConverter.UInt64BitsToDouble(b), a, b, 1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong F64Mul(ulong a, ulong b) => Double(BitConverter.UInt64BitsToDouble(a) * BitConverter.UInt64BitsToDouble(b), a, b, 2);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong F64Div(ulong a, ulong b) => Double(BitConverter.UInt64BitsToDouble(a) / BitConverter.UInt64BitsToDouble(b), a, b, 3);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Float(float result, ulong a, ulong b, int op) =>
        float.IsNaN(result) ? RecomputeFloat(a, b, op) : BitConverter.SingleToUInt32Bits(result);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Double(double result, ulong a, ulong b, int op) =>
        double.IsNaN(result) ? RecomputeDouble(a, b, op) : BitConverter.DoubleToUInt64Bits(result);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ulong RecomputeFloat(ulong a, ulong b, int op)
    {
        var x = BitConverter.UInt32BitsToSingle((uint)a);
        var y = BitConverter.UInt32BitsToSingle((uint)b);
        return BitConverter.SingleToUInt32Bits(op switch { 0 => x + y, 1 => x - y, 2 => x * y, _ => x / y });
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ulong RecomputeDouble(ulong a, ulong b, int op)
    {
        var x = BitConverter.UInt64BitsToDouble(a);
        var y = BitConverter.UInt64BitsToDouble(b);
        return BitConverter.DoubleToUInt64Bits(op switch { 0 => x + y, 1 => x - y, 2 => x * y, _ => x / y });
    }

    // The plain forms, for operands no constant instruction writes: the JIT cannot fold those.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong F32AddPlain(ulong a, ulong b) => BitConverter.SingleToUInt32Bits(BitConverter.UInt32BitsToSingle((uint)a) + BitConverter.UInt32BitsToSingle((uint)b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong F32SubPlain(ulong a, ulong b) => BitConverter.SingleToUInt32Bits(BitConverter.UInt32BitsToSingle((uint)a) - BitConverter.UInt32BitsToSingle((uint)b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong F32MulPlain(ulong a, ulong b) => BitConverter.SingleToUInt32Bits(BitConverter.UInt32BitsToSingle((uint)a) * BitConverter.UInt32BitsToSingle((uint)b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong F32DivPlain(ulong a, ulong b) => BitConverter.SingleToUInt32Bits(BitConverter.UInt32BitsToSingle((uint)a) / BitConverter.UInt32BitsToSingle((uint)b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong F64AddPlain(ulong a, ulong b) => BitConverter.DoubleToUInt64Bits(BitConverter.UInt64BitsToDouble(a) + BitConverter.UInt64BitsToDouble(b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong F64SubPlain(ulong a, ulong b) => BitConverter.DoubleToUInt64Bits(BitConverter.UInt64BitsToDouble(a) - BitConverter.UInt64BitsToDouble(b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong F64MulPlain(ulong a, ulong b) => BitConverter.DoubleToUInt64Bits(BitConverter.UInt64BitsToDouble(a) * BitConverter.UInt64BitsToDouble(b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong F64DivPlain(ulong a, ulong b) => BitConverter.DoubleToUInt64Bits(BitConverter.UInt64BitsToDouble(a) / BitConverter.UInt64BitsToDouble(b));
}
