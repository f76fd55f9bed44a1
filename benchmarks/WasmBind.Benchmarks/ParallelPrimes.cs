using System.Diagnostics;
using System.Globalization;
using WasmBind.Wasi;
using WasmBind.Wasi.Threads;

namespace WasmBind.Benchmarks;

/// <summary>
/// The <c>--parallel-primes [LIMIT]</c> mode: a parallel kernel under wasi-threads. The C program
/// (tests/WasmBind.Tests/Fixtures/wasi-threads/primes.c) counts the primes below LIMIT by trial division, split over
/// 1 and then 2 threads (one instance and store per thread, one shared memory). One warm-up run, then one run of each,
/// alternating 1, 2, 1, 2; each row gives wall time and the process's CPU time (all threads), and the speedup is
/// wall(1 thread) / wall(2 threads) in the same round. A whole-program timing, not BenchmarkDotNet: it includes
/// instantiating each thread's instance.
/// </summary>
public static class ParallelPrimes
{
    /// <summary>Prints a Markdown table of the runs.</summary>
    public static int Run(int limit)
    {
        var engine = new Engine(new EngineConfig { EpochInterruption = true });
        var module = Module.FromFile(engine, BenchmarkModules.PathOf("primes_threads.wasm"));
        Measure(module, 2, Math.Min(limit, 100_000)); // warm-up: JIT and tiering of the interpreter

        Console.WriteLine($"primes below {limit.ToString(CultureInfo.InvariantCulture)}, {Environment.ProcessorCount} cores");
        Console.WriteLine("| round | threads | wall ms | CPU ms | speedup (wall) | output |");
        Console.WriteLine("|---|---|---|---|---|---|");
        for (var round = 1; round <= 2; round++)
        {
            var one = Measure(module, 1, limit);
            var two = Measure(module, 2, limit);
            Console.WriteLine($"| {round} | 1 | {one.WallMs:F0} | {one.CpuMs:F0} | | {one.Output} |");
            Console.WriteLine($"| {round} | 2 | {two.WallMs:F0} | {two.CpuMs:F0} | {one.WallMs / two.WallMs:F2}x | {two.Output} |");
        }
        return 0;
    }

    private static (double WallMs, double CpuMs, string Output) Measure(Module module, int threads, int limit)
    {
        var wasi = new WasiConfig().WithArgs("primes", threads.ToString(CultureInfo.InvariantCulture), limit.ToString(CultureInfo.InvariantCulture)).CaptureStdout();
        var program = WasiThreadsProgram.Create(module, wasi);
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var exit = program.Run();
        watch.Stop();
        process.Refresh();
        if (exit != 0) throw new InvalidOperationException($"the kernel exited with {exit}");
        return (watch.Elapsed.TotalMilliseconds, (process.TotalProcessorTime - cpuBefore).TotalMilliseconds, program.Wasi.GetStdoutText().TrimEnd());
    }
}
