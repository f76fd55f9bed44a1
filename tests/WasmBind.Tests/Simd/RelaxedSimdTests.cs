using System.Runtime.Intrinsics;
using Xunit;

namespace WasmBind.Tests.Simd;

/// <summary>
/// Relaxed SIMD gives the deterministic profile's answer by default, on every machine: each case below picks inputs
/// where the hardware-native answer may differ (out-of-range swizzle indices, NaN and overflow in truncation, fused
/// versus unfused multiply-add, mixed mask bits, signed zeros, the q15 overflow, negative i7 operands).
/// </summary>
public sealed class RelaxedSimdTests
{
    private const string Wat = """
        (module
          (func (export "swizzle") (param v128 v128) (result v128) (i8x16.relaxed_swizzle (local.get 0) (local.get 1)))
          (func (export "trunc_s") (param v128) (result v128) (i32x4.relaxed_trunc_f32x4_s (local.get 0)))
          (func (export "trunc_u") (param v128) (result v128) (i32x4.relaxed_trunc_f32x4_u (local.get 0)))
          (func (export "trunc_s_zero") (param v128) (result v128) (i32x4.relaxed_trunc_f64x2_s_zero (local.get 0)))
          (func (export "madd") (param v128 v128 v128) (result v128) (f32x4.relaxed_madd (local.get 0) (local.get 1) (local.get 2)))
          (func (export "nmadd64") (param v128 v128 v128) (result v128) (f64x2.relaxed_nmadd (local.get 0) (local.get 1) (local.get 2)))
          (func (export "laneselect") (param v128 v128 v128) (result v128) (i32x4.relaxed_laneselect (local.get 0) (local.get 1) (local.get 2)))
          (func (export "min") (param v128 v128) (result v128) (f32x4.relaxed_min (local.get 0) (local.get 1)))
          (func (export "max") (param v128 v128) (result v128) (f64x2.relaxed_max (local.get 0) (local.get 1)))
          (func (export "q15") (param v128 v128) (result v128) (i16x8.relaxed_q15mulr_s (local.get 0) (local.get 1)))
          (func (export "dot") (param v128 v128) (result v128) (i16x8.relaxed_dot_i8x16_i7x16_s (local.get 0) (local.get 1)))
          (func (export "dot_add") (param v128 v128 v128) (result v128) (i32x4.relaxed_dot_i8x16_i7x16_add_s (local.get 0) (local.get 1) (local.get 2))))
        """;

    private readonly Instance instance;

    public RelaxedSimdTests()
    {
        var engine = new Engine();
        instance = new Linker(engine).Instantiate(new Store(engine), Module.FromText(engine, Wat));
    }

    private Vector128<TOut> Call<TOut>(string name, params Vector128<byte>[] args) where TOut : struct =>
        instance.GetFunction(name)!.Invoke(args.Select(a => Value.V128(a)).ToArray())[0].AsVector128<TOut>();

    [Fact]
    public void Swizzle_indices_of_16_and_above_give_zero()
    {
        var table = Vector128.Create((byte)10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25);
        var indices = Vector128.Create((byte)0, 15, 16, 17, 31, 32, 127, 128, 255, 1, 2, 3, 4, 5, 6, 7);
        Assert.Equal(Vector128.Create((byte)10, 25, 0, 0, 0, 0, 0, 0, 0, 11, 12, 13, 14, 15, 16, 17), Call<byte>("swizzle", table, indices));
    }

    [Fact]
    public void Truncation_saturates_and_maps_nan_to_zero()
    {
        var input = Vector128.Create(float.NaN, 3e9f, -3e9f, -1.5f).AsByte();
        Assert.Equal(Vector128.Create(0, int.MaxValue, int.MinValue, -1), Call<int>("trunc_s", input));
        Assert.Equal(Vector128.Create(0u, 3_000_000_000u, 0u, 0u), Call<uint>("trunc_u", input));
        Assert.Equal(Vector128.Create(0, int.MaxValue, 0, 0), Call<int>("trunc_s_zero", Vector128.Create(double.NaN, 1e10).AsByte()));
    }

    [Fact]
    public void Madd_rounds_the_product_before_adding()
    {
        // (1 + 2^-12)^2 - (1 + 2^-11) is 2^-24 exactly, which a fused multiply-add keeps; rounding the product first loses it.
        var x = Vector128.Create(1f + MathF.Pow(2, -12)).AsByte();
        var c = Vector128.Create(-(1f + MathF.Pow(2, -11))).AsByte();
        Assert.Equal(Vector128<float>.Zero, Call<float>("madd", x, x, c));

        var y = Vector128.Create(1d + Math.Pow(2, -27)).AsByte();
        var d = Vector128.Create(1d + Math.Pow(2, -26)).AsByte();
        Assert.Equal(Vector128<double>.Zero, Call<double>("nmadd64", y, y, d));
    }

    [Fact]
    public void Laneselect_selects_bit_by_bit()
    {
        var a = Vector128.Create(0x11111111).AsByte();
        var b = Vector128.Create(0x22222222).AsByte();
        var mask = Vector128.Create(unchecked((int)0xFFFF0000), 0x0000FFFF, -1, 0).AsByte();
        Assert.Equal(Vector128.Create(0x11112222, 0x22221111, 0x11111111, 0x22222222), Call<int>("laneselect", a, b, mask));
    }

    [Fact]
    public void Min_and_max_propagate_nan_and_order_zeros()
    {
        var min = Call<uint>("min", Vector128.Create(0f, -0f, float.NaN, 1f).AsByte(), Vector128.Create(-0f, 0f, 1f, float.NaN).AsByte());
        Assert.Equal(0x8000_0000u, min[0]);
        Assert.Equal(0x8000_0000u, min[1]);
        Assert.True(float.IsNaN(BitConverter.UInt32BitsToSingle(min[2])));
        Assert.True(float.IsNaN(BitConverter.UInt32BitsToSingle(min[3])));

        var max = Call<ulong>("max", Vector128.Create(-0d, double.NaN).AsByte(), Vector128.Create(0d, 0d).AsByte());
        Assert.Equal(0ul, max[0]);
        Assert.True(double.IsNaN(BitConverter.UInt64BitsToDouble(max[1])));
    }

    [Fact]
    public void Q15_multiply_saturates_the_one_overflowing_product()
    {
        var a = Vector128.Create(short.MinValue, short.MinValue, 16384, -16384, 1, 0, 0, 0).AsByte();
        var b = Vector128.Create(short.MinValue, short.MaxValue, 16384, 16384, 1, 0, 0, 0).AsByte();
        Assert.Equal(Vector128.Create(short.MaxValue, (short)-32767, (short)8192, (short)-8192, (short)0, (short)0, (short)0, (short)0), Call<short>("q15", a, b));
    }

    [Fact]
    public void Dot_products_treat_both_operands_as_signed()
    {
        var a = Vector128.Create((sbyte)-128, -128, 127, 127, 1, 2, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0).AsByte();
        var b = Vector128.Create((sbyte)-128, -128, -1, -1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0).AsByte();
        // -128 * -128 * 2 = 32768 saturates to 32767; 127 * -1 * 2 = -254 (the second operand is signed, not 255).
        Assert.Equal(Vector128.Create((short)32767, (short)-254, (short)3, (short)7, (short)0, (short)0, (short)0, (short)0), Call<short>("dot", a, b));
        Assert.Equal(Vector128.Create(32767 - 254 + 100, 10 + 200, 300, 400), Call<int>("dot_add", a, b, Vector128.Create(100, 200, 300, 400).AsByte()));
    }
}
