using BenchmarkDotNet.Attributes;

namespace WasmBind.Benchmarks;

/// <summary>
/// <see cref="Module.FromBytes(Engine, byte[])"/>: decode, validate, translate. Inputs are this project's small modules
/// plus the largest module in <c>shared/bench/wasm</c> when that folder is found above the working directory.
/// The MB/s column is the input size divided by the mean.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ModuleLoadConfig))]
public class ModuleLoadBenchmarks
{
    /// <summary>Prefix of the parameter value that names the shared module (its file name follows).</summary>
    public const string SharedPrefix = "shared/";

    private Engine engine = null!;
    private byte[] bytes = [];

    /// <summary>The module to load: a file of Modules/, or <c>shared/NAME.wasm</c>.</summary>
    [ParamsSource(nameof(Inputs))]
    public string Input { get; set; } = "";

    /// <summary>The inputs present on this machine; says so when the shared module is absent.</summary>
    public static IEnumerable<string> Inputs()
    {
        yield return "fib.wasm";
        yield return "memory.wasm";
        var shared = BenchmarkModules.FindLargestSharedModule();
        if (shared is null)
            Console.WriteLine("ModuleLoadBenchmarks: no shared/bench/wasm folder above the working directory; skipping the large-module input.");
        else
            yield return SharedPrefix + Path.GetFileName(shared);
    }

    /// <summary>The bytes of <paramref name="input"/>.</summary>
    public static byte[] ReadInput(string input)
    {
        if (!input.StartsWith(SharedPrefix, StringComparison.Ordinal)) return BenchmarkModules.Read(input);
        var shared = BenchmarkModules.FindLargestSharedModule()
            ?? throw new FileNotFoundException("shared/bench/wasm is no longer found above the working directory.");
        var directory = Path.GetDirectoryName(shared)!;
        return File.ReadAllBytes(Path.Combine(directory, input[SharedPrefix.Length..]));
    }

    [GlobalSetup]
    public void Setup()
    {
        engine = new Engine();
        bytes = ReadInput(Input);
    }

    /// <summary>Decode + validate + translate.</summary>
    [Benchmark]
    public Module FromBytes() => Module.FromBytes(engine, bytes);
}
