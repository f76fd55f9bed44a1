// An async host function: the guest calls host.fetch_price, the host awaits (here a delay standing in for a database),
// and the guest's call is suspended meanwhile without blocking a thread. Only async calls can reach async imports.
using WasmBind;

var prices = new Dictionary<int, int> { [1] = 250, [2] = 1200 };

var engine = new Engine();
var module = Module.FromFile(engine, Path.Combine(AppContext.BaseDirectory, "modules", "prices.wasm"));
var linker = new Linker(engine);
linker.DefineAsyncFunction<int, int>("host", "fetch_price", async (Caller caller, int item) =>
{
    await Task.Delay(20);
    return prices.TryGetValue(item, out var price) ? price : 0;
});

// Two orders at once, each in its own store (a store runs one call at a time); the module is shared.
async Task<int> OrderTotalAsync(int item, int quantity)
{
    var store = new Store(engine);
    var instance = await linker.InstantiateAsync(store, module);
    return await instance.GetFunction<int, int, int>("order_total").CallAsync(item, quantity);
}

var totals = await Task.WhenAll(OrderTotalAsync(1, 4), OrderTotalAsync(2, 3));
Console.WriteLine($"order 1: {totals[0]}, order 2: {totals[1]}");

// A synchronous call cannot wait for the host's task, so it fails with a clear error instead of blocking. Written in
// async code like this, it is also the mistake analyzer WB1003 reports at build time; silenced here to show it.
var syncStore = new Store(engine);
var syncInstance = linker.Instantiate(syncStore, module);
try
{
#pragma warning disable WB1003
    syncInstance.GetFunction<int, int, int>("order_total").Call(1, 1);
#pragma warning restore WB1003
}
catch (InvalidOperationException e)
{
    Console.WriteLine($"a synchronous call: {e.GetType().Name}: {e.Message}");
}
