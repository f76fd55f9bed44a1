using WasmBind.Tests.Api;
using Xunit;

namespace WasmBind.Tests.ExecutionControl;

public sealed class FuelTests
{
    private readonly Engine engine = new(new EngineConfig { ConsumeFuel = true });

    [Fact]
    public void An_infinite_loop_runs_out_of_fuel()
    {
        var store = new Store(engine) { Fuel = 10_000 };
        var instance = ControlFixture.Instantiate(engine, store);

        var trap = Assert.Throws<TrapException>(() => instance.GetFunction("spin")!.Invoke());

        Assert.Equal(TrapCode.OutOfFuel, trap.Code);
        Assert.True(store.Fuel < 10, $"fuel left: {store.Fuel}");
    }

    [Fact]
    public void Fuel_consumption_is_deterministic_and_proportional_to_work()
    {
        var store = new Store(engine) { Fuel = 1_000_000 };
        var count = ControlFixture.Instantiate(engine, store).GetFunction<int, int>("count");

        var before = store.Fuel;
        Assert.Equal(1000, count.Call(1000));
        var first = before - store.Fuel;
        before = store.Fuel;
        count.Call(1000);
        var second = before - store.Fuel;
        before = store.Fuel;
        count.Call(2000);
        var third = before - store.Fuel;

        Assert.Equal(first, second);
        Assert.InRange(first, 1000ul * 5, 1000ul * 20);
        Assert.InRange(third, first * 2 - 20, first * 2);
    }

    [Fact]
    public void A_huge_memory_fill_cannot_overrun_the_budget()
    {
        var store = new Store(engine) { Fuel = 100 };
        var instance = ControlFixture.Instantiate(engine, store);

        var trap = Assert.Throws<TrapException>(() => instance.GetAction<int, int>("fill").Call(65536, 7));

        Assert.Equal(TrapCode.OutOfFuel, trap.Code);
        Assert.Equal(0, instance.GetMemory("memory")!.ReadByte(0));
        store.Fuel = 10_000;
        instance.GetAction<int, int>("fill").Call(65536, 7);
        Assert.Equal(7, instance.GetMemory("memory")!.ReadByte(65535));
    }

    [Fact]
    public void Out_of_fuel_is_resumable_after_adding_fuel()
    {
        var store = new Store(engine) { Fuel = 500 };
        var count = ControlFixture.Instantiate(engine, store).GetFunction("count")!;

        var result = count.CallResumable(Value.I32(10_000));
        var suspensions = 0;
        while (!result.IsFinished)
        {
            Assert.Equal(ResumableCallReason.OutOfFuel, result.Call!.Reason);
            suspensions++;
            store.Fuel = 500;
            result = result.Call.Resume();
        }

        Assert.Equal(10_000, result.Results![0].AsInt32());
        Assert.True(suspensions > 50, $"suspended {suspensions} times");
    }

    [Fact]
    public void Fuel_needs_the_engine_switch()
    {
        var store = new Store(new Engine());
        Assert.Throws<InvalidOperationException>(() => store.Fuel = 5);
    }

    [Fact]
    public void A_store_without_fuel_cannot_run_metered_code()
    {
        var store = new Store(engine);
        var instance = ControlFixture.Instantiate(engine, store);
        var trap = Assert.Throws<TrapException>(() => instance.GetFunction<int, int>("count").Call(1));
        Assert.Equal(TrapCode.OutOfFuel, trap.Code);
    }
}
