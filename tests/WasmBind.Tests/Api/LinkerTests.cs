using Xunit;

namespace WasmBind.Tests.Api;

public sealed class LinkerTests
{
    private readonly Engine engine = new();

    private Linker FullEnv(Store store) => new Linker(engine)
        .DefineFunction("env", "f", (int x) => x * 2)
        .Define("env", "t", new Table(store, new TableType(ValueType.FuncRef, new Limits(2, 10))))
        .Define("env", "m", new Memory(store, new MemoryType(new Limits(1, 2))))
        .Define("env", "g", new Global(store, new GlobalType(ValueType.I64, true), Value.I64(9)));

    [Fact]
    public void AllImportsDefined_Instantiates()
    {
        var store = new Store(engine);
        var instance = FullEnv(store).Instantiate(store, Wat.Load(engine, "link_imports"));
        Assert.Equal(42, instance.GetFunction<int, int>("call_f").Call(21));
        Assert.Equal(9L, instance.GetFunction<long>("read_g").Call());
    }

    [Fact]
    public void MissingImport_NamesIt()
    {
        var store = new Store(engine);
        var linker = new Linker(engine).DefineFunction("env", "f", (int x) => x);
        var error = Assert.Throws<LinkException>(() => linker.Instantiate(store, Wat.Load(engine, "link_imports")));
        Assert.Equal("unknown import: `env::t` has not been defined", error.Message);
        Assert.Equal("env", error.ImportModule);
        Assert.Equal("t", error.ImportName);
    }

    [Fact]
    public void WrongKind_PrintsBothTypes()
    {
        var store = new Store(engine);
        var linker = FullEnv(store);
        linker.AllowShadowing = true;
        linker.Define("env", "f", new Memory(store, new MemoryType(new Limits(1, null))));
        var error = Assert.Throws<LinkException>(() => linker.Instantiate(store, Wat.Load(engine, "link_imports")));
        Assert.Equal("incompatible import type for `env::f`: expected (func (param i32) (result i32)), found (memory 1)", error.Message);
        Assert.Equal("env", error.ImportModule);
        Assert.Equal("f", error.ImportName);
    }

    [Fact]
    public void WrongFunctionType_PrintsBothTypes()
    {
        var store = new Store(engine);
        var linker = FullEnv(store);
        linker.AllowShadowing = true;
        linker.DefineFunction("env", "f", (long x) => x);
        var error = Assert.Throws<LinkException>(() => linker.Instantiate(store, Wat.Load(engine, "link_imports")));
        Assert.Equal(
            "incompatible import type for `env::f`: expected (func (param i32) (result i32)), found (func (param i64) (result i64))",
            error.Message);
    }

    [Theory]
    [InlineData(ValueType.I32, true, false)]   // mutability differs
    [InlineData(ValueType.I64, false, false)]  // value type differs
    [InlineData(ValueType.I32, false, true)]
    public void Globals_MatchOnTypeAndMutability(ValueType type, bool mutable, bool accepted)
    {
        var store = new Store(engine);
        var global = new Global(store, new GlobalType(type, mutable), Value.Default(type));
        var linker = new Linker(engine).Define("env", "g", global);
        var module = Wat.Load(engine, "import_global");
        if (accepted)
        {
            Assert.Equal(0, linker.Instantiate(store, module).GetFunction<int>("get").Call());
            return;
        }
        var error = Assert.Throws<LinkException>(() => linker.Instantiate(store, module));
        Assert.Contains("expected (global i32)", error.Message);
        Assert.Contains($"found {global.Type}", error.Message);
    }

    [Theory]
    // The import is (memory 1 2): the minimum may be larger, the maximum must exist and be no larger.
    [InlineData(1u, 2u, true)]
    [InlineData(2u, 2u, true)]
    [InlineData(1u, 1u, true)]
    [InlineData(1u, 3u, false)]
    [InlineData(1u, null, false)]
    [InlineData(0u, 2u, false)]
    public void MemoryLimits_FollowSubtyping(uint min, uint? max, bool accepted)
    {
        var store = new Store(engine);
        var memory = new Memory(store, new MemoryType(new Limits(min, max)));
        var linker = new Linker(engine).Define("env", "m", memory);
        var module = Wat.Load(engine, "import_memory");
        if (accepted) linker.Instantiate(store, module);
        else Assert.Contains("expected (memory 1 2)", Assert.Throws<LinkException>(() => linker.Instantiate(store, module)).Message);
    }

    [Fact]
    public void MemoryLimits_UseCurrentSizeAsMinimum()
    {
        var store = new Store(engine);
        var memory = new Memory(store, new MemoryType(new Limits(0, 2)));
        var linker = new Linker(engine).Define("env", "m", memory);
        var module = Wat.Load(engine, "import_memory");
        Assert.Contains("found (memory 0 2)", Assert.Throws<LinkException>(() => linker.Instantiate(store, module)).Message);
        memory.Grow(1);
        linker.Instantiate(store, module);
    }

    [Fact]
    public void UnboundedImport_AcceptsAnyMaximum()
    {
        var store = new Store(engine);
        var module = Wat.Load(engine, "import_memory_unbounded");
        new Linker(engine).Define("env", "m", new Memory(store, new MemoryType(new Limits(1, 1)))).Instantiate(store, module);
        new Linker(engine).Define("env", "m", new Memory(store, new MemoryType(new Limits(3, null)))).Instantiate(store, module);
    }

    [Theory]
    // The import is (table 2 10 funcref).
    [InlineData(ValueType.FuncRef, 2u, 10u, true)]
    [InlineData(ValueType.FuncRef, 5u, 5u, true)]
    [InlineData(ValueType.FuncRef, 1u, 10u, false)]
    [InlineData(ValueType.FuncRef, 2u, 11u, false)]
    [InlineData(ValueType.FuncRef, 2u, null, false)]
    [InlineData(ValueType.ExternRef, 2u, 10u, false)]
    public void TableLimits_FollowSubtyping(ValueType elementType, uint min, uint? max, bool accepted)
    {
        var store = new Store(engine);
        var table = new Table(store, new TableType(elementType, new Limits(min, max)));
        var linker = new Linker(engine).Define("env", "t", table);
        var module = Wat.Load(engine, "import_table");
        if (accepted) linker.Instantiate(store, module);
        else Assert.Contains("expected (table 2 10 funcref)", Assert.Throws<LinkException>(() => linker.Instantiate(store, module)).Message);
    }

    [Fact]
    public void TableLimits_UseCurrentSizeAsMinimum()
    {
        var store = new Store(engine);
        var table = new Table(store, new TableType(ValueType.FuncRef, new Limits(0, 10)));
        var linker = new Linker(engine).Define("env", "t", table);
        var module = Wat.Load(engine, "import_table");
        Assert.Throws<LinkException>(() => linker.Instantiate(store, module));
        table.Grow(2);
        linker.Instantiate(store, module);
    }

    [Fact]
    public void DefiningTwice_Throws()
    {
        var linker = new Linker(engine).DefineFunction("env", "f", (int x) => x);
        var error = Assert.Throws<InvalidOperationException>(() => linker.DefineFunction("env", "f", (int x) => x + 1));
        Assert.Contains("`env::f`", error.Message);
    }

    [Fact]
    public void AllowShadowing_LaterDefinitionWins()
    {
        var store = new Store(engine);
        var linker = FullEnv(store);
        linker.AllowShadowing = true;
        linker.DefineFunction("env", "f", (int x) => x + 1000);
        var instance = linker.Instantiate(store, Wat.Load(engine, "link_imports"));
        Assert.Equal(1001, instance.GetFunction<int, int>("call_f").Call(1));
    }

    [Fact]
    public void DefineInstance_RegistersEveryExport()
    {
        var store = new Store(engine);
        var provider = new Linker(engine).Instantiate(store, Wat.Load(engine, "state"));
        var linker = new Linker(engine).DefineInstance("state", provider);
        provider.GetGlobal("counter")!.Value = Value.I32(5);

        var reexported = linker.Instantiate(store, Wat.Load(engine, "import_inc"));
        Assert.Same(provider.GetFunction("inc"), reexported.GetFunction("f"));
        Assert.Equal(6, reexported.GetFunction<int>("f").Call());
    }

    [Fact]
    public void DefineInstance_Clash_LeavesLinkerUnchanged()
    {
        var store = new Store(engine);
        var provider = new Linker(engine).Instantiate(store, Wat.Load(engine, "state"));
        var linker = new Linker(engine).DefineFunction("state", "store", (int a, int b) => { });
        Assert.Throws<InvalidOperationException>(() => linker.DefineInstance("state", provider));
        // Nothing else was registered, so defining another name of the instance still works.
        linker.Define("state", "inc", provider.GetFunction("inc")!);
    }

    [Fact]
    public void ExternOfAnotherStore_IsALinkError()
    {
        var owner = new Store(engine);
        var other = new Store(engine);
        var linker = new Linker(engine).Define("env", "m", new Memory(owner, new MemoryType(new Limits(1, 2))));
        var error = Assert.Throws<LinkException>(() => linker.Instantiate(other, Wat.Load(engine, "import_memory")));
        Assert.Contains("`env::m`", error.Message);
        Assert.Contains("another store", error.Message);
    }

    [Fact]
    public void EnginesMustMatch()
    {
        var otherEngine = new Engine();
        var module = Wat.Load(engine, "exports");
        Assert.Throws<ArgumentException>(() => new Linker(engine).Instantiate(new Store(otherEngine), module));
        Assert.Throws<ArgumentException>(() => new Linker(otherEngine).Instantiate(new Store(engine), module));
        Assert.Throws<ArgumentException>(() =>
            new Linker(engine).Define("env", "m", new Memory(new Store(otherEngine), new MemoryType(new Limits(1, null)))));
    }
}
