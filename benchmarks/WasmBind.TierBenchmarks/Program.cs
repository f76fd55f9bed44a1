using System.Diagnostics;
using System.Globalization;
using System.Text;
using WasmBind.Wasi;

namespace WasmBind.TierBenchmarks;

/// <summary>
/// Runs the C programs of ../shared/bench (WASI commands) on WasmBind's interpreter, WasmBind's compiled tier and
/// Wasmtime for .NET in one process, interleaved (each round runs every program on every runtime, the runtime order
/// rotating), and prints the median process CPU time of each and the ratios to Wasmtime. Module loading (WasmBind's
/// translation and IL generation, Wasmtime's Cranelift compilation) is done once per runtime before the rounds and
/// reported apart; each measured run instantiates a new store and runs <c>_start</c>. Every run's output must equal
/// the first runtime's, so a wrong result cannot pass for a fast one.
/// Usage: <c>dotnet run -c Release --project benchmarks/WasmBind.TierBenchmarks -- [rounds] [--no-interpreter] [program=size ...]</c>;
/// <c>--no-interpreter</c> leaves the (slow) interpreter out, for comparing compiled-tier changes quickly.
/// </summary>
public static class Program
{
    private static readonly (string Name, string Size)[] DefaultPrograms =
        [("fib", "37"), ("nbody", "700000"), ("qsort", "600000"), ("sha256", "256"), ("sieve", "16000000")];

    /// <summary>Entry point.</summary>
    public static int Main(string[] args)
    {
        var rounds = args.Length > 0 && int.TryParse(args[0], CultureInfo.InvariantCulture, out var r) ? r : 3;
        var withInterpreter = !args.Contains("--no-interpreter");
        var programs = args.Skip(1).Where(a => a.Contains('=')).Select(a => (a.Split('=')[0], a.Split('=')[1])).ToArray();
        if (programs.Length == 0) programs = DefaultPrograms;
        var directory = FindBenchDirectory();
        if (directory is null)
        {
            Console.Error.WriteLine("../shared/bench/wasm not found above the working directory or the program");
            return 1;
        }

        IRuntime[] runtimes = withInterpreter
            ? [new WasmBindRuntime(ExecutionTier.Interpreter), new WasmBindRuntime(ExecutionTier.Compiled), new WasmtimeRuntime()]
            : [new WasmBindRuntime(ExecutionTier.Compiled), new WasmtimeRuntime()];
        var times = new Dictionary<(string, string), List<double>>();
        Console.WriteLine($"rounds: {rounds}; programs in {directory}; CPU: {Environment.ProcessorCount} cores; load average {LoadAverage()}");
        foreach (var (name, _) in programs)
        {
            var bytes = File.ReadAllBytes(Path.Combine(directory, name + ".wasm"));
            foreach (var runtime in runtimes)
            {
                var watch = Stopwatch.StartNew();
                runtime.Load(name, bytes);
                Console.WriteLine($"load {name,-7} {runtime.Name,-12} {watch.Elapsed.TotalMilliseconds,8:F1} ms");
            }
        }

        for (var round = 0; round < rounds; round++)
        {
            foreach (var (name, size) in programs)
            {
                string? expected = null;
                for (var k = 0; k < runtimes.Length; k++)
                {
                    var runtime = runtimes[(k + round) % runtimes.Length];
                    var before = Process.GetCurrentProcess().TotalProcessorTime;
                    var output = runtime.Run(name, [name + ".wasm", size]);
                    var cpu = (Process.GetCurrentProcess().TotalProcessorTime - before).TotalSeconds;
                    expected ??= output;
                    if (output != expected)
                    {
                        Console.Error.WriteLine($"{name} on {runtime.Name} printed {output.Trim()}, expected {expected.Trim()}");
                        return 1;
                    }
                    if (!times.TryGetValue((name, runtime.Name), out var list)) times[(name, runtime.Name)] = list = [];
                    list.Add(cpu);
                }
            }
            Console.WriteLine($"round {round + 1}/{rounds} done, load average {LoadAverage()}");
        }

        Console.WriteLine();
        Console.WriteLine("| program (size) | interpreter s | compiled s | Wasmtime s | interpreter ÷ Wasmtime | compiled ÷ Wasmtime | compiled speed-up |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        var logs = new double[3];
        foreach (var (name, size) in programs)
        {
            var compiled = Median(times[(name, "compiled")]);
            var wasmtime = Median(times[(name, "wasmtime")]);
            var interpreter = withInterpreter ? Median(times[(name, "interpreter")]) : double.NaN;
            logs[0] += Math.Log(interpreter / wasmtime);
            logs[1] += Math.Log(compiled / wasmtime);
            logs[2] += Math.Log(interpreter / compiled);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} ({size}) | {interpreter:F3} | {compiled:F3} | {wasmtime:F3} | {interpreter / wasmtime:F2} | **{compiled / wasmtime:F2}** | {interpreter / compiled:F2} |"));
        }
        var n = programs.Length;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| **geomean** | | | | {Math.Exp(logs[0] / n):F2} | **{Math.Exp(logs[1] / n):F2}** | {Math.Exp(logs[2] / n):F2} |"));
        return 0;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static string? FindBenchDirectory()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "bench", "wasm");
                if (Directory.Exists(candidate)) return candidate;
            }
        }
        return null;
    }

    private interface IRuntime
    {
        string Name { get; }

        void Load(string name, byte[] bytes);

        /// <summary>Runs the program and returns what it printed.</summary>
        string Run(string name, string[] arguments);
    }

    private sealed class WasmBindRuntime(ExecutionTier tier) : IRuntime
    {
        private readonly Engine engine = new(new EngineConfig { Tier = tier });
        private readonly Dictionary<string, Module> modules = [];

        public string Name => tier == ExecutionTier.Compiled ? "compiled" : "interpreter";

        public void Load(string name, byte[] bytes)
        {
            modules[name] = Module.FromBytes(engine, bytes);
            var interpreted = modules[name].GetFunctionTiers().Where(f => tier == ExecutionTier.Compiled && !f.IsCompiled).ToArray();
            foreach (var function in interpreted) Console.WriteLine($"  {name}: function {function.FunctionIndex} {function.Name} stays interpreted: {function.NotCompiledReason}");
        }

        public string Run(string name, string[] arguments)
        {
            var output = new MemoryStream();
            var config = new WasiConfig().WithArgs(arguments).WithStdout(output);
            var instance = new Linker(engine).AddWasi(config).Instantiate(new Store(engine), modules[name]);
            var exit = WasiCommand.Run(instance);
            if (exit != 0) throw new InvalidOperationException($"{name} exited with {exit}");
            return Encoding.UTF8.GetString(output.ToArray());
        }
    }

    private sealed class WasmtimeRuntime : IRuntime
    {
        private readonly Wasmtime.Engine engine = new();
        private readonly Dictionary<string, Wasmtime.Module> modules = [];

        public string Name => "wasmtime";

        public void Load(string name, byte[] bytes) => modules[name] = Wasmtime.Module.FromBytes(engine, name, bytes);

        public string Run(string name, string[] arguments)
        {
            var path = Path.GetTempFileName();
            {
                using var linker = new Wasmtime.Linker(engine);
                linker.DefineWasi();
                using var store = new Wasmtime.Store(engine);
                store.SetWasiConfiguration(new Wasmtime.WasiConfiguration().WithArgs(arguments).WithStandardOutput(path));
                var instance = linker.Instantiate(store, modules[name]);
                try
                {
                    instance.GetAction("_start")!();
                }
                catch (Wasmtime.WasmtimeException e) when (e.ExitCode == 0)
                {
                    // proc_exit(0)
                }
            }
            // The store, and with it the stdout file, is disposed by now.
            var text = File.ReadAllText(path);
            File.Delete(path);
            return text;
        }
    }
}
