using Xunit;

namespace WasmBind.Tests.Api;

public sealed class TypedCallTests
{
    private readonly Engine engine = new();
    private readonly Store store;
    private readonly Instance instance;

    public TypedCallTests()
    {
        store = new Store(engine);
        instance = new Linker(engine).Instantiate(store, Wat.Load(engine, "exports"));
    }

    [Fact]
    public void EveryArity_Calls()
    {
        Assert.Equal(42, instance.GetFunction<int>("answer").Call());
        instance.GetAction("nop").Call();
        Assert.Equal(7, instance.GetFunction<int, int, int>("add").Call(3, 4));
        Assert.Equal(654321, instance.GetFunction<int, int, int, int, int, int, int>("sum6").Call(1, 2, 3, 4, 5, 6));

        instance.GetAction<int, long, float, double, int, long>("store6").Call(-7, long.MinValue, 1.25f, -2.5, 99, 1L << 40);
        var memory = instance.GetMemory("memory")!;
        Assert.Equal(-7, memory.ReadInt32(0));
        Assert.Equal(long.MinValue, memory.ReadInt64(8));
        Assert.Equal(1.25f, memory.ReadSingle(16));
        Assert.Equal(-2.5, memory.ReadDouble(24));
        Assert.Equal(99, memory.ReadInt32(32));
        Assert.Equal(1L << 40, memory.ReadInt64(40));
    }

    [Fact]
    public void AsFunc_WrapsAFunction()
    {
        var add = instance.GetFunction("add")!.AsFunc<int, int, int>();
        Assert.Equal(-1, add.Call(int.MaxValue, int.MinValue));
        Assert.Same(instance.GetFunction("add"), add.Function);
        instance.GetFunction("nop")!.AsAction().Call();
    }

    [Fact]
    public void IdentityFunctions_PreserveValues()
    {
        Assert.Equal(long.MinValue, instance.GetFunction<long, long>("id_i64").Call(long.MinValue));
        Assert.Equal(ulong.MaxValue, instance.GetFunction<ulong, ulong>("id_i64").Call(ulong.MaxValue));
        Assert.Equal(float.NegativeInfinity, instance.GetFunction<float, float>("id_f32").Call(float.NegativeInfinity));
        Assert.Equal(Math.PI, instance.GetFunction<double, double>("id_f64").Call(Math.PI));

        var add = instance.GetFunction("add");
        var funcref = instance.GetFunction<Function?, Function?>("id_funcref");
        Assert.Same(add, funcref.Call(add));
        Assert.Null(funcref.Call(null));

        var externref = instance.GetFunction<object?, object?>("id_externref");
        var payload = new List<int> { 1, 2 };
        Assert.Same(payload, externref.Call(payload));
        Assert.Null(externref.Call(null));
    }

    [Fact]
    public void WrongSignature_PrintsBothTypes()
    {
        var error = Assert.Throws<InvalidOperationException>(() => instance.GetFunction<int, int>("add"));
        Assert.Contains("`add`", error.Message);
        Assert.Contains("expected (func (param i32) (result i32))", error.Message);
        Assert.Contains("found (func (param i32 i32) (result i32))", error.Message);

        error = Assert.Throws<InvalidOperationException>(() => instance.GetFunction("answer")!.AsAction());
        Assert.Contains("expected (func)", error.Message);
        Assert.Contains("found (func (result i32))", error.Message);

        // int and long differ in the wasm signature even though both are integers.
        Assert.Throws<InvalidOperationException>(() => instance.GetFunction<long, long, long>("add"));
    }

    [Fact]
    public void MissingOrNonFunctionExport_IsNamed()
    {
        var missing = Assert.Throws<KeyNotFoundException>(() => instance.GetFunction<int>("nope"));
        Assert.Contains("`nope`", missing.Message);
        var notFunction = Assert.Throws<InvalidOperationException>(() => instance.GetAction("memory"));
        Assert.Contains("`memory`", notFunction.Message);
        Assert.Contains("not a function", notFunction.Message);
    }

    [Fact]
    public void UnsupportedTypeArgument_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => instance.GetFunction<int, int, decimal>("add"));
        Assert.Contains("System.Decimal", error.Message);
    }

    [Fact]
    public void Trap_PropagatesAndStoreStaysUsable()
    {
        var trap = Assert.Throws<TrapException>(() => instance.GetAction("trap").Call());
        Assert.Equal(TrapCode.Unreachable, trap.Code);
        Assert.Equal(42, instance.GetFunction<int>("answer").Call());
    }

    [Fact]
    public void FunctionOfAnotherStore_CannotBePassed()
    {
        var otherStore = new Store(engine);
        var foreign = new Linker(engine).Instantiate(otherStore, Wat.Load(engine, "exports")).GetFunction("nop");
        Assert.Throws<ArgumentException>(() => instance.GetFunction<Function?, Function?>("id_funcref").Call(foreign));
    }

    [Fact]
    public void TypedCalls_DoNotAllocate()
    {
        var add = instance.GetFunction<int, int, int>("add");
        var id = instance.GetFunction<double, double>("id_f64");
        var nop = instance.GetAction("nop");
        // Warm up: first calls JIT the paths, may grow the interpreter's stacks, and (tiered) compile the functions.
        SteadyState.WarmUp(() => { for (var i = 0; i < 1000; i++) { add.Call(i, i); id.Call(i); nop.Call(); } });

        var before = GC.GetAllocatedBytesForCurrentThread();
        var sum = 0.0;
        for (var i = 0; i < 1000; i++) sum += add.Call(i, 1) + id.Call(i);
        nop.Call();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(1000.0 + 2 * 499500.0, sum);
        Assert.Equal(0, allocated);
    }
}
