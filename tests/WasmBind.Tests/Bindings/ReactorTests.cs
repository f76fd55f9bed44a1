using WasmBind.Bindings;
using Xunit;

namespace WasmBind.Tests.Bindings;

/// <summary>What reactor.wat (and its broken variants) export besides <c>_initialize</c>.</summary>
[WasmExports]
public partial interface IReactorGuest
{
    /// <summary>How many times <c>_initialize</c> ran.</summary>
    int InitCount();

    /// <summary>42 once initialised; traps before.</summary>
    int Value();
}

/// <summary>The same reactor seen through a second interface, to bind one instance twice.</summary>
[WasmExports]
public partial interface IReactorValue
{
    int Value();
}

/// <summary>WASI reactors (modules exporting <c>_initialize</c>) are initialised once, before the first export call.</summary>
public sealed class ReactorTests
{
    private readonly Engine engine = new();
    private readonly Store store;

    public ReactorTests() => store = new Store(engine);

    private Instance Instantiate(string name) => new Linker(engine).Instantiate(store, BindingTests.Load(engine, name));

    [Fact]
    public void Bind_InitialisesAReactorOnce_BeforeTheFirstExportCall()
    {
        var instance = Instantiate("reactor");
        Assert.True(Reactor.IsReactor(instance));

        var reactor = IReactorGuest.Bind(instance);
        Assert.Equal(42, reactor.Value()); // traps if _initialize had not run
        Assert.Equal(1, reactor.InitCount());

        // Binding the same instance again, through any interface, does not run it again.
        Assert.Equal(42, IReactorValue.Bind(instance).Value());
        IReactorGuest.Bind(instance);
        Reactor.Initialize(instance);
        Assert.Equal(1, reactor.InitCount());
    }

    [Fact]
    public async Task InitializeAsync_RunsIt_AndBindDoesNotRunItAgain()
    {
        var instance = Instantiate("reactor");
        await Reactor.InitializeAsync(instance);
        var reactor = IReactorGuest.Bind(instance);
        Assert.Equal(1, reactor.InitCount());
    }

    [Fact]
    public async Task InitializeAsync_WithACancelledToken_LeavesTheReactorUninitialised()
    {
        var instance = Instantiate("reactor");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Reactor.InitializeAsync(instance, new CancellationToken(canceled: true)).AsTask());
        Assert.Equal(1, IReactorGuest.Bind(instance).InitCount());
    }

    [Fact]
    public void EachInstanceIsInitialisedOnItsOwn()
    {
        var first = IReactorGuest.Bind(Instantiate("reactor"));
        var second = IReactorGuest.Bind(Instantiate("reactor"));
        Assert.Equal(1, first.InitCount());
        Assert.Equal(1, second.InitCount());
    }

    [Fact]
    public void ATrappingInitialiser_FailsBind_AndTheInstanceStaysUnusable()
    {
        var instance = Instantiate("reactor_trapping");

        var trap = Assert.Throws<TrapException>(() => IReactorGuest.Bind(instance));
        Assert.Equal(TrapCode.Unreachable, trap.Code);

        // Not run again on a half-initialised guest: the original failure is kept.
        var again = Assert.Throws<InvalidOperationException>(() => IReactorValue.Bind(instance));
        Assert.Same(trap, again.InnerException);
        Assert.Contains("_initialize", again.Message);

        // The store is fine: another instance in it binds and runs.
        Assert.Equal(42, IReactorGuest.Bind(Instantiate("reactor")).Value());
    }

    [Fact]
    public void AMistypedInitialiser_IsABindingProblem()
    {
        var instance = Instantiate("reactor_mistyped");
        var error = Assert.Throws<BindingException>(() => IReactorGuest.Bind(instance));
        Assert.Equal([new BindingProblem("_initialize", "(func)", "(func (param i32))")], error.Problems);
        Assert.Throws<InvalidOperationException>(() => Reactor.Initialize(instance));
    }

    [Fact]
    public void AModuleWithoutAnInitialiser_IsNotAReactor()
    {
        var linker = new Linker(engine);
        IGuestHost.AddTo(linker, new TestHost());
        var instance = linker.Instantiate(store, BindingTests.Load(engine, "guest"));
        Assert.False(Reactor.IsReactor(instance));
        Reactor.Initialize(instance); // nothing to do
        Assert.Equal(5, IGuest.Bind(instance).Add(2, 3));
    }
}
