using Xunit;

namespace WasmBind.Tests.ExecutionControl;

/// <summary>The async yield hook sees the store and the call's token, and cancellation never waits for it.</summary>
public sealed class AsyncYieldHookTests
{
    private readonly Engine engine = new(new EngineConfig { ConsumeFuel = true });

    /// <summary>An instance whose async calls yield every 100 units of fuel.</summary>
    private (Instance Instance, Store Store) Yielding()
    {
        var store = new Store(engine) { Fuel = 50_000_000 };
        store.FuelAsyncYieldInterval = 100;
        return (ControlFixture.Instantiate(engine, store), store);
    }

    [Fact]
    public async Task The_hook_gets_the_store_and_the_calls_token()
    {
        var (instance, store) = Yielding();
        Store? seenStore = null;
        var seenToken = default(CancellationToken);
        var yields = 0;
        store.AsyncYield = (yieldingStore, token) =>
        {
            seenStore = yieldingStore;
            seenToken = token;
            yields++;
            return ValueTask.CompletedTask;
        };
        using var cancellation = new CancellationTokenSource();

        var result = await instance.GetFunction("count")!.CallAsync([Value.I32(10_000)], cancellation.Token);

        Assert.Equal(10_000, result[0].AsInt32());
        Assert.Same(store, seenStore);
        Assert.Equal(cancellation.Token, seenToken);
        Assert.True(yields > 10, $"only {yields} yields");
    }

    [Fact]
    public async Task Cancellation_stops_a_slow_hook_that_honours_the_token()
    {
        var (instance, store) = Yielding();
        store.AsyncYield = async (_, token) => await Task.Delay(Timeout.Infinite, token);
        using var cancellation = new CancellationTokenSource();
        var call = instance.GetFunction("spin")!.CallAsync([], cancellation.Token);
        Assert.False(call.IsCompleted);

        cancellation.CancelAfter(50);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await call).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(3, instance.GetFunction<int, int>("count").Call(3));
    }

    [Fact]
    public async Task Cancellation_wins_over_a_hook_that_ignores_the_token()
    {
        var (instance, store) = Yielding();
        var hookFinishes = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        store.AsyncYield = (_, _) => new ValueTask(hookFinishes.Task);
        using var cancellation = new CancellationTokenSource();
        var call = instance.GetFunction("spin")!.CallAsync([], cancellation.Token);
        Assert.False(call.IsCompleted);

        cancellation.Cancel();

        // The hook never finishes, yet the call ends with the cancellation and frees the store.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await call).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(3, (await instance.GetFunction("count")!.CallAsync([Value.I32(3)]))[0].AsInt32());
        hookFinishes.SetResult();
    }

    [Fact]
    public async Task A_hook_that_throws_fails_the_call_with_a_host_error_trap()
    {
        var (instance, store) = Yielding();
        store.AsyncYield = async (_, _) =>
        {
            await Task.Yield();
            throw new FormatException("yield hook broke");
        };

        var trap = await Assert.ThrowsAsync<TrapException>(async () => await instance.GetFunction("spin")!.CallAsync([]));

        Assert.Equal(TrapCode.HostError, trap.Code);
        Assert.IsType<FormatException>(trap.InnerException);
        Assert.Contains(trap.Backtrace, frame => frame.FunctionName == "spin");
        store.AsyncYield = null;
        Assert.Equal(5, (await instance.GetFunction("count")!.CallAsync([Value.I32(5)]))[0].AsInt32());
    }
}
