using Xunit;

namespace WasmBind.Tests.Bindings;

/// <summary>What options.wat imports.</summary>
[WasmImports("opt")]
public partial interface IOptionHost
{
    int? Add(int? a, int? b);

    ValueTask<int?> LaterAsync(int? x);
}

/// <summary>What options.wat exports.</summary>
[WasmExports]
public partial interface IOptionGuest
{
    int? EchoI32(int? value);

    long? EchoI64(long? value);

    double? EchoF64(double? value);

    bool? EchoBool(bool? value);

    int? BadCase();

    int? Misaligned();

    int? PastTheEnd();

    int? SumViaHost(int? a, int? b);

    int? HostBadCase();

    int? HostBadArea();

    ValueTask<int?> LaterViaHostAsync(int? x, CancellationToken cancellationToken);
}

/// <summary>options.wat's echo_i32 again, called asynchronously.</summary>
[WasmExports]
public partial interface IOptionAsyncGuest
{
    [WasmName("echo_i32")] ValueTask<int?> EchoLaterAsync(int? value, CancellationToken cancellationToken);
}

internal sealed class OptionHost : IOptionHost
{
    public int Calls { get; private set; }

    public int? Add(int? a, int? b)
    {
        Calls++;
        return a + b;
    }

    public async ValueTask<int?> LaterAsync(int? x)
    {
        await Task.Yield(); // really suspend the guest
        return x is { } v ? v * 10 : null;
    }
}

/// <summary>T? of a scalar as the Canonical ABI's option&lt;T&gt;, both directions, flat and through result areas.</summary>
public sealed class OptionTests
{
    private readonly OptionHost host = new();
    private readonly IOptionGuest guest;
    private readonly IOptionAsyncGuest asyncGuest;

    public OptionTests()
    {
        var engine = new Engine();
        var linker = new Linker(engine);
        IOptionHost.AddTo(linker, host);
        var instance = linker.Instantiate(new Store(engine), BindingTests.Load(engine, "options"));
        guest = IOptionGuest.Bind(instance);
        asyncGuest = IOptionAsyncGuest.Bind(instance);
    }

    [Fact]
    public void Options_RoundTripThroughTheGuest()
    {
        Assert.Equal(-7, guest.EchoI32(-7));
        Assert.Null(guest.EchoI32(null));
        Assert.Equal(long.MinValue, guest.EchoI64(long.MinValue));
        Assert.Null(guest.EchoI64(null));
        Assert.Equal(Math.E, guest.EchoF64(Math.E));
        Assert.Null(guest.EchoF64(null));
        Assert.True(guest.EchoBool(true));
        Assert.False(guest.EchoBool(false));
        Assert.Null(guest.EchoBool(null));
    }

    [Fact]
    public async Task AsyncExports_LiftOptionsToo()
    {
        Assert.Equal(5, await asyncGuest.EchoLaterAsync(5, CancellationToken.None));
        Assert.Null(await asyncGuest.EchoLaterAsync(null, CancellationToken.None));
    }

    [Fact]
    public void TheHostLiftsAndStoresOptions()
    {
        Assert.Equal(5, guest.SumViaHost(2, 3));
        Assert.Null(guest.SumViaHost(2, null));
        Assert.Null(guest.SumViaHost(null, null));
    }

    [Fact]
    public async Task AnAsyncImportStoresItsOptionWhenTheCallResumes()
    {
        Assert.Equal(40, await guest.LaterViaHostAsync(4, CancellationToken.None));
        Assert.Null(await guest.LaterViaHostAsync(null, CancellationToken.None));
    }

    [Fact]
    public void ABadDiscriminantInAResult_Traps()
    {
        var trap = Assert.Throws<TrapException>(() => guest.BadCase());
        Assert.Equal(TrapCode.InvalidCanonicalValue, trap.Code);
        Assert.Contains("option discriminant 2", trap.Message);
    }

    [Fact]
    public void AMisalignedOrOutOfRangeResultArea_Traps()
    {
        Assert.Equal(TrapCode.MemoryOutOfBounds, Assert.Throws<TrapException>(() => guest.Misaligned()).Code);
        Assert.Equal(TrapCode.MemoryOutOfBounds, Assert.Throws<TrapException>(() => guest.PastTheEnd()).Code);
    }

    [Fact]
    public void ABadDiscriminantPassedToTheHost_Traps_AndTheHostNeverRuns()
    {
        Assert.Equal(TrapCode.InvalidCanonicalValue, Assert.Throws<TrapException>(() => guest.HostBadCase()).Code);
        Assert.Equal(0, host.Calls);
        Assert.Equal(3, guest.SumViaHost(1, 2)); // the store is fine
    }

    [Fact]
    public void AMisalignedAreaForTheHostsResult_Traps() =>
        Assert.Equal(TrapCode.MemoryOutOfBounds, Assert.Throws<TrapException>(() => guest.HostBadArea()).Code);
}
