using Xunit;

namespace WasmBind.Tests.Api;

public sealed class InstantiationTests
{
    private readonly Engine engine = new();

    [Fact]
    public void StartFunction_RunsDuringInstantiation()
    {
        var store = new Store(engine);
        var calls = 0;
        var linker = new Linker(engine).DefineFunction("host", "started", () => { calls++; });
        var instance = linker.Instantiate(store, Wat.Load(engine, "start"));
        Assert.Equal(1, calls);
        Assert.Equal(Value.I32(7), instance.GetGlobal("g")!.Value);
    }

    [Fact]
    public void StartTrap_KeepsSegmentWrites()
    {
        var store = new Store(engine);
        var memory = new Memory(store, new MemoryType(new Limits(1, null)));
        var linker = new Linker(engine).Define("env", "memory", memory);
        var trap = Assert.Throws<TrapException>(() => linker.Instantiate(store, Wat.Load(engine, "start_trap")));
        Assert.Equal(TrapCode.Unreachable, trap.Code);
        Assert.Equal("kept", memory.ReadString(0, 4));
    }

    [Fact]
    public void ElementSegmentOutOfBounds_TrapsAndKeepsEarlierSegments()
    {
        var store = new Store(engine);
        var table = new Table(store, new TableType(ValueType.FuncRef, new Limits(3, null)));
        var memory = new Memory(store, new MemoryType(new Limits(1, null)));
        var linker = new Linker(engine).Define("env", "table", table).Define("env", "memory", memory);

        var trap = Assert.Throws<TrapException>(() => linker.Instantiate(store, Wat.Load(engine, "elem_trap")));
        Assert.Equal(TrapCode.TableOutOfBounds, trap.Code);

        // The first segment's write stays and its function still works; the failing segment wrote nothing.
        var written = Assert.IsAssignableFrom<Function>(table.Get(0));
        Assert.Equal(1, written.AsFunc<int>().Call());
        Assert.Null(table.Get(1));
        Assert.Null(table.Get(2));
        // Data segments run after element segments, so none ran.
        Assert.Equal(0, memory.ReadByte(0));
    }

    [Fact]
    public void DataSegmentOutOfBounds_TrapsAndKeepsEarlierSegments()
    {
        var store = new Store(engine);
        var memory = new Memory(store, new MemoryType(new Limits(1, null)));
        var linker = new Linker(engine).Define("env", "memory", memory);

        var trap = Assert.Throws<TrapException>(() => linker.Instantiate(store, Wat.Load(engine, "data_trap")));
        Assert.Equal(TrapCode.MemoryOutOfBounds, trap.Code);
        Assert.Equal("ab", memory.ReadString(0, 2));
        Assert.Equal(0, memory.ReadByte(65535));
    }

    [Fact]
    public void ConstantExpressions_InitialiseGlobalsTablesAndMemories()
    {
        var store = new Store(engine);
        var baseGlobal = new Global(store, new GlobalType(ValueType.I32, false), Value.I32(1));
        var instance = new Linker(engine).Define("env", "base", baseGlobal).Instantiate(store, Wat.Load(engine, "const_exprs"));

        Assert.Equal(Value.I32(1), instance.GetGlobal("copy")!.Value);
        Assert.Equal(Value.I32(-2), instance.GetGlobal("neg")!.Value);
        Assert.Equal(0xFFFF_FFFEul, instance.GetGlobal("neg")!.Bits);
        Assert.Equal(Value.I64(-3), instance.GetGlobal("big")!.Value);
        Assert.Equal(Value.F64(3.5), instance.GetGlobal("pi")!.Value);
        Assert.Equal(Value.F32(-0.5f), instance.GetGlobal("half")!.Value);
        Assert.Equal(Value.FuncRef(instance.GetFunction("f")), instance.GetGlobal("fref")!.Value);
        Assert.Equal(Value.ExternRef(null), instance.GetGlobal("nullref")!.Value);

        // The active element segment sits at offset base = 1.
        var table = instance.GetTable("table")!;
        Assert.Null(table.Get(0));
        Assert.Same(instance.GetFunction("f"), table.Get(1));
        Assert.Equal(6, Assert.IsAssignableFrom<Function>(table.Get(2)).AsFunc<int>().Call());
        Assert.Null(table.Get(3));
        var memory = instance.GetMemory("memory")!;
        Assert.Equal(new byte[] { 0, 1, 2, 0 }, memory.GetSpan(0, 4).ToArray());

        // Active and declarative segments are dropped; passive ones stay until used.
        Assert.Equal([0, 1, 0], instance.ElementSegments.Select(s => s.Length));
        Assert.Equal([0, 2], instance.DataSegments.Select(s => s.Length));
        instance.GetAction("init_passive").Call();
        Assert.Equal(6, Assert.IsAssignableFrom<Function>(table.Get(0)).AsFunc<int>().Call());
        instance.GetAction("init_pdata").Call();
        Assert.Equal("zz", memory.ReadString(100, 2));
    }

    [Fact]
    public void HostAccess_ReadsAndWritesGlobalsTablesAndMemories()
    {
        var store = new Store(engine);
        var instance = new Linker(engine).Instantiate(store, Wat.Load(engine, "state"));
        var counter = instance.GetGlobal("counter")!;
        var inc = instance.GetFunction<int>("inc");

        counter.Value = Value.I32(41);
        Assert.Equal(42, inc.Call());
        Assert.Equal(Value.I32(42), counter.Value);

        var answer = instance.GetGlobal("answer")!;
        Assert.Equal(Value.I64(42), answer.Value);
        Assert.Throws<InvalidOperationException>(() => answer.Value = Value.I64(1));
        Assert.Throws<ArgumentException>(() => counter.Value = Value.I64(1));

        var memory = instance.GetMemory("memory")!;
        memory.WriteInt32(64, 0x1234_5678);
        Assert.Equal(0x1234_5678, instance.GetFunction<int, int>("load").Call(64));
        instance.GetAction<int, int>("store").Call(128, -5);
        Assert.Equal(-5, memory.ReadInt32(128));

        var table = instance.GetTable("table")!;
        Assert.Same(instance.GetFunction("inc"), table.Get(0));
        var callIndirect = instance.GetFunction<int, int>("call_indirect");
        Assert.Equal(43, callIndirect.Call(0));
        table.Set(1, instance.GetFunction("inc"));
        Assert.Equal(44, callIndirect.Call(1));
        table.Set(1, null);
        Assert.Equal(TrapCode.UninitializedElement, Assert.Throws<TrapException>(() => callIndirect.Call(1)).Code);
    }

    [Fact]
    public void SeparateInstances_HaveSeparateState()
    {
        var store = new Store(engine);
        var linker = new Linker(engine);
        var module = Wat.Load(engine, "state");
        var a = linker.Instantiate(store, module);
        var b = linker.Instantiate(store, module);
        a.GetFunction<int>("inc").Call();
        Assert.Equal(Value.I32(1), a.GetGlobal("counter")!.Value);
        Assert.Equal(Value.I32(0), b.GetGlobal("counter")!.Value);
        Assert.NotSame(a.GetMemory("memory"), b.GetMemory("memory"));
    }
}
