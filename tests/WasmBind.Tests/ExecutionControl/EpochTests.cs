using WasmBind.Tests.Support;
using Xunit;

namespace WasmBind.Tests.ExecutionControl;

public sealed class EpochTests
{
    private readonly Engine engine = new(new EngineConfig { EpochInterruption = true });

    [Fact]
    public void An_epoch_ticked_from_another_thread_stops_an_infinite_loop()
    {
        var store = new Store(engine);
        var spin = ControlFixture.Instantiate(engine, store).GetFunction("spin")!;
        store.SetEpochDeadline(1);

        using var ticker = new EpochTicker(engine);
        var trap = Assert.Throws<TrapException>(() => spin.Invoke());

        Assert.Equal(TrapCode.Interrupted, trap.Code);
        Assert.NotEmpty(trap.Backtrace);
    }

    [Fact]
    public void A_deadline_callback_decides_to_continue_then_trap()
    {
        var store = new Store(engine);
        var spin = ControlFixture.Instantiate(engine, store).GetFunction("spin")!;
        var calls = 0;
        // Continue(0) sets the deadline to the current epoch, so the very next check calls back again: the count is exact.
        store.EpochDeadlineCallback(s => ++calls < 4 ? EpochDeadlineAction.Continue(0) : EpochDeadlineAction.Trap());
        store.SetEpochDeadline(0);

        var trap = Assert.Throws<TrapException>(() => spin.Invoke());

        Assert.Equal(TrapCode.Interrupted, trap.Code);
        Assert.Equal(4, calls);
    }

    [Fact]
    public void Code_before_the_deadline_runs_normally()
    {
        var store = new Store(engine);
        var count = ControlFixture.Instantiate(engine, store).GetFunction<int, int>("count");
        store.SetEpochDeadline(1);
        Assert.Equal(100_000, count.Call(100_000));
    }

    [Fact]
    public async Task Cancellation_stops_a_running_loop_and_leaves_the_store_usable()
    {
        var store = new Store(engine);
        var instance = ControlFixture.Instantiate(engine, store);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        // The call starts synchronously on this thread; run it on the pool so the token can fire meanwhile.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Task.Run(async () => await instance.GetFunction("spin")!.CallAsync([], cancellation.Token)));

        Assert.Equal(5, instance.GetFunction<int, int>("count").Call(5));
    }

    [Fact]
    public void An_async_yield_lets_other_work_run_between_slices_on_one_thread()
    {
        var store = new Store(engine);
        var count = ControlFixture.Instantiate(engine, store).GetFunction("count")!;
        store.EpochDeadlineAsyncYieldAndUpdate(1);
        store.SetEpochDeadline(1);
        using var ticker = new EpochTicker(engine);

        var (turnsDuringCall, result) = SingleThreadedContext.Run(async context =>
        {
            var turns = 0;
            var done = false;
            async Task Other()
            {
                while (!Volatile.Read(ref done))
                {
                    turns++;
                    await Task.Yield();
                }
            }
            // The call runs first and yields at each epoch tick; only then can the other task take a turn.
            var call = count.CallAsync([Value.I32(20_000_000)]).AsTask();
            var other = Other();
            var results = await call;
            var during = turns;
            Volatile.Write(ref done, true);
            await other;
            return (during, results[0].AsInt32());
        }, TimeSpan.FromSeconds(60));

        Assert.Equal(20_000_000, result);
        Assert.True(turnsDuringCall >= 2, $"the other task ran {turnsDuringCall} times while the call ran");
    }

    [Fact]
    public void Fuel_can_yield_every_n_units_too()
    {
        var fuelEngine = new Engine(new EngineConfig { ConsumeFuel = true });
        var store = new Store(fuelEngine) { Fuel = ulong.MaxValue / 2, FuelAsyncYieldInterval = 10_000 };
        var count = ControlFixture.Instantiate(fuelEngine, store).GetFunction("count")!;
        var yields = 0;
        store.AsyncYield = async (_, _) =>
        {
            yields++;
            await Task.Yield();
        };

        var results = SingleThreadedContext.Run(_ => count.CallAsync([Value.I32(100_000)]).AsTask(), TimeSpan.FromSeconds(30));

        Assert.Equal(100_000, results[0].AsInt32());
        Assert.InRange(yields, 40, 200);
    }
}
