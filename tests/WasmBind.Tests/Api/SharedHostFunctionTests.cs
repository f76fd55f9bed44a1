using WasmBind.Runtime;
using Xunit;

namespace WasmBind.Tests.Api;

/// <summary>
/// A linker's host function is made of a store-independent part (signature, delegate, typed thunk), built once when it
/// is defined, and a per-store binding that owns the store's identity. These tests check both halves: the shared
/// part is really shared, and the binding still behaves as a function of exactly one store.
/// </summary>
public sealed class SharedHostFunctionTests
{
    private readonly Engine engine = new();

    private static HostFunction HostExport(Instance instance, string name) => Assert.IsAssignableFrom<HostFunction>(instance.GetFunction(name));

    [Fact]
    public void InstancePre_BindsTheSameCodeInEveryStore()
    {
        var pre = new Linker(engine).DefineFunction("host", "f", () => 3).InstantiatePre(Wat.Load(engine, "host_reexport"));
        var first = pre.Instantiate(new Store(engine));
        var second = pre.Instantiate(new Store(engine));

        var a = HostExport(first, "f");
        var b = HostExport(second, "f");
        Assert.NotSame(a, b);
        Assert.Same(a.Code, b.Code);
        Assert.Same(first.Store, a.Store);
        Assert.Same(second.Store, b.Store);
        Assert.Equal(3, second.GetFunction<int>("call").Call());
    }

    [Fact]
    public void Linker_BindsTheSameCodeInEveryStore_AndOneFunctionPerStore()
    {
        var linker = new Linker(engine).DefineFunction("host", "f", () => 3);
        var module = Wat.Load(engine, "host_reexport");
        var store = new Store(engine);
        var a = HostExport(linker.Instantiate(store, module), "f");
        var again = HostExport(linker.InstantiatePre(module).Instantiate(store), "f");
        var other = HostExport(linker.Instantiate(new Store(engine), module), "f");

        // Linker and InstancePre resolve to the same binding in one store, and to the same code everywhere.
        Assert.Same(a, again);
        Assert.Same(a.Code, other.Code);
        Assert.NotSame(a, other);
    }

    [Fact]
    public void OneStore_KeepsTheBindingsOfSeveralLinkers_AndOfDefinitionsAddedLater()
    {
        var module = Wat.Load(engine, "host_reexport");
        var store = new Store(engine);
        var first = new Linker(engine).DefineFunction("host", "f", () => 1);
        var second = new Linker(engine).DefineFunction("host", "f", () => 2);
        var a = first.Instantiate(store, module);
        var b = second.Instantiate(store, module);
        Assert.NotSame(a.GetFunction("f"), b.GetFunction("f"));
        Assert.Equal(1, a.GetFunction<int>("call").Call());
        Assert.Equal(2, b.GetFunction<int>("call").Call());

        // A definition made after the store first used the linker gets a binding of its own, reused from then on.
        first.AllowShadowing = true;
        first.DefineFunction("host", "f", () => 3);
        var c = first.Instantiate(store, module);
        var d = first.Instantiate(store, module);
        Assert.Equal(3, c.GetFunction<int>("call").Call());
        Assert.NotSame(a.GetFunction("f"), c.GetFunction("f"));
        Assert.Same(c.GetFunction("f"), d.GetFunction("f"));
        // The other linker's binding is still found.
        Assert.Same(b.GetFunction("f"), second.Instantiate(store, module).GetFunction("f"));
    }

    [Fact]
    public async Task AsyncHostFunction_SharesItsCodeAndStaysAsync()
    {
        var linker = new Linker(engine).DefineAsyncFunction("host", "f", () => ValueTask.FromResult(5));
        var pre = linker.InstantiatePre(Wat.Load(engine, "host_reexport"));
        var first = pre.Instantiate(new Store(engine));
        var second = pre.Instantiate(new Store(engine));

        Assert.IsType<AsyncHostFunction>(first.GetFunction("f"));
        Assert.Same(HostExport(first, "f").Code, HostExport(second, "f").Code);
        Assert.Equal(5, await second.GetFunction<int>("call").CallAsync());
    }

    [Fact]
    public void SharedCode_SeesTheCallingStoresData()
    {
        var linker = new Linker<int>(engine).DefineFunction("host", "f", (Caller<int> caller) => caller.Data);
        var pre = linker.InstantiatePre(Wat.Load(engine, "host_reexport"));
        var seven = pre.Instantiate(new Store<int>(engine, 7));
        var eleven = pre.Instantiate(new Store<int>(engine, 11));

        Assert.Equal(11, eleven.GetFunction<int>("call").Call());
        Assert.Equal(7, seven.GetFunction<int>("call").Call());
        // Called directly, not from WebAssembly, it still runs in its own store.
        Assert.Equal(11, eleven.GetFunction<int>("f").Call());
    }

    [Fact]
    public void HostFunctionOfAnotherStore_PassedAsFuncref_IsRejected()
    {
        var linker = new Linker(engine).DefineFunction("host", "f", () => 3);
        var module = Wat.Load(engine, "host_reexport");
        var foreign = linker.Instantiate(new Store(engine), module).GetFunction("f")!;
        var store = new Store(engine);
        var table = new Table(store, new TableType(ValueType.FuncRef, new Limits(1, 1)));

        var error = Assert.Throws<ArgumentException>(() => table.Set(0, foreign));
        Assert.Contains("another store", error.Message);
        Assert.Null(table.Get(0));
    }

    [Fact]
    public void HostFunctionOfAnotherStore_DefinedInALinker_IsALinkError()
    {
        var provider = new Linker(engine).DefineFunction("host", "f", () => 3);
        var module = Wat.Load(engine, "host_reexport");
        var foreign = provider.Instantiate(new Store(engine), module).GetFunction("f")!;
        var linker = new Linker(engine).Define("host", "f", foreign);

        var error = Assert.Throws<LinkException>(() => linker.InstantiatePre(module).Instantiate(new Store(engine)));
        Assert.Equal("host", error.ImportModule);
        Assert.Contains("another store", error.Message);
    }

    [Fact]
    public void SharedThunk_ReturningAFunctionOfAnotherStore_Traps()
    {
        var module = Wat.Load(engine, "host_reexport");
        var foreign = new Linker(engine).DefineFunction("host", "f", () => 3).Instantiate(new Store(engine), module).GetFunction("f");
        var linker = new Linker(engine)
            .DefineFunction("host", "i32", (int x) => x)
            .DefineFunction("host", "i64", (long x) => x)
            .DefineFunction("host", "f32", (float x) => x)
            .DefineFunction("host", "f64", (double x) => x)
            .DefineFunction("host", "funcref", (Function? f) => foreign)
            .DefineFunction("host", "externref", (object? x) => x);
        var instance = linker.Instantiate(new Store(engine), Wat.Load(engine, "host_roundtrip"));

        // The thunk encodes results for the store that called it, so a foreign function cannot slip into it.
        var trap = Assert.Throws<TrapException>(() => instance.GetFunction<Function?, Function?>("funcref").Call(null));
        Assert.Equal(TrapCode.HostError, trap.Code);
        Assert.Contains("another store", trap.InnerException!.Message);
    }
}
