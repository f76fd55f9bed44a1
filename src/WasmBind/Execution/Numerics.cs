using System.Runtime.CompilerServices;

namespace WasmBind.Execution;

/// <summary>
/// Numeric semantics where WebAssembly and .NET differ: NaN propagation in min/max, round-half-even,
/// trapping and saturating float-to-int conversions, and exact unsigned 64-bit to float conversions.
/// </summary>
internal static class Numerics
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Min(float a, float b)
    {
        // Adding quiets a signalling NaN, as the spec requires of the result.
        if (float.IsNaN(a) || float.IsNaN(b)) return a + b;
        return MathF.Min(a, b);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Max(float a, float b)
    {
        if (float.IsNaN(a) || float.IsNaN(b)) return a + b;
        return MathF.Max(a, b);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Min(double a, double b)
    {
        if (double.IsNaN(a) || double.IsNaN(b)) return a + b;
        return Math.Min(a, b);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Max(double a, double b)
    {
        if (double.IsNaN(a) || double.IsNaN(b)) return a + b;
        return Math.Max(a, b);
    }

    public static float Nearest(float a) => float.IsNaN(a) ? a + a : MathF.Round(a, MidpointRounding.ToEven);

    public static double Nearest(double a) => double.IsNaN(a) ? a + a : Math.Round(a, MidpointRounding.ToEven);

    public static float Ceiling(float a) => float.IsNaN(a) ? a + a : MathF.Ceiling(a);

    public static double Ceiling(double a) => double.IsNaN(a) ? a + a : Math.Ceiling(a);

    public static float Floor(float a) => float.IsNaN(a) ? a + a : MathF.Floor(a);

    public static double Floor(double a) => double.IsNaN(a) ? a + a : Math.Floor(a);

    public static float Truncate(float a) => float.IsNaN(a) ? a + a : MathF.Truncate(a);

    public static double Truncate(double a) => double.IsNaN(a) ? a + a : Math.Truncate(a);

    public static float Sqrt(float a) => float.IsNaN(a) ? a + a : MathF.Sqrt(a);

    public static double Sqrt(double a) => double.IsNaN(a) ? a + a : Math.Sqrt(a);

    /// <summary>Converts an unsigned 64-bit integer to f32 with one rounding (a double detour would round twice).</summary>
    public static float U64ToF32(ulong value)
    {
        if ((long)value >= 0) return (long)value;
        // Halve, keeping the lost bit as a sticky bit so round-to-nearest-even still sees it.
        var halved = (long)((value >> 1) | (value & 1));
        return (float)halved * 2f;
    }

    public static double U64ToF64(ulong value)
    {
        if ((long)value >= 0) return (long)value;
        var halved = (long)((value >> 1) | (value & 1));
        return (double)halved * 2.0;
    }

    // Trapping truncations return false when the spec traps; the caller raises the right trap code.

    public static TrapCode? CheckTruncToI32(double value)
    {
        if (double.IsNaN(value)) return TrapCode.BadConversionToInteger;
        return value > -2147483649.0 && value < 2147483648.0 ? null : TrapCode.IntegerOverflow;
    }

    public static TrapCode? CheckTruncToU32(double value)
    {
        if (double.IsNaN(value)) return TrapCode.BadConversionToInteger;
        return value > -1.0 && value < 4294967296.0 ? null : TrapCode.IntegerOverflow;
    }

    public static TrapCode? CheckTruncToI64(double value)
    {
        if (double.IsNaN(value)) return TrapCode.BadConversionToInteger;
        return value >= -9223372036854775808.0 && value < 9223372036854775808.0 ? null : TrapCode.IntegerOverflow;
    }

    public static TrapCode? CheckTruncToU64(double value)
    {
        if (double.IsNaN(value)) return TrapCode.BadConversionToInteger;
        return value > -1.0 && value < 18446744073709551616.0 ? null : TrapCode.IntegerOverflow;
    }

    // .NET 9+ float-to-integer casts saturate and map NaN to 0, which is exactly trunc_sat; these make it explicit.

    public static int SatI32(double value) => double.IsNaN(value) ? 0 : value <= int.MinValue ? int.MinValue : value >= int.MaxValue ? int.MaxValue : (int)value;

    public static uint SatU32(double value) => double.IsNaN(value) || value <= 0 ? 0 : value >= uint.MaxValue ? uint.MaxValue : (uint)value;

    public static long SatI64(double value) => double.IsNaN(value) ? 0 : value <= long.MinValue ? long.MinValue : value >= 9223372036854775808.0 ? long.MaxValue : (long)value;

    public static ulong SatU64(double value) => double.IsNaN(value) || value <= 0 ? 0 : value >= 18446744073709551616.0 ? ulong.MaxValue : (ulong)value;
}
