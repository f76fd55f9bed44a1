using System.Text;
using WasmBind.Bindings;
using Xunit;

namespace WasmBind.Tests.Bindings;

/// <summary>The host side of guest.wat, recording what the guest passed it.</summary>
internal sealed class TestHost : IGuestHost
{
    public List<string> Logged { get; } = [];

    public List<(string A, string B, string C, int N)> Wides { get; } = [];

    /// <summary>The guest, for <see cref="CallBack"/>: the host calling back into the guest that called it.</summary>
    public IGuest? Guest { get; set; }

    /// <summary>What <see cref="SleepAsync"/> waits for.</summary>
    public TaskCompletionSource Sleep { get; set; } = new();

    public void Log(string message) => Logged.Add(message);

    public string Decorate(string name) => $"<{name}>";

    public byte[] Transform(ReadOnlySpan<byte> data)
    {
        var result = new byte[data.Length];
        for (var i = 0; i < data.Length; i++) result[i] = (byte)(data[i] + 1);
        return result;
    }

    public int CallBack(int x) => Guest!.Add(x, 100);

    public async ValueTask<string> FetchAsync(string key)
    {
        await Task.Yield(); // really suspend the guest
        return key + "-value-ü";
    }

    public ValueTask SleepAsync() => new(Sleep.Task);

    public void Wide(string a, string b, string c, int n) => Wides.Add((a, b, c, n));
}

public sealed class BindingTests
{
    private readonly Engine engine = new();
    private readonly Store store;
    private readonly TestHost host = new();
    private readonly Instance instance;
    private readonly IGuest guest;

    public BindingTests()
    {
        store = new Store(engine);
        var linker = new Linker(engine);
        IGuestHost.AddTo(linker, host);
        instance = linker.Instantiate(store, Load(engine, "guest"));
        guest = IGuest.Bind(instance);
        host.Guest = guest;
    }

    internal static Module Load(Engine engine, string name) =>
        Module.FromFile(engine, Path.Combine(AppContext.BaseDirectory, "Fixtures", "bindings", name + ".wasm"));

    [Fact]
    public void Primitives_RoundTrip() => Assert.Equal(5, guest.Add(2, 3));

    [Theory]
    [InlineData("world")]
    [InlineData("")]
    [InlineData("Grüße, 世界 🌍")]
    public void Strings_RoundTripThroughTheGuest(string name) =>
        Assert.Equal($"Hello, {name}!", guest.Greet(name));

    [Fact]
    public void PostReturn_RunsAfterEachResultWithItsReturnArea()
    {
        Assert.Equal(0, guest.PostCount());
        guest.Greet("a");
        guest.Greet("b");
        Assert.Equal(2, guest.PostCount());
        Assert.Equal(1024, guest.LastPostArea()); // greet's return area
    }

    [Fact]
    public void Bytes_RoundTripThroughTheGuest()
    {
        Assert.Equal(new byte[] { 5, 4, 3, 2, 1 }, guest.Reverse([1, 2, 3, 4, 5]));
        Assert.Empty(guest.Reverse([]));
        var large = Enumerable.Range(0, 200_000).Select(i => (byte)i).ToArray(); // larger than the initial page: the allocator grows memory
        Assert.Equal(large.Reverse(), guest.Reverse(large));
    }

    [Fact]
    public void HostReturnsAString_ThroughTheGuestsAllocatorAndAReturnPointer()
    {
        var before = guest.AllocationCount();
        Assert.Equal("<bob>", guest.GreetViaHost("bob"));
        Assert.Equal(["bob"], host.Logged);
        Assert.Equal(before + 2, guest.AllocationCount()); // the argument, then the host's result
    }

    [Fact]
    public void HostReturnsBytes_ThroughTheGuestsAllocator() =>
        Assert.Equal(2 + 3 + 4, guest.TransformAndSum(new byte[] { 1, 2, 3 }));

    [Fact]
    public void GuestCallsHostCallsGuest() => Assert.Equal(105, guest.Roundtrip(5));

    [Fact]
    public void GuestPassesStringsToTheHost()
    {
        guest.LogName("Zoë");
        guest.CallWide(); // seven core parameters: the untyped host function path
        Assert.Equal(["Zoë"], host.Logged);
        Assert.Equal([("alpha", "beta", "gamma", 42)], host.Wides);
    }

    [Fact]
    public void SevenCoreParameters_UseTheUntypedExportPath() =>
        Assert.Equal(-1L + 2 + 3 + 4 + 5 + 6 + 7, guest.Sum7(-1, 2, 3, 4, 5, 6, 7));

    [Fact]
    public void Scalars_CrossAsTheirCoreTypes()
    {
        var echo = IEcho.Bind(instance);
        Assert.True(echo.EchoBool(true));
        Assert.False(echo.EchoBool(false));
        Assert.True(echo.IsOne(true));
        Assert.False(echo.IsOne(false));
        Assert.Equal(sbyte.MinValue, echo.EchoSByte(sbyte.MinValue));
        Assert.Equal(byte.MaxValue, echo.EchoByte(byte.MaxValue));
        Assert.Equal(short.MinValue, echo.EchoInt16(short.MinValue));
        Assert.Equal(ushort.MaxValue, echo.EchoUInt16(ushort.MaxValue));
        Assert.Equal(uint.MaxValue, echo.EchoUInt32(uint.MaxValue));
        Assert.Equal(Shade.Dark, echo.EchoShade(Shade.Dark));
        Assert.Equal(long.MinValue, echo.EchoInt64(long.MinValue));
        Assert.Equal(ulong.MaxValue, echo.EchoUInt64(ulong.MaxValue));
        Assert.Equal(float.NegativeInfinity, echo.EchoSingle(float.NegativeInfinity));
        Assert.Equal(Math.PI, echo.EchoDouble(Math.PI));
    }

    [Fact]
    public async Task AsyncImport_SuspendsTheGuest_AndReturnsAStringThroughItsAllocator()
    {
        // fetch_len awaits the host's FetchAsync (which yields), whose string the host then copies into guest memory.
        var length = await guest.FetchLenAsync("key", CancellationToken.None);
        Assert.Equal(Encoding.UTF8.GetByteCount("key-value-ü"), length);
    }

    [Fact]
    public async Task AsyncExport_CompletesWhenTheHostDoes()
    {
        var call = guest.WaitAsync(CancellationToken.None);
        Assert.False(call.IsCompleted);
        host.Sleep.SetResult();
        Assert.Equal(7, await call);
    }

    [Fact]
    public async Task AsyncExport_CancellationTokenCancelsTheCall()
    {
        using var cancellation = new CancellationTokenSource();
        var call = guest.WaitAsync(cancellation.Token);
        Assert.False(call.IsCompleted);
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public void PrimitiveCalls_AllocateNothing()
    {
        var echo = IEcho.Bind(instance);
        SteadyState.WarmUp(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                guest.Add(i, i);
                echo.EchoInt64(i);
                echo.EchoBool(true);
                guest.Sum7(i, 1, 2, 3, 4, 5, 6);
            }
        });
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            guest.Add(i, i);
            echo.EchoInt64(i);
            echo.EchoBool(true);
            guest.Sum7(i, 1, 2, 3, 4, 5, 6);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void StringCall_AllocatesOnlyTheResult()
    {
        for (var i = 0; i < 100; i++) guest.Greet("warm");
        var before = GC.GetAllocatedBytesForCurrentThread();
        guest.Greet("world");
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        // "Hello, world!" is 13 chars: a string object of about 48 bytes; nothing else.
        Assert.InRange(allocated, 1, 64);
    }
}
