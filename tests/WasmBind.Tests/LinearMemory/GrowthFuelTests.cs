using WasmBind.Tests.Api;
using Xunit;

namespace WasmBind.Tests.LinearMemory;

/// <summary>
/// Issue 15 item 9: memory.grow and table.grow cost fuel in proportion to what they grow (1 unit per 64 bytes, 1 per
/// 8 elements), charged before growing, and growth does amortised O(1) work per page or element, so fuel bounds CPU
/// time. Before: a flat cost and a full copy per grow, so a page-at-a-time loop ran O(n^2) on 10 M fuel for a minute.
/// </summary>
[Collection(LinearMemoryCollection.Name)]
public sealed class GrowthFuelTests
{
    private const ulong FuelPerPage = 1024;

    private readonly Engine engine = new(new EngineConfig { ConsumeFuel = true });

    private Instance Instantiate(Store store) => new Linker(engine).Instantiate(store, Wat.Load(engine, "growth"));

    [Fact]
    public void A_page_at_a_time_grow_loop_runs_out_of_fuel_after_about_fuel_over_1024_pages()
    {
        var store = new Store(engine) { Fuel = 10_000_000 };
        var instance = Instantiate(store);
        var memory = instance.GetMemory("memory")!;

        var trap = Assert.Throws<TrapException>(() => instance.GetFunction<int, int>("grow_memory_by_pages").Call(65536));

        Assert.Equal(TrapCode.OutOfFuel, trap.Code);
        // 10 M / 1,024 = 9,765 pages if growth were the only cost; the loop's own instructions take a little more.
        Assert.InRange(memory.Pages, 9_500u, 9_765u);
        Assert.True(store.Fuel < FuelPerPage, $"fuel left: {store.Fuel}");
        // Amortised growth: all the reallocations together moved less than twice the final size (a copy per grow
        // would have moved about pages^2 / 2 pages, 3 GiB here).
        Assert.True(memory.Block.BytesRelocated <= 2 * (ulong)memory.Length,
            $"{memory.Block.BytesRelocated} bytes relocated for a memory of {memory.Length}");
    }

    [Fact]
    public void An_element_at_a_time_table_grow_loop_runs_out_of_fuel_and_copies_linearly()
    {
        var store = new Store(engine) { Fuel = 10_000_000 };
        var instance = Instantiate(store);
        var table = instance.GetTable("table")!;

        var trap = Assert.Throws<TrapException>(() => instance.GetFunction<int, int>("grow_table_by_elements").Call(10_000_000));

        Assert.Equal(TrapCode.OutOfFuel, trap.Code);
        // Each iteration pays at least its element (1 unit per 8, rounded up) plus the loop's instructions.
        Assert.InRange(table.Size, 100_000u, 5_000_000u);
        Assert.True(table.ElementsRelocated <= 2 * (ulong)table.Size, $"{table.ElementsRelocated} elements relocated for a table of {table.Size}");
    }

    [Fact]
    public void Memory_grow_costs_1024_units_per_page_on_top_of_the_instructions()
    {
        var store = new Store(engine) { Fuel = 1_000_000 };
        var grow = Instantiate(store).GetFunction<int, int>("grow_memory");

        var flat = Consumed(store, () => Assert.Equal(0, grow.Call(0)));
        var tenPages = Consumed(store, () => Assert.Equal(0, grow.Call(10)));

        Assert.Equal(flat + 10 * FuelPerPage, tenPages);
    }

    [Fact]
    public void Table_grow_costs_one_unit_per_8_elements_rounded_up()
    {
        var store = new Store(engine) { Fuel = 1_000_000 };
        var grow = Instantiate(store).GetFunction<int, int>("grow_table");

        var flat = Consumed(store, () => Assert.Equal(0, grow.Call(0)));
        var eighty = Consumed(store, () => Assert.Equal(0, grow.Call(80)));
        var one = Consumed(store, () => Assert.Equal(80, grow.Call(1)));

        Assert.Equal(flat + 10, eighty);
        Assert.Equal(flat + 1, one);
    }

    [Fact]
    public void Without_enough_fuel_memory_grow_traps_before_growing()
    {
        var store = new Store(engine) { Fuel = 2_000 };
        var instance = Instantiate(store);

        var trap = Assert.Throws<TrapException>(() => instance.GetFunction<int, int>("grow_memory").Call(2));

        Assert.Equal(TrapCode.OutOfFuel, trap.Code);
        Assert.Equal(0u, instance.GetMemory("memory")!.Pages);
    }

    [Fact]
    public void Without_enough_fuel_table_grow_traps_before_growing()
    {
        var store = new Store(engine) { Fuel = 100 };
        var instance = Instantiate(store);

        var trap = Assert.Throws<TrapException>(() => instance.GetFunction<int, int>("grow_table").Call(8_000));

        Assert.Equal(TrapCode.OutOfFuel, trap.Code);
        Assert.Equal(0u, instance.GetTable("table")!.Size);
    }

    [Fact]
    public void A_grow_past_the_maximum_still_returns_minus_one_at_the_flat_cost()
    {
        var store = new Store(engine) { Fuel = 1_000, Limits = new StoreLimits { MemoryPages = 4, TableElements = 4 } };
        var instance = Instantiate(store);

        var memoryCost = Consumed(store, () => Assert.Equal(-1, instance.GetFunction<int, int>("grow_memory").Call(-1)));
        var limitCost = Consumed(store, () => Assert.Equal(-1, instance.GetFunction<int, int>("grow_memory").Call(5)));
        var tableCost = Consumed(store, () => Assert.Equal(-1, instance.GetFunction<int, int>("grow_table").Call(1_000_000)));

        Assert.True(memoryCost < 20 && limitCost < 20 && tableCost < 20, $"costs {memoryCost}, {limitCost}, {tableCost}");
    }

    [Fact]
    public void A_grow_the_limiter_refuses_gives_its_fuel_back()
    {
        var store = new Store(engine) { Fuel = 100_000, Limiter = new RefuseAll() };
        var instance = Instantiate(store);

        var cost = Consumed(store, () => Assert.Equal(-1, instance.GetFunction<int, int>("grow_memory").Call(50)));

        Assert.True(cost < 20, $"cost {cost}");
        Assert.Equal(0u, instance.GetMemory("memory")!.Pages);
    }

    [Fact]
    public void A_resumable_call_out_of_fuel_at_memory_grow_grows_once_refilled()
    {
        var store = new Store(engine) { Fuel = 3_000 };
        var instance = Instantiate(store);

        var result = instance.GetFunction("grow_memory")!.CallResumable(Value.I32(5));
        Assert.False(result.IsFinished);
        Assert.Equal(ResumableCallReason.OutOfFuel, result.Call!.Reason);
        Assert.Equal(0u, instance.GetMemory("memory")!.Pages);

        store.Fuel = 10_000;
        result = result.Call.Resume();

        Assert.True(result.IsFinished);
        Assert.Equal(0, result.Results![0].AsInt32());
        Assert.Equal(5u, instance.GetMemory("memory")!.Pages);
    }

    private static ulong Consumed(Store store, Action action)
    {
        var before = store.Fuel;
        action();
        return before - store.Fuel;
    }

    private sealed class RefuseAll : IResourceLimiter
    {
        public bool MemoryGrowing(Memory memory, ulong currentPages, ulong desiredPages) => false;

        public bool TableGrowing(Table table, ulong currentElements, ulong desiredElements) => false;
    }
}
