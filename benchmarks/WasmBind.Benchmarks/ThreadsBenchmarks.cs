using BenchmarkDotNet.Attributes;

namespace WasmBind.Benchmarks;

/// <summary>
/// The cost of the threads proposal's atomics next to plain accesses (Modules/atomics_*.wat): 1M iterations each of a
/// plain store, a plain load-add-store, an atomic store, an atomic add and an 8-bit atomic xor (a CAS loop), on a
/// shared and an unshared memory; and a 1M-i32 plain fill + sum on each, to show that plain accesses to a shared
/// memory cost the same as to an unshared one.
/// </summary>
[MemoryDiagnoser]
public class ThreadsBenchmarks
{
    public const int Iterations = 1_000_000;

    /// <summary>1M i32 = 4 MiB, all 64 pages.</summary>
    public const int FillCount = 1 << 20;

    private Instance instance = null!;

    [Params(true, false)]
    public bool Shared { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var engine = new Engine();
        var module = Module.FromFile(engine, BenchmarkModules.PathOf(Shared ? "atomics_shared.wasm" : "atomics_unshared.wasm"));
        instance = new Linker(engine).Instantiate(new Store(engine), module);
        var sum = instance.GetFunction<int, long>("fill_sum").Call(FillCount);
        if (sum != (long)FillCount * (FillCount - 1) / 2) throw new InvalidOperationException($"fill_sum returned {sum}");
        instance.GetAction<int>("atomic_add").Call(10);
    }

    [Benchmark(Baseline = true)]
    public void PlainStore1M() => instance.GetAction<int>("plain_store").Call(Iterations);

    [Benchmark]
    public void PlainIncrement1M() => instance.GetAction<int>("plain_increment").Call(Iterations);

    [Benchmark]
    public void AtomicStore1M() => instance.GetAction<int>("atomic_store").Call(Iterations);

    [Benchmark]
    public void AtomicAdd1M() => instance.GetAction<int>("atomic_add").Call(Iterations);

    [Benchmark]
    public void AtomicXor8CasLoop1M() => instance.GetAction<int>("atomic_xor8").Call(Iterations);

    [Benchmark]
    public long PlainFillSum1M() => instance.GetFunction<int, long>("fill_sum").Call(FillCount);
}
