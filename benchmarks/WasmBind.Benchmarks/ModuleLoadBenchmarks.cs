using BenchmarkDotNet.Attributes;

namespace WasmBind.Benchmarks;

/// <summary>
/// <see cref="Module.FromBytes(Engine, byte[])"/>: decode, validate, translate. Inputs are this project's modules
/// (fib.wasm and memory.wasm, tiny; large.wasm, 267 KB of clang-compiled C built by Modules/build-large.sh), the largest
/// module in <c>shared/bench/wasm</c> when that folder is found above the working directory, and any files named in
/// the <c>WASMBIND_BENCH_MODULES</c> environment variable (absolute paths separated by <c>:</c>; BenchmarkDotNet runs
/// each case in a child process with another working directory).
/// The MB/s column is the input size divided by the mean. <c>Lazy</c> selects <see cref="EngineConfig.LazyTranslation"/>:
/// false measures decode + validate + translate of every function (eager), true decode + validate only (each function
/// is translated on its first call, which this benchmark never makes).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ModuleLoadConfig))]
public class ModuleLoadBenchmarks
{
    /// <summary>Prefix of the parameter value that names the shared module (its file name follows).</summary>
    public const string SharedPrefix = "shared/";

    /// <summary>Prefix of the parameter value that names a file from <c>WASMBIND_BENCH_MODULES</c> (its file name follows).</summary>
    public const string FilePrefix = "file:";

    /// <summary>The environment variable listing extra input files, separated by <c>:</c>.</summary>
    public const string ExtraModulesVariable = "WASMBIND_BENCH_MODULES";

    private Engine engine = null!;
    private byte[] bytes = [];

    /// <summary>The module to load: a file of Modules/, <c>shared/NAME.wasm</c>, or <c>file:NAME.wasm</c>.</summary>
    [ParamsSource(nameof(Inputs))]
    public string Input { get; set; } = "";

    /// <summary>The inputs present on this machine; says so when the shared module is absent.</summary>
    public static IEnumerable<string> Inputs()
    {
        yield return "fib.wasm";
        yield return "memory.wasm";
        yield return "large.wasm";
        var shared = BenchmarkModules.FindLargestSharedModule();
        if (shared is null)
            Console.WriteLine("ModuleLoadBenchmarks: no shared/bench/wasm folder above the working directory; skipping the large-module input.");
        else
            yield return SharedPrefix + Path.GetFileName(shared);
        foreach (var path in ExtraModules()) yield return FilePrefix + Path.GetFileName(path);
    }

    /// <summary>The files listed in <c>WASMBIND_BENCH_MODULES</c>.</summary>
    public static IEnumerable<string> ExtraModules() =>
        (Environment.GetEnvironmentVariable(ExtraModulesVariable) ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The bytes of <paramref name="input"/>.</summary>
    public static byte[] ReadInput(string input)
    {
        if (input.StartsWith(FilePrefix, StringComparison.Ordinal))
        {
            var name = input[FilePrefix.Length..];
            var path = ExtraModules().FirstOrDefault(p => Path.GetFileName(p) == name)
                ?? throw new FileNotFoundException($"{name} is no longer listed in {ExtraModulesVariable}.");
            return File.ReadAllBytes(path);
        }
        if (!input.StartsWith(SharedPrefix, StringComparison.Ordinal)) return BenchmarkModules.Read(input);
        var shared = BenchmarkModules.FindLargestSharedModule()
            ?? throw new FileNotFoundException("shared/bench/wasm is no longer found above the working directory.");
        var directory = Path.GetDirectoryName(shared)!;
        return File.ReadAllBytes(Path.Combine(directory, input[SharedPrefix.Length..]));
    }

    /// <summary>Translate each function on its first call instead of at load (<see cref="EngineConfig.LazyTranslation"/>).</summary>
    [Params(false, true)]
    public bool Lazy { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        engine = new Engine(new EngineConfig { LazyTranslation = Lazy });
        bytes = ReadInput(Input);
    }

    /// <summary>Decode + validate (+ translate, unless <see cref="Lazy"/>).</summary>
    [Benchmark]
    public Module FromBytes() => Module.FromBytes(engine, bytes);
}
