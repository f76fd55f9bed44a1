using BenchmarkDotNet.Attributes;

namespace WasmBind.Benchmarks;

/// <summary>
/// <c>linker.Instantiate(new Store(engine), module)</c> against <c>instancePre.Instantiate(new Store(engine))</c>
/// (imports resolved and type-checked once, by <see cref="Linker.InstantiatePre"/>) for small modules: fib.wasm
/// (functions only), memory.wasm (plus a 1-page linear memory, 64 KiB zeroed per instance), memory2.wasm (a 2-page
/// memory and a data segment: 128 KiB, which as a byte[] was a large-object-heap array), add.wasm (plus one typed
/// host function import, the case <see cref="InstancePre"/> is for), plugin_wasi.wasm (a 2-page memory, a data
/// segment and six WASI-like typed host imports: the issue 16 target of at most 8 KB allocated and no gen-2
/// collection per instantiation) and imports50.wasm (fifty typed host imports and a 2-page memory: how the per-store
/// cost of host functions scales). The linker's host functions are defined once, so every store binds the same
/// definitions, as an embedder's shared linker would.
/// </summary>
[MemoryDiagnoser]
public class InstantiationBenchmarks
{
    private Engine engine = null!;
    private Linker linker = null!;
    private Module module = null!;
    private InstancePre instancePre = null!;

    /// <summary>The module to instantiate, a file of Modules/.</summary>
    [Params("fib.wasm", "memory.wasm", "memory2.wasm", "add.wasm", "plugin_wasi.wasm", "imports50.wasm")]
    public string Input { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        engine = new Engine();
        linker = new Linker(engine);
        linker.DefineFunction<int, int, int>("host", "add", static (a, b) => a + b);
        DefineWasiLike(linker);
        DefineFifty(linker);
        module = Module.FromFile(engine, BenchmarkModules.PathOf(Input));
        instancePre = linker.InstantiatePre(module);
    }

    /// <summary>A fresh store and one instance in it, resolving the imports by name.</summary>
    [Benchmark(Baseline = true)]
    public Instance NewStoreAndInstantiate() => linker.Instantiate(new Store(engine), module);

    /// <summary>A fresh store and one instance in it, from the pre-resolved <see cref="InstancePre"/>.</summary>
    [Benchmark]
    public Instance NewStoreAndInstancePre() => instancePre.Instantiate(new Store(engine));

    private static void DefineWasiLike(Linker linker)
    {
        const string wasi = "wasi_snapshot_preview1";
        linker.DefineFunction(wasi, "fd_write", static (Caller caller, int fd, int iovs, int count, int written) => 0);
        linker.DefineFunction(wasi, "proc_exit", static (int code) => { });
        linker.DefineFunction(wasi, "args_sizes_get", static (Caller caller, int argc, int size) => 0);
        linker.DefineFunction(wasi, "args_get", static (Caller caller, int argv, int buffer) => 0);
        linker.DefineFunction(wasi, "clock_time_get", static (int id, long precision, int time) => 0);
        linker.DefineFunction(wasi, "random_get", static (Caller caller, int buffer, int length) => 0);
    }

    /// <summary>env.h0 .. env.h49, cycling through the five signatures of Modules/imports50.wat.</summary>
    private static void DefineFifty(Linker linker)
    {
        for (var i = 0; i < 50; i++)
        {
            var name = "h" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            _ = (i % 5) switch
            {
                0 => linker.DefineFunction("env", name, static (int a) => a),
                1 => linker.DefineFunction("env", name, static (int a, int b) => a + b),
                2 => linker.DefineFunction("env", name, static (long a) => a),
                3 => linker.DefineFunction("env", name, static (int a, int b, int c) => { }),
                _ => linker.DefineFunction("env", name, static () => 0),
            };
        }
    }

    /// <summary>Just the store, for scale: what both of the others pay before instantiating.</summary>
    [Benchmark]
    public Store NewStoreOnly() => new(engine);
}
