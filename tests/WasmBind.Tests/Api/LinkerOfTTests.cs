using Xunit;

namespace WasmBind.Tests.Api;

public sealed class LinkerOfTTests
{
    private sealed class Counter
    {
        public long Total;
        public int Calls;
    }

    private readonly Engine engine = new();

    private Linker<Counter> CountingLinker()
    {
        var linker = new Linker<Counter>(engine);
        linker.DefineFunction("host", "tick", (Caller<Counter> caller, int i) =>
        {
            caller.Data.Total += i;
            caller.Data.Calls++;
            return i;
        });
        linker.DefineFunction("host", "wait", (Caller<Counter> caller, int i) => i);
        return linker;
    }

    [Fact]
    public void Host_functions_see_the_stores_typed_data()
    {
        var store = new Store<Counter>(engine, new Counter());
        var instance = CountingLinker().Instantiate(store, Wat.Load(engine, "control"));

        Assert.Equal(45L, instance.GetFunction<int, long>("sum_ticks").Call(10));
        Assert.Equal(45L, store.Data.Total);
        Assert.Equal(10, store.Data.Calls);
    }

    [Fact]
    public async Task Async_host_functions_see_it_too()
    {
        var linker = new Linker<Counter>(engine);
        linker.DefineAsyncFunction("host", "tick", async (Caller<Counter> caller, int i) =>
        {
            await Task.Yield();
            caller.Data.Calls++;
            return i * 2;
        });
        linker.DefineFunction("host", "wait", (Caller<Counter> caller, int i) => i);
        var store = new Store<Counter>(engine, new Counter());
        var instance = linker.Instantiate(store, Wat.Load(engine, "control"));

        Assert.Equal(90L, await instance.GetFunction<int, long>("sum_ticks").CallAsync(10));
        Assert.Equal(10, store.Data.Calls);
    }

    [Fact]
    public void A_store_without_that_data_type_fails_clearly()
    {
        var store = new Store(engine);
        var instance = CountingLinker().Instantiate(store, Wat.Load(engine, "control"));

        var trap = Assert.Throws<TrapException>(() => instance.GetFunction<int, long>("sum_ticks").Call(3));

        Assert.Equal(TrapCode.HostError, trap.Code);
        Assert.Contains("Store<Counter>", Assert.IsType<InvalidOperationException>(trap.InnerException).Message);
    }
}
