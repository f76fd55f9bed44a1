using Xunit;

namespace WasmBind.Tests.Api;

/// <summary>
/// What an instantiation costs in managed memory: a plugin host makes a store and an instance per request, so the
/// per-instance bytes are a budget (≤ 8 KB for a module with a 2-page memory, issue 16). Allocation is exact, unlike
/// time, so it is asserted here; time is measured in benchmarks/ (InstantiationBenchmarks).
/// </summary>
public sealed class InstantiationAllocationTests
{
    private const string TwoPageModule = """
        (module
          (import "host" "log" (func $log (param i32)))
          (memory (export "memory") 2)
          (data (i32.const 16) "hello")
          (func (export "run") (result i32) (call $log (i32.const 16)) (i32.const 1)))
        """;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Instantiating_a_module_with_a_two_page_memory_allocates_less_than_8_KB(bool throughInstancePre)
    {
        var engine = new Engine();
        var module = Module.FromText(engine, TwoPageModule);
        var linker = new Linker(engine);
        linker.DefineFunction("host", "log", (int _) => { });
        var pre = linker.InstantiatePre(module);
        Instance Instantiate() => throughInstancePre ? pre.Instantiate(new Store(engine)) : linker.Instantiate(new Store(engine), module);

        // The first instantiations JIT the path and fill the engine's caches: one-time costs, not per-instance ones.
        for (var i = 0; i < 20; i++) Instantiate();
        const int count = 50;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < count; i++) Instantiate();
        var perInstance = (GC.GetAllocatedBytesForCurrentThread() - before) / count;

        // The interpreter's stacks (9 KB) are allocated by a store's first call, not by instantiation.
        Assert.InRange(perInstance, 1, 8 * 1024);
    }

    [Fact]
    public void The_first_call_still_runs_after_an_instantiation_that_allocated_no_stacks()
    {
        var engine = new Engine();
        var linker = new Linker(engine);
        var logged = new List<int>();
        linker.DefineFunction("host", "log", (int address) => logged.Add(address));
        var instance = linker.Instantiate(new Store(engine), Module.FromText(engine, TwoPageModule));

        Assert.Equal(1, instance.GetFunction<int>("run").Call());
        Assert.Equal([16], logged);
    }
}
