using BenchmarkDotNet.Attributes;
using WasmBind.Bindings;

namespace WasmBind.Benchmarks;

/// <summary>record item { name: string, count: s32 }.</summary>
public sealed record BenchItem(string Name, int Count);

/// <summary>record order { customer: string, items: list&lt;item&gt; }.</summary>
public sealed record BenchOrder(string Customer, IReadOnlyList<BenchItem> Items);

/// <summary>The guest <see cref="RecordBenchmarks"/> binds: Modules/records.c.</summary>
[WasmExports]
public partial interface IRecordBenchGuest
{
    /// <summary>echo_order: (param i32 i32 i32 i32) (result i32), the same order back.</summary>
    BenchOrder EchoOrder(BenchOrder order);
}

/// <summary>
/// A call passing a record with a string and a list of 100 records, lowered into the guest and lifted back out, through
/// the generated binding against the same Canonical ABI steps written by hand with the runtime's helpers. Both
/// allocate the lifted order (strings, items, the list); the difference is what the generated codec costs.
/// </summary>
[MemoryDiagnoser]
public class RecordBenchmarks
{
    private const int ItemSize = 12;

    private readonly BenchOrder order = new("ACME Corporation", Enumerable.Range(0, 100).Select(i => new BenchItem("item-" + i, i)).ToArray());

    private IRecordBenchGuest bound = null!;
    private Memory memory = null!;
    private Function allocator = null!;
    private TypedFunc<int, int, int, int, int> echo = null!;
    private TypedAction<int> post = null!;

    [GlobalSetup]
    public void Setup()
    {
        var engine = new Engine();
        var instance = new Linker(engine).Instantiate(new Store(engine), Module.FromFile(engine, BenchmarkModules.PathOf("records.wasm")));
        bound = IRecordBenchGuest.Bind(instance);
        memory = instance.GetMemory("memory")!;
        allocator = instance.GetFunction("cabi_realloc")!;
        echo = instance.GetFunction<int, int, int, int, int>("echo_order");
        post = instance.GetAction<int>("cabi_post_echo_order");
        foreach (var result in new[] { Bound(), ByHand() })
        {
            if (result.Customer != order.Customer || !result.Items.SequenceEqual(order.Items))
                throw new InvalidOperationException("echo_order gave a wrong answer.");
        }
    }

    /// <summary><c>IRecordBenchGuest.EchoOrder</c>: the generated codec lowers and lifts the order.</summary>
    [Benchmark(Baseline = true)]
    public BenchOrder Bound() => bound.EchoOrder(order);

    /// <summary>The same steps by hand: the strings and the list through cabi_realloc, the result area checked and read, cabi_post.</summary>
    [Benchmark]
    public BenchOrder ByHand()
    {
        var customer = CanonicalAbi.LowerString(memory, allocator, order.Customer, out var customerLength);
        var items = order.Items;
        var list = CanonicalAbi.AllocateList(memory, allocator, items.Count, ItemSize, 4);
        for (var i = 0; i < items.Count; i++)
        {
            var name = CanonicalAbi.LowerString(memory, allocator, items[i].Name, out var nameLength);
            CanonicalAbi.StoreI32(memory, list + i * ItemSize, name);
            CanonicalAbi.StoreI32(memory, list + i * ItemSize + 4, nameLength);
            CanonicalAbi.StoreI32(memory, list + i * ItemSize + 8, items[i].Count);
        }

        var area = echo.Call(customer, customerLength, list, items.Count);
        CanonicalAbi.CheckResultArea(memory, area, 4, 16);
        var resultCustomer = CanonicalAbi.LiftString(memory, CanonicalAbi.LoadI32(memory, area), CanonicalAbi.LoadI32(memory, area + 4));
        var resultList = CanonicalAbi.LoadI32(memory, area + 8);
        var count = CanonicalAbi.LoadI32(memory, area + 12);
        CanonicalAbi.CheckList(memory, resultList, count, ItemSize, 4);
        var resultItems = new BenchItem[count];
        for (var i = 0; i < count; i++)
        {
            var at = resultList + i * ItemSize;
            resultItems[i] = new BenchItem(CanonicalAbi.LiftString(memory, CanonicalAbi.LoadI32(memory, at), CanonicalAbi.LoadI32(memory, at + 4)), CanonicalAbi.LoadI32(memory, at + 8));
        }
        post.Call(area);
        return new BenchOrder(resultCustomer, resultItems);
    }
}
