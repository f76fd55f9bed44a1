using BenchmarkDotNet.Running;

namespace WasmBind.Benchmarks;

/// <summary>
/// Runs the BenchmarkDotNet suites (any BenchmarkDotNet arguments, e.g. <c>--filter '*Interpreter*' --job short</c>),
/// or, with <c>--store-memory [N]</c>, measures what one store with one instance costs in managed memory, or, with
/// <c>--execution-control [ROUNDS]</c>, measures the fuel and epoch cost ratios by thread CPU time, engines interleaved,
/// or, with <c>--parallel-primes [LIMIT]</c>, times a wasi-threads C kernel with 1 and 2 threads, or, with
/// <c>--call-cost [ROUNDS]</c>, measures one interpreted wasm-to-wasm call by thread CPU time.
/// </summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "--store-memory")
        {
            var count = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1000;
            return StoreMemory.Run(count);
        }
        if (args.Length > 0 && args[0] == "--execution-control")
        {
            var rounds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 21;
            return ExecutionControlCpuTime.Run(rounds);
        }
        if (args.Length > 0 && args[0] == "--call-cost")
        {
            var rounds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 21;
            return CallCostCpuTime.Run(rounds);
        }
        if (args.Length > 0 && args[0] == "--parallel-primes")
        {
            var limit = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
            return ParallelPrimes.Run(limit);
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(WithDefaultArtifacts(args));
        return 0;
    }

    /// <summary>
    /// Unless <c>--artifacts</c> is given, writes results to this project's folder (benchmarks/WasmBind.Benchmarks/
    /// BenchmarkDotNet.Artifacts) rather than to whatever the working directory is.
    /// </summary>
    private static string[] WithDefaultArtifacts(string[] args)
    {
        if (args.Contains("--artifacts")) return args;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WasmBind.Benchmarks.csproj")))
                return [.. args, "--artifacts", Path.Combine(dir.FullName, "BenchmarkDotNet.Artifacts")];
        }
        return args;
    }
}
