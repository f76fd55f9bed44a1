using BenchmarkDotNet.Attributes;

namespace WasmBind.Benchmarks;

/// <summary>
/// <c>linker.Instantiate(new Store(engine), module)</c> against <c>instancePre.Instantiate(new Store(engine))</c>
/// (imports resolved and type-checked once, by <see cref="Linker.InstantiatePre"/>) for small modules: fib.wasm
/// (functions only), memory.wasm (plus a 1-page linear memory, 64 KiB zeroed per instance), memory2.wasm (a 2-page
/// memory and a data segment: 128 KiB, which as a byte[] was a large-object-heap array) and add.wasm (plus one typed
/// host function import, the case <see cref="InstancePre"/> is for).
/// </summary>
[MemoryDiagnoser]
public class InstantiationBenchmarks
{
    private Engine engine = null!;
    private Linker linker = null!;
    private Module module = null!;
    private InstancePre instancePre = null!;

    /// <summary>The module to instantiate, a file of Modules/.</summary>
    [Params("fib.wasm", "memory.wasm", "memory2.wasm", "add.wasm")]
    public string Input { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        engine = new Engine();
        linker = new Linker(engine);
        linker.DefineFunction<int, int, int>("host", "add", static (a, b) => a + b);
        module = Module.FromFile(engine, BenchmarkModules.PathOf(Input));
        instancePre = linker.InstantiatePre(module);
    }

    /// <summary>A fresh store and one instance in it, resolving the imports by name.</summary>
    [Benchmark(Baseline = true)]
    public Instance NewStoreAndInstantiate() => linker.Instantiate(new Store(engine), module);

    /// <summary>A fresh store and one instance in it, from the pre-resolved <see cref="InstancePre"/>.</summary>
    [Benchmark]
    public Instance NewStoreAndInstancePre() => instancePre.Instantiate(new Store(engine));

    /// <summary>Just the store, for scale: what both of the others pay before instantiating.</summary>
    [Benchmark]
    public Store NewStoreOnly() => new(engine);
}
