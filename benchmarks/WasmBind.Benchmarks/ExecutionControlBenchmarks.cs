using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace WasmBind.Benchmarks;

/// <summary>
/// What fuel metering and epoch interruption cost the interpreter: the same kernels (fib.wat, memory.wat) on an engine
/// with neither (<c>Plain</c>, the baseline of each category), with <see cref="EngineConfig.ConsumeFuel"/> (fuel set
/// so high it never runs out) and with <see cref="EngineConfig.EpochInterruption"/> (deadline far away, never reached).
/// The <c>Ratio</c> column is each engine's time over <c>Plain</c>'s for the same kernel. On a busy machine, prefer
/// <c>--execution-control</c> (see <see cref="ExecutionControlCpuTime"/>), which interleaves the engines and counts
/// thread CPU time.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
[MinColumn]
public class ExecutionControlBenchmarks
{
    private ExecutionControlKernels plain = null!;
    private ExecutionControlKernels fuel = null!;
    private ExecutionControlKernels epoch = null!;

    [GlobalSetup]
    public void Setup()
    {
        plain = ExecutionControlKernels.Create(ExecutionControlMode.Plain);
        fuel = ExecutionControlKernels.Create(ExecutionControlMode.Fuel);
        epoch = ExecutionControlKernels.Create(ExecutionControlMode.Epoch);
    }

    /// <summary>Confirms fuel was being consumed (so the benchmark measured what it claims) and has not run out.</summary>
    [GlobalCleanup]
    public void Cleanup() => fuel.CheckFuelConsumed();

    /// <summary>fib(25), naive recursion (242,785 calls), no fuel or epoch code.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("FibRecursive25")]
    public int FibRecursive25_Plain() => plain.FibRecursive25();

    /// <summary>fib(25) with fuel metering.</summary>
    [Benchmark, BenchmarkCategory("FibRecursive25")]
    public int FibRecursive25_Fuel() => fuel.FibRecursive25();

    /// <summary>fib(25) with epoch checks at function entries and loop headers.</summary>
    [Benchmark, BenchmarkCategory("FibRecursive25")]
    public int FibRecursive25_Epoch() => epoch.FibRecursive25();

    /// <summary>1,000,000-iteration loop, no fuel or epoch code.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("FibLoop1M")]
    public long FibLoop1M_Plain() => plain.FibLoop1M();

    /// <summary>1,000,000-iteration loop with fuel metering.</summary>
    [Benchmark, BenchmarkCategory("FibLoop1M")]
    public long FibLoop1M_Fuel() => fuel.FibLoop1M();

    /// <summary>1,000,000-iteration loop with an epoch check per iteration.</summary>
    [Benchmark, BenchmarkCategory("FibLoop1M")]
    public long FibLoop1M_Epoch() => epoch.FibLoop1M();

    /// <summary>Write then read back 1 Mi i32 (4 MiB), no fuel or epoch code.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("MemoryFillSum1M")]
    public long MemoryFillSum1M_Plain() => plain.MemoryFillSum1M();

    /// <summary>Write then read back 1 Mi i32 with fuel metering.</summary>
    [Benchmark, BenchmarkCategory("MemoryFillSum1M")]
    public long MemoryFillSum1M_Fuel() => fuel.MemoryFillSum1M();

    /// <summary>Write then read back 1 Mi i32 with epoch checks.</summary>
    [Benchmark, BenchmarkCategory("MemoryFillSum1M")]
    public long MemoryFillSum1M_Epoch() => epoch.MemoryFillSum1M();
}
