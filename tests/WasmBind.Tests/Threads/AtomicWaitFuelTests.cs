using Xunit;

namespace WasmBind.Tests.Threads;

/// <summary>
/// Fuel ends a guest parked in <c>memory.atomic.wait</c> in a yielding configuration: waiting is charged one
/// <see cref="Store.FuelAsyncYieldInterval"/> of fuel per millisecond, so a guest bounded by fuel cannot escape the
/// bound by waiting forever.
/// </summary>
public sealed class AtomicWaitFuelTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Running_out_of_fuel_ends_a_guest_blocked_in_wait_with_an_out_of_fuel_trap()
    {
        var fixture = new SharedMemoryFixture(new EngineConfig { ConsumeFuel = true });
        var (store, instance) = fixture.NewInstance();
        store.Fuel = 1_000_000;
        store.FuelAsyncYieldInterval = 10_000; // ~100 ms of waiting

        var waiting = Task.Factory.StartNew(
            () => instance.GetFunction<int>("wait_forever").CallAsync().AsTask(),
            TaskCreationOptions.LongRunning).Unwrap();

        var trap = await Assert.ThrowsAsync<TrapException>(() => waiting.WaitAsync(Patience));
        Assert.Equal(TrapCode.OutOfFuel, trap.Code);
        Assert.Equal(0UL, store.Fuel);
        Assert.Equal(0, fixture.Memory.CountWaiters(8));
    }

    [Fact]
    public async Task A_notify_before_the_fuel_runs_out_wakes_the_waiter_which_was_charged_for_the_time_it_waited()
    {
        var fixture = new SharedMemoryFixture(new EngineConfig { ConsumeFuel = true });
        var (store, instance) = fixture.NewInstance();
        store.Fuel = 10_000_000_000;
        store.FuelAsyncYieldInterval = 1_000;

        var waiting = Task.Factory.StartNew(
            () => instance.GetFunction<int, int, long, int>("wait32").CallAsync(4, 0, -1).AsTask(),
            TaskCreationOptions.LongRunning).Unwrap();
        Assert.True(fixture.WaitForWaiters(4, 1));
        await Task.Delay(50);
        var (notifierStore, notifier) = fixture.NewInstance();
        notifierStore.Fuel = 1_000;
        Assert.Equal(1, notifier.GetFunction<int, int, int>("store_and_notify").Call(4, 1));

        Assert.Equal(0, await waiting.WaitAsync(Patience));
        // At least the 50 ms it surely waited, at 1,000 fuel per millisecond.
        Assert.True(store.Fuel <= 10_000_000_000 - 50_000, $"fuel left {store.Fuel}");
    }

    [Fact]
    public async Task Without_a_yield_interval_waiting_costs_no_fuel()
    {
        var fixture = new SharedMemoryFixture(new EngineConfig { ConsumeFuel = true });
        var (store, instance) = fixture.NewInstance();
        store.Fuel = 1_000_000;

        var result = await Task.Factory.StartNew(
            () => instance.GetFunction<int, int, long, int>("wait32").Call(4, 0, 50_000_000),
            TaskCreationOptions.LongRunning).WaitAsync(Patience);

        Assert.Equal(2, result);
        Assert.True(store.Fuel > 900_000, $"fuel left {store.Fuel}");
    }
}
