using System.Runtime.CompilerServices;

namespace WasmBind.Jit;

/// <summary>
/// f64 arithmetic on double locals, with the same rule as <see cref="JitNumerics"/>'s: where an operand may be a
/// constant the JIT sees, a NaN result is recomputed where the JIT cannot fold (it would return a signalling NaN
/// unchanged from <c>x * 1</c>, which the hardware quiets). Without a constant operand the compiler emits the IL
/// arithmetic instruction itself.
/// </summary>
internal static partial class JitTypedNumerics
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64Add(double a, double b) => Checked(a + b, a, b, 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64Sub(double a, double b) => Checked(a - b, a, b, 1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64Mul(double a, double b) => Checked(a * b, a, b, 2);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64Div(double a, double b) => Checked(a / b, a, b, 3);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Checked(double result, double a, double b, int op) =>
        double.IsNaN(result) ? Recompute(a, b, op) : result;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double Recompute(double x, double y, int op) => op switch { 0 => x + y, 1 => x - y, 2 => x * y, _ => x / y };
}
