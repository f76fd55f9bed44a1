using System.Runtime.Intrinsics;
using Xunit;

namespace WasmBind.Tests.Simd;

/// <summary>v128 across the API: untyped values, typed calls with <see cref="Vector128{T}"/>, host functions, globals, locals.</summary>
public sealed class SimdApiTests
{
    private const string Wat = """
        (module
          (import "host" "twice" (func $twice (param v128) (result v128)))
          (import "host" "mix" (func $mix (param i32 v128 f64 v128) (result v128 i32)))
          (global $g (export "g") (mut v128) (v128.const i32x4 1 2 3 4))
          (func (export "add") (param v128 v128) (result v128) (i32x4.add (local.get 0) (local.get 1)))
          (func (export "scalars_around") (param i32 v128 i64 v128 f32) (result i64 v128)
            (i64.add (i64.extend_i32_u (local.get 0)) (local.get 2))
            (f32x4.add (f32x4.splat (local.get 4)) (f32x4.add (local.get 1) (local.get 3))))
          (func (export "via_host") (param v128) (result v128) (call $twice (local.get 0)))
          (func (export "via_mix") (param v128) (result v128 i32) (call $mix (i32.const 7) (local.get 0) (f64.const 0.5) (local.get 0)))
          (func (export "swap_global") (param v128) (result v128) (global.get $g) (global.set $g (local.get 0)))
          (func (export "select") (param v128 v128 i32) (result v128) (select (local.get 0) (local.get 1) (local.get 2)))
          (func (export "loop_sum") (param i32) (result v128) (local $acc v128)
            (block $done
              (loop $next
                (br_if $done (i32.eqz (local.get 0)))
                (local.set $acc (i32x4.add (local.get $acc) (i32x4.splat (local.get 0))))
                (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
                (br $next)))
            (local.get $acc)))
        """;

    private readonly Engine engine = new();
    private readonly Store store;
    private readonly Instance instance;

    public SimdApiTests()
    {
        store = new Store(engine);
        var linker = new Linker(engine);
        linker.DefineFunction("host", "twice", (Vector128<int> v) => v + v);
        linker.DefineFunction("host", "mix", new FunctionType([ValueType.I32, ValueType.V128, ValueType.F64, ValueType.V128], [ValueType.V128, ValueType.I32]),
            (caller, args, results) =>
            {
                results[0] = Value.V128(args[1].AsVector128<int>() * args[3].AsVector128<int>());
                results[1] = Value.I32(args[0].AsInt32() + (int)(args[2].AsDouble() * 10));
            });
        instance = linker.Instantiate(store, Module.FromText(engine, Wat));
    }

    [Fact]
    public void Typed_calls_take_and_return_Vector128_of_any_lane_type()
    {
        var add = instance.GetFunction<Vector128<int>, Vector128<int>, Vector128<int>>("add");
        Assert.Equal(Vector128.Create(11, 22, 33, 0), add.Call(Vector128.Create(1, 2, 3, 4), Vector128.Create(10, 20, 30, -4)));

        // The same bits seen as bytes: lane types are views, not conversions.
        var bytes = instance.GetFunction<Vector128<byte>, Vector128<byte>, Vector128<byte>>("add");
        Assert.Equal(Vector128.Create(2, 0, 0, 0).AsByte(), bytes.Call(Vector128.Create(1, 0, 0, 0).AsByte(), Vector128.Create(1, 0, 0, 0).AsByte()));
    }

    [Fact]
    public void V128_parameters_take_two_slots_without_disturbing_scalars_around_them()
    {
        var results = instance.GetFunction("scalars_around")!.Invoke(
            Value.I32(-1), Value.V128(Vector128.Create(1f, 2f, 3f, 4f)), Value.I64(10), Value.V128(Vector128.Create(10f, 20f, 30f, 40f)), Value.F32(0.5f));

        Assert.Equal(0xFFFF_FFFFL + 10, results[0].AsInt64());
        Assert.Equal(Vector128.Create(11.5f, 22.5f, 33.5f, 44.5f), results[1].AsVector128<float>());
    }

    [Fact]
    public void Host_functions_receive_and_return_v128_typed_and_untyped()
    {
        var viaHost = instance.GetFunction<Vector128<int>, Vector128<int>>("via_host");
        Assert.Equal(Vector128.Create(2, -4, 6, int.MinValue), viaHost.Call(Vector128.Create(1, -2, 3, 1 << 30)));

        var results = instance.GetFunction("via_mix")!.Invoke(Value.V128(Vector128.Create(1, 2, 3, 4)));
        Assert.Equal(Vector128.Create(1, 4, 9, 16), results[0].AsVector128<int>());
        Assert.Equal(12, results[1].AsInt32());
    }

    [Fact]
    public void Globals_hold_all_128_bits()
    {
        var global = instance.GetGlobal("g")!;
        Assert.Equal(Vector128.Create(1, 2, 3, 4), global.Value.AsVector128<int>());

        var swap = instance.GetFunction<Vector128<long>, Vector128<long>>("swap_global");
        Assert.Equal(Vector128.Create(1, 2, 3, 4).AsInt64(), swap.Call(Vector128.Create(-1L, long.MaxValue)));
        Assert.Equal(Vector128.Create(-1L, long.MaxValue), global.Value.AsVector128<long>());

        global.Value = Value.V128(Vector128.Create((byte)0xAB));
        Assert.Equal(Vector128.Create((byte)0xAB).AsInt64(), swap.Call(Vector128<long>.Zero));
    }

    [Fact]
    public void Select_and_loops_move_both_halves()
    {
        var select = instance.GetFunction<Vector128<ulong>, Vector128<ulong>, int, Vector128<ulong>>("select");
        var a = Vector128.Create(1UL, ulong.MaxValue);
        var b = Vector128.Create(ulong.MaxValue, 2UL);
        Assert.Equal(a, select.Call(a, b, 1));
        Assert.Equal(b, select.Call(a, b, 0));

        // 1 + 2 + ... + 100 in every lane, accumulated in a v128 local across branches.
        Assert.Equal(Vector128.Create(5050), instance.GetFunction<int, Vector128<int>>("loop_sum").Call(100));
    }

    [Fact]
    public void Value_v128_keeps_its_bits_and_checks_its_type()
    {
        var value = Value.V128(Vector128.Create(0x0102030405060708UL, 0x1112131415161718UL));

        Assert.Equal(ValueType.V128, value.Type);
        Assert.Equal("v128:0x11121314151617180102030405060708", value.ToString());
        Assert.Equal(value, Value.V128(value.AsVector128<float>()));
        Assert.NotEqual(value, Value.V128(Vector128.Create(0x0102030405060708UL, 0UL)));
        Assert.Throws<InvalidOperationException>(() => Value.I32(1).AsVector128<int>());
        Assert.Throws<InvalidOperationException>(() => value.AsInt64());
    }

    [Fact]
    public void A_typed_signature_with_the_wrong_vector_shape_is_still_v128_but_scalars_must_match()
    {
        // Any Vector128<T> is a v128; a scalar where the export has a v128 is a signature mismatch.
        Assert.NotNull(instance.GetFunction<Vector128<double>, Vector128<sbyte>, Vector128<short>>("add"));
        Assert.ThrowsAny<Exception>(() => instance.GetFunction<long, long, long>("add"));
    }

    [Fact]
    public void The_simd_switch_turns_vector_code_into_an_invalid_module()
    {
        var scalar = new Engine(new EngineConfig { Features = WasmFeatures.Wasm2Scalar });
        var error = Assert.Throws<InvalidModuleException>(() => Module.FromText(scalar, "(module (func (result i32) (v128.any_true (v128.const i64x2 0 1))))"));
        Assert.Contains("Simd", error.Message);
    }
}
