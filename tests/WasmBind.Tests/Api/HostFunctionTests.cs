using Xunit;

namespace WasmBind.Tests.Api;

public sealed class HostFunctionTests
{
    private readonly Engine engine = new();

    /// <summary>Host functions for every import of host_roundtrip.wat that transform their argument recognisably.</summary>
    private Linker RoundTripLinker(Func<Function?, Function?> funcref) => new Linker(engine)
        .DefineFunction("host", "i32", (int x) => x ^ -1)
        .DefineFunction("host", "i64", (long x) => x - 1)
        .DefineFunction("host", "f32", (float x) => x * 2)
        .DefineFunction("host", "f64", (double x) => x / 4)
        .DefineFunction("host", "funcref", funcref)
        .DefineFunction("host", "externref", (object? x) => x is string s ? s + "!" : x);

    [Fact]
    public void Typed_ArgumentsAndResults_RoundTrip()
    {
        var store = new Store(engine);
        Function? seen = null;
        var instance = RoundTripLinker(f => seen = f).Instantiate(store, Wat.Load(engine, "host_roundtrip"));

        Assert.Equal(~123456, instance.GetFunction<int, int>("i32").Call(123456));
        Assert.Equal(~int.MinValue, instance.GetFunction<int, int>("i32").Call(int.MinValue));
        Assert.Equal(long.MaxValue, instance.GetFunction<long, long>("i64").Call(long.MinValue));
        Assert.Equal(-3.0f, instance.GetFunction<float, float>("f32").Call(-1.5f));
        Assert.Equal(float.PositiveInfinity, instance.GetFunction<float, float>("f32").Call(float.MaxValue));
        Assert.Equal(0.25, instance.GetFunction<double, double>("f64").Call(1.0));

        var target = instance.GetFunction("i32")!;
        Assert.Same(target, instance.GetFunction<Function?, Function?>("funcref").Call(target));
        Assert.Same(target, seen);
        Assert.Null(instance.GetFunction<Function?, Function?>("funcref").Call(null));
        Assert.Null(seen);

        var externref = instance.GetFunction<object?, object?>("externref");
        Assert.Equal("hi!", externref.Call("hi"));
        var box = new object();
        Assert.Same(box, externref.Call(box));
        Assert.Null(externref.Call(null));
    }

    [Fact]
    public void Typed_UnsignedTypes_MapToTheSameBits()
    {
        var store = new Store(engine);
        var linker = RoundTripLinker(f => f);
        linker.AllowShadowing = true;
        linker.DefineFunction("host", "i32", (uint x) => x + 1)
              .DefineFunction("host", "i64", (ulong x) => x + 1);
        var instance = linker.Instantiate(store, Wat.Load(engine, "host_roundtrip"));

        Assert.Equal(0u, instance.GetFunction<uint, uint>("i32").Call(uint.MaxValue));
        Assert.Equal(unchecked((int)0x8000_0000), instance.GetFunction<int, int>("i32").Call(int.MaxValue));
        Assert.Equal(0ul, instance.GetFunction<ulong, ulong>("i64").Call(ulong.MaxValue));
        Assert.Equal(long.MinValue, instance.GetFunction<long, long>("i64").Call(long.MaxValue));
    }

    [Fact]
    public void Typed_NaNPayloads_SurviveUnchanged()
    {
        var store = new Store(engine);
        var linker = new Linker(engine) { AllowShadowing = true };
        linker.DefineFunction("host", "f32", (float x) => x).DefineFunction("host", "f64", (double x) => x);
        var instance = DefineRest(linker).Instantiate(store, Wat.Load(engine, "host_roundtrip"));

        // Bits come from arrays, not literals: the JIT folds a constant float through a double, which quiets a signalling NaN
        // before the runtime ever sees it.
        uint[] f32Bits = [0x7FA0_0001];
        ulong[] f64Bits = [0xFFF4_0000_0000_0001];
        var f32 = BitConverter.UInt32BitsToSingle(f32Bits[0]);
        var f64 = BitConverter.UInt64BitsToDouble(f64Bits[0]);
        Assert.Equal(0x7FA0_0001u, BitConverter.SingleToUInt32Bits(instance.GetFunction<float, float>("f32").Call(f32)));
        Assert.Equal(0xFFF4_0000_0000_0001ul, BitConverter.DoubleToUInt64Bits(instance.GetFunction<double, double>("f64").Call(f64)));
    }

    [Fact]
    public void Typed_SixParameters_ArriveInOrder()
    {
        var store = new Store(engine);
        (int, long, float, double, int, long) sunk = default;
        Caller? caller = null;
        var instance = new Linker(engine)
            .DefineFunction("host", "mix", (int a, long b, float c, double d, int e, long f) => a + b * 10 + c * 100 + d * 1000 + e * 10000 + f * 100000.0)
            .DefineFunction("host", "sink", (Caller c, int a, long b, float x, double d, int e, long f) => { caller = c; sunk = (a, b, x, d, e, f); })
            .Instantiate(store, Wat.Load(engine, "host_arity6"));

        Assert.Equal(654321.0, instance.GetFunction<int, long, float, double, int, long, double>("mix").Call(1, 2, 3, 4, 5, 6));
        instance.GetAction<int, long, float, double, int, long>("sink").Call(-1, -2, 0.5f, 0.25, int.MaxValue, long.MinValue);
        Assert.Equal((-1, -2L, 0.5f, 0.25, int.MaxValue, long.MinValue), sunk);
        Assert.Same(instance, caller!.Value.Instance);
    }

    [Fact]
    public void Untyped_ArgumentsAndResults_RoundTrip()
    {
        var store = new Store(engine);
        var linker = new Linker(engine);
        foreach (var type in new[] { ValueType.I32, ValueType.I64, ValueType.F32, ValueType.F64, ValueType.FuncRef, ValueType.ExternRef })
        {
            linker.DefineFunction("host", type.ToWatName(), new FunctionType([type], [type]), (caller, args, results) =>
            {
                Assert.Equal(type, args[0].Type);
                results[0] = type switch
                {
                    ValueType.I32 => Value.I32(args[0].AsInt32() + 1),
                    ValueType.I64 => Value.I64(args[0].AsInt64() + 1),
                    ValueType.F32 => Value.F32(args[0].AsSingle() + 1),
                    ValueType.F64 => Value.F64(args[0].AsDouble() + 1),
                    _ => args[0],
                };
            });
        }
        var instance = linker.Instantiate(store, Wat.Load(engine, "host_roundtrip"));

        Assert.Equal([Value.I32(8)], instance.GetFunction("i32")!.Invoke(Value.I32(7)));
        Assert.Equal([Value.I64(long.MinValue)], instance.GetFunction("i64")!.Invoke(Value.I64(long.MaxValue)));
        Assert.Equal([Value.F32(1.5f)], instance.GetFunction("f32")!.Invoke(Value.F32(0.5f)));
        Assert.Equal([Value.F64(-1.0)], instance.GetFunction("f64")!.Invoke(Value.F64(-2.0)));
        var function = instance.GetFunction("f64")!;
        Assert.Equal([Value.FuncRef(function)], instance.GetFunction("funcref")!.Invoke(Value.FuncRef(function)));
        Assert.Equal([Value.ExternRef("x")], instance.GetFunction("externref")!.Invoke(Value.ExternRef("x")));
        Assert.Equal([Value.ExternRef(null)], instance.GetFunction("externref")!.Invoke(Value.ExternRef(null)));
    }

    [Fact]
    public void ThrowingHostFunction_BecomesATrapWithTheException()
    {
        var store = new Store(engine);
        var thrown = new InvalidOperationException("host says no");
        var instance = new Linker(engine)
            .DefineFunction("host", "fail", (int code) => { if (code != 0) throw thrown; })
            .Instantiate(store, Wat.Load(engine, "host_throw"));
        var run = instance.GetAction<int>("run");

        run.Call(0);
        var trap = Assert.Throws<TrapException>(() => run.Call(1));
        Assert.Equal(TrapCode.HostError, trap.Code);
        Assert.Same(thrown, trap.InnerException);
        // The store stays usable after a trap.
        run.Call(0);
    }

    [Fact]
    public void Caller_SeesTheCallingInstancesMemory()
    {
        var store = new Store<string>(engine, "data");
        string? logged = null, data = null;
        Instance? callerInstance = null;
        var linker = new Linker(engine).DefineFunction("host", "log", (Caller caller, int ptr, int len) =>
        {
            logged = caller.GetMemory()!.ReadString(ptr, len);
            data = caller.GetData<string>();
            callerInstance = caller.Instance;
        });
        var module = Wat.Load(engine, "caller_memory");
        var first = linker.Instantiate(store, module);
        var second = linker.Instantiate(store, module);
        second.GetMemory("memory")!.WriteString(16, "HELLO, HOST");

        first.GetAction("run").Call();
        Assert.Equal("hello, host", logged);
        Assert.Equal("data", data);
        Assert.Same(first, callerInstance);

        second.GetAction("run").Call();
        Assert.Equal("HELLO, HOST", logged);
        Assert.Same(second, callerInstance);
    }

    [Fact]
    public void HostFunction_IsCreatedOncePerStore()
    {
        var linker = new Linker(engine).DefineFunction("host", "f", () => 3);
        var module = Wat.Load(engine, "host_reexport");
        var store = new Store(engine);
        var a = linker.Instantiate(store, module);
        var b = linker.Instantiate(store, module);
        var other = linker.Instantiate(new Store(engine), module);

        Assert.Same(a.GetFunction("f"), b.GetFunction("f"));
        Assert.NotSame(a.GetFunction("f"), other.GetFunction("f"));
        Assert.Same(other.Store, other.GetFunction("f")!.Store);
        Assert.Equal(3, other.GetFunction<int>("call").Call());
    }

    [Fact]
    public void UnsupportedType_IsRejectedWhenDefined()
    {
        var linker = new Linker(engine);
        var error = Assert.Throws<ArgumentException>(() => linker.DefineFunction("host", "s", (string s) => 1));
        Assert.Contains("System.String", error.Message);
        error = Assert.Throws<ArgumentException>(() => linker.DefineFunction("host", "b", (Caller c, int x) => x > 0));
        Assert.Contains("System.Boolean", error.Message);
        // A rejected definition is not registered.
        linker.DefineFunction("host", "s", (int x) => x);
    }

    [Fact]
    public void TypedHostFunction_HasTheDeclaredType()
    {
        var store = new Store(engine);
        var linker = new Linker(engine).DefineFunction("host", "f", (Caller c, int a, Function? b, object? d) => 1.5f);
        var module = Wat.Load(engine, "host_reexport");
        var error = Assert.Throws<LinkException>(() => linker.Instantiate(store, module));
        Assert.Equal("incompatible import type for `host::f`: expected (func (result i32)), found (func (param i32 funcref externref) (result f32))", error.Message);
    }

    [Fact]
    public void TypedHostFunctions_DoNotAllocatePerCall()
    {
        var store = new Store(engine);
        var instance = RoundTripLinker(f => f).Instantiate(store, Wat.Load(engine, "host_roundtrip"));
        var i32 = instance.GetFunction<int, int>("i32");
        var f64 = instance.GetFunction<double, double>("f64");
        var funcref = instance.GetFunction<Function?, Function?>("funcref");
        var target = instance.GetFunction("i32");
        SteadyState.WarmUp(() => { for (var i = 0; i < 1000; i++) { i32.Call(i); f64.Call(i); funcref.Call(target); } });

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++) { i32.Call(i); f64.Call(i); funcref.Call(target); }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static Linker DefineRest(Linker linker) => linker
        .DefineFunction("host", "i32", (int x) => x)
        .DefineFunction("host", "i64", (long x) => x)
        .DefineFunction("host", "funcref", (Function? x) => x)
        .DefineFunction("host", "externref", (object? x) => x);
}
