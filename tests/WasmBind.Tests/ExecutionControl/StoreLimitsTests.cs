using WasmBind.Tests.Api;
using Xunit;

namespace WasmBind.Tests.ExecutionControl;

public sealed class StoreLimitsTests
{
    private readonly Engine engine = new();

    private sealed class DenyTables : IResourceLimiter
    {
        public int MemoryRequests;

        public bool MemoryGrowing(Memory memory, ulong currentPages, ulong desiredPages)
        {
            MemoryRequests++;
            return true;
        }

        public bool TableGrowing(Table table, ulong currentElements, ulong desiredElements) => false;
    }

    [Fact]
    public void Memory_growth_past_the_limit_returns_minus_one()
    {
        var store = new Store(engine) { Limits = new StoreLimits { MemoryPages = 3 } };
        var grow = ControlFixture.Instantiate(engine, store).GetFunction<int, int>("grow");

        Assert.Equal(1, grow.Call(2));
        Assert.Equal(-1, grow.Call(1));
        Assert.Equal(3, grow.Call(0));
    }

    [Fact]
    public void Growth_failure_can_trap_instead()
    {
        var store = new Store(engine) { Limits = new StoreLimits { MemoryPages = 2, TrapOnGrowFailure = true } };
        var grow = ControlFixture.Instantiate(engine, store).GetFunction<int, int>("grow");

        var trap = Assert.Throws<TrapException>(() => grow.Call(5));
        Assert.Equal(TrapCode.ResourceLimitExceeded, trap.Code);
    }

    [Fact]
    public void Instance_table_and_memory_counts_are_bounded()
    {
        var module = Wat.Load(engine, "two_tables");
        var linker = new Linker(engine);

        var instances = new Store(engine) { Limits = new StoreLimits { Instances = 1 } };
        linker.Instantiate(instances, module);
        Assert.Throws<ResourceLimitExceededException>(() => linker.Instantiate(instances, module));

        var memories = new Store(engine) { Limits = new StoreLimits { Memories = 0 } };
        Assert.Throws<ResourceLimitExceededException>(() => linker.Instantiate(memories, module));

        var tables = new Store(engine) { Limits = new StoreLimits { Tables = 0 } };
        Assert.Throws<ResourceLimitExceededException>(() => linker.Instantiate(tables, module));
    }

    [Fact]
    public void A_memory_larger_than_the_limit_fails_instantiation_with_a_typed_exception()
    {
        var store = new Store(engine) { Limits = new StoreLimits { MemoryPages = 0 } };
        Assert.Throws<ResourceLimitExceededException>(() => ControlFixture.Instantiate(engine, store));
    }

    [Fact]
    public void A_limiter_is_consulted_for_every_growth()
    {
        var limiter = new DenyTables();
        var store = new Store(engine) { Limiter = limiter };
        var instance = new Linker(engine).Instantiate(store, Wat.Load(engine, "two_tables"));

        Assert.Equal(-1, instance.GetFunction<int, int>("grow_table").Call(1));
        Assert.Equal(2u, instance.GetTable("table")!.Size);
        instance.GetMemory("memory")!.Grow(1);
        Assert.Equal(1, limiter.MemoryRequests);
    }

    [Fact]
    public void Runaway_recursion_traps_and_the_process_survives()
    {
        var store = new Store(new Engine(new EngineConfig { MaxCallDepth = 1000 }));
        var recurse = ControlFixture.Instantiate(store.Engine, store).GetFunction<int, int>("recurse");

        var trap = Assert.Throws<TrapException>(() => recurse.Call(0));

        Assert.Equal(TrapCode.CallStackExhausted, trap.Code);
        Assert.Equal(1000, trap.Backtrace.Count);
    }
}
