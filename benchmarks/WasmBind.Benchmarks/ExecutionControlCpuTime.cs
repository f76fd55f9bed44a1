using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace WasmBind.Benchmarks;

/// <summary>
/// The <c>--execution-control [ROUNDS]</c> mode: the fuel and epoch cost ratios of <see cref="ExecutionControlBenchmarks"/>
/// measured so that a busy machine disturbs them less. All three engines run in one process, interleaved round by
/// round (the order rotates), and each sample counts the calling thread's CPU time (Linux
/// <c>CLOCK_THREAD_CPUTIME_ID</c>; wall time elsewhere), so time spent descheduled by other processes is not counted.
/// The ratio is the median over rounds of (engine time / plain time in the same round).
/// Unlike BenchmarkDotNet, which gives each benchmark its own process, the three engines here share one JIT-compiled
/// interpreter (and its dynamic-PGO profile).
/// </summary>
public static class ExecutionControlCpuTime
{
    private const int ClockThreadCpuTimeId = 3;

    /// <summary>Each sample repeats its kernel for at least this long.</summary>
    private static readonly TimeSpan SampleTarget = TimeSpan.FromMilliseconds(60);

    private static readonly (string Name, Func<ExecutionControlKernels, long> Run)[] Kernels =
    [
        ("FibRecursive25", static k => k.FibRecursive25()),
        ("FibLoop1M", static k => k.FibLoop1M()),
        ("MemoryFillSum1M", static k => k.MemoryFillSum1M()),
    ];

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clockId, out Timespec time);

    /// <summary>Runs <paramref name="rounds"/> interleaved rounds and prints a Markdown table.</summary>
    public static int Run(int rounds)
    {
        if (rounds <= 0) throw new ArgumentOutOfRangeException(nameof(rounds), "The round count must be positive.");
        var cpuClock = OperatingSystem.IsLinux();
        var modes = Enum.GetValues<ExecutionControlMode>();
        var sets = modes.Select(ExecutionControlKernels.Create).ToArray();

        // Warm up every (kernel, engine) for a second so the interpreter reaches tier 1, and calibrate the calls per sample.
        var callsPerSample = new int[Kernels.Length];
        for (var k = 0; k < Kernels.Length; k++)
        {
            var slowest = 0.0;
            foreach (var set in sets)
            {
                var watch = Stopwatch.StartNew();
                var calls = 0;
                while (watch.Elapsed < TimeSpan.FromSeconds(1)) { Kernels[k].Run(set); calls++; }
                slowest = Math.Max(slowest, watch.Elapsed.TotalMilliseconds / calls);
            }
            callsPerSample[k] = Math.Max(1, (int)Math.Ceiling(SampleTarget.TotalMilliseconds / slowest));
        }

        // cpu[k][m][r], wall[k][m][r]: milliseconds per call.
        var cpu = new double[Kernels.Length][][];
        var wall = new double[Kernels.Length][][];
        for (var k = 0; k < Kernels.Length; k++)
        {
            cpu[k] = modes.Select(_ => new double[rounds]).ToArray();
            wall[k] = modes.Select(_ => new double[rounds]).ToArray();
        }
        for (var r = 0; r < rounds; r++)
        {
            for (var k = 0; k < Kernels.Length; k++)
            {
                for (var i = 0; i < modes.Length; i++)
                {
                    var m = (i + r) % modes.Length;
                    var (c, w) = Sample(Kernels[k].Run, sets[m], callsPerSample[k], cpuClock);
                    cpu[k][m][r] = c;
                    wall[k][m][r] = w;
                }
            }
        }
        sets[(int)ExecutionControlMode.Fuel].CheckFuelConsumed();

        var clock = cpuClock ? "thread CPU time" : "wall time (no thread CPU clock on this OS)";
        Console.WriteLine($"Execution control cost: {rounds} interleaved rounds, {clock}; each sample {SampleTarget.TotalMilliseconds:N0} ms or more.");
        Console.WriteLine();
        Console.WriteLine("| kernel | engine | median ms/call | min ms/call | median wall ms/call | ratio to plain (median of per-round ratios) | min / plain min |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");
        for (var k = 0; k < Kernels.Length; k++)
        {
            var baseline = cpuClock ? cpu[k][0] : wall[k][0];
            for (var m = 0; m < modes.Length; m++)
            {
                var times = cpuClock ? cpu[k][m] : wall[k][m];
                var ratios = times.Select((t, r) => t / baseline[r]).ToArray();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {Kernels[k].Name} | {modes[m]} | {Median(times):F3} | {times.Min():F3} | {Median(wall[k][m]):F3} | {Median(ratios):F2} | {times.Min() / baseline.Min():F2} |"));
            }
        }
        return 0;
    }

    private static (double CpuMs, double WallMs) Sample(Func<ExecutionControlKernels, long> run, ExecutionControlKernels set, int calls, bool cpuClock)
    {
        var cpu0 = cpuClock ? ThreadCpuNanoseconds() : 0;
        var wall0 = Stopwatch.GetTimestamp();
        for (var i = 0; i < calls; i++) run(set);
        var wallMs = Stopwatch.GetElapsedTime(wall0).TotalMilliseconds / calls;
        var cpuMs = cpuClock ? (ThreadCpuNanoseconds() - cpu0) / 1e6 / calls : wallMs;
        return (cpuMs, wallMs);
    }

    internal static long ThreadCpuNanoseconds()
    {
        if (ClockGetTime(ClockThreadCpuTimeId, out var time) != 0) throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed.");
        return time.Seconds * 1_000_000_000L + time.Nanoseconds;
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
