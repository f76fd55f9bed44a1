using BenchmarkDotNet.Attributes;

namespace WasmBind.Benchmarks;

/// <summary>
/// <c>linker.Instantiate(new Store(engine), module)</c> for small modules: fib.wasm (functions only), memory.wasm
/// (plus a 1-page linear memory, 64 KiB zeroed per instance) and add.wasm (plus one typed host function import).
/// </summary>
[MemoryDiagnoser]
public class InstantiationBenchmarks
{
    private Engine engine = null!;
    private Linker linker = null!;
    private Module module = null!;

    /// <summary>The module to instantiate, a file of Modules/.</summary>
    [Params("fib.wasm", "memory.wasm", "add.wasm")]
    public string Input { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        engine = new Engine();
        linker = new Linker(engine);
        linker.DefineFunction<int, int, int>("host", "add", static (a, b) => a + b);
        module = Module.FromFile(engine, BenchmarkModules.PathOf(Input));
    }

    /// <summary>A fresh store and one instance in it.</summary>
    [Benchmark]
    public Instance NewStoreAndInstantiate() => linker.Instantiate(new Store(engine), module);
}
