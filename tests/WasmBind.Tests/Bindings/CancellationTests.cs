using WasmBind.Bindings;
using Xunit;

namespace WasmBind.Tests.Bindings;

/// <summary>A host for guest.wat whose async fetch finishes only when the test says so.</summary>
internal sealed class ControlledFetchHost : IGuestHost
{
    /// <summary>What the next <see cref="FetchAsync"/> returns; continuations run inline, as a late I/O completion would.</summary>
    public TaskCompletionSource<string> Fetch { get; set; } = new();

    public int FetchCalls { get; private set; }

    public void Log(string message) { }

    public string Decorate(string name) => name;

    public byte[] Transform(ReadOnlySpan<byte> data) => data.ToArray();

    public int CallBack(int x) => x;

    public ValueTask<string> FetchAsync(string key)
    {
        FetchCalls++;
        return new ValueTask<string>(Fetch.Task);
    }

    public ValueTask SleepAsync() => default;

    public void Wide(string a, string b, string c, int n) { }
}

/// <summary>What async_hostile.wat exports.</summary>
[WasmExports]
public partial interface IAsyncHostileGuest
{
    ValueTask FetchBadAreaAsync(CancellationToken cancellationToken);

    int AllocationCount();

    int Add(int a, int b);
}

/// <summary>Cancelling a bound async export leaves the guest's memory alone and the store usable.</summary>
public sealed class CancellationTests
{
    private readonly ControlledFetchHost host = new();
    private readonly IGuest guest;

    public CancellationTests()
    {
        var engine = new Engine();
        var store = new Store(engine);
        var linker = new Linker(engine);
        IGuestHost.AddTo(linker, host);
        guest = IGuest.Bind(linker.Instantiate(store, BindingTests.Load(engine, "guest")));
    }

    [Fact]
    public async Task CancelledWhileAnAsyncImportIsPending_TheLateResultNeverReachesTheGuest()
    {
        using var cancellation = new CancellationTokenSource();
        var call = guest.FetchLenAsync("key", cancellation.Token); // "key" is lowered, then the guest awaits host.fetch
        Assert.False(call.IsCompleted);
        var allocations = guest.AllocationCount();

        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.AsTask());

        // The implementation finishes after the call is gone: its string must not be allocated in or written to the
        // guest (the continuation runs inline here; the delay covers one that was scheduled elsewhere).
        host.Fetch.SetResult("a result nobody waits for");
        await Task.Delay(200);
        Assert.Equal(allocations, guest.AllocationCount());

        // The store is quiet and usable: synchronous and async calls both work.
        Assert.Equal(5, guest.Add(2, 3));
        host.Fetch = new TaskCompletionSource<string>();
        host.Fetch.SetResult("four");
        Assert.Equal(4, await guest.FetchLenAsync("k", CancellationToken.None));
        Assert.Equal(allocations + 2, guest.AllocationCount()); // "k" and "four": nothing else
    }

    [Fact]
    public async Task PendingAsyncImport_StoresItsResultWhenTheCallResumes()
    {
        var call = guest.FetchLenAsync("key", CancellationToken.None);
        Assert.False(call.IsCompleted);
        var allocations = guest.AllocationCount();
        host.Fetch.SetResult("ünïcode");
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount("ünïcode"), await call);
        Assert.Equal(allocations + 1, guest.AllocationCount());
    }

    [Fact]
    public async Task AlreadyCancelledToken_LowersNothing_AndNeverReachesTheGuest()
    {
        var allocations = guest.AllocationCount();
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        var call = guest.FetchLenAsync("a string that would be copied into the guest", cancellation.Token);

        Assert.True(call.IsCanceled);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.AsTask());
        Assert.Equal(allocations, guest.AllocationCount()); // no cabi_realloc
        Assert.Equal(0, host.FetchCalls);
        var wait = guest.WaitAsync(cancellation.Token); // the Task<T> form too
        Assert.True(wait.IsCanceled);
    }

    [Fact]
    public async Task ALateResultForABadReturnArea_TrapsWhenTheCallResumes_AndTheStoreStaysUsable()
    {
        var engine = new Engine();
        var linker = new Linker(engine);
        IGuestHost.AddTo(linker, host);
        var hostile = IAsyncHostileGuest.Bind(linker.Instantiate(new Store(engine), BindingTests.Load(engine, "async_hostile")));

        var call = hostile.FetchBadAreaAsync(CancellationToken.None);
        Assert.False(call.IsCompleted);
        host.Fetch.SetResult("late");

        var trap = await Assert.ThrowsAsync<TrapException>(() => call.AsTask());
        Assert.Equal(TrapCode.MemoryOutOfBounds, trap.Code);
        Assert.Equal(0, hostile.AllocationCount()); // the area is checked before the allocator runs
        Assert.Equal(3, hostile.Add(1, 2));
    }
}
