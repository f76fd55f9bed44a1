using BenchmarkDotNet.Attributes;

namespace WasmBind.Benchmarks;

/// <summary>
/// What the memory an access names costs: the same fill-then-sum loop over 1M i32s (4 MiB) on memory 0 (the
/// interpreter's cached fast path), on memory 1 of the same module (multi-memory's looked-up path) and on a 64-bit
/// memory 0 (memory64, the same looked-up path with 64-bit addresses).
/// </summary>
[MemoryDiagnoser]
public class MultiMemoryBenchmarks
{
    private const int Count = 1 << 20;

    private static string Kernel(string memory, string convert) => KernelText(memory,
        convert.Length == 0 ? "(i32.shl (local.get $i) (i32.const 2))" : $"({convert} (i32.shl (local.get $i) (i32.const 2)))");

    private static string KernelText(string memory, string address) => $$"""
          (func (export "fill{{memory}}") (param $n i32)
            (local $i i32)
            (block $done
              (loop $next
                (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
                (i32.store {{memory}} {{address}} (i32.mul (local.get $i) (i32.const 3)))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $next))))
          (func (export "sum{{memory}}") (param $n i32) (result i64)
            (local $i i32) (local $acc i64)
            (block $done
              (loop $next
                (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
                (local.set $acc (i64.add (local.get $acc)
                  (i64.extend_i32_s (i32.load {{memory}} {{address}}))))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $next)))
            (local.get $acc))
        """;

    private TypedAction<int> fill0 = null!, fill1 = null!, fill64 = null!;
    private TypedFunc<int, long> sum0 = null!, sum1 = null!, sum64 = null!;

    [GlobalSetup]
    public void Setup()
    {
        var engine = new Engine();
        var linker = new Linker(engine);
        var multi = linker.Instantiate(new Store(engine), Module.FromText(engine,
            "(module (memory $m0 64) (memory $m1 64)" + Kernel("$m0", "") + Kernel("$m1", "") + ")"));
        var wide = linker.Instantiate(new Store(engine), Module.FromText(engine,
            "(module (memory $w i64 64)" + Kernel("$w", "i64.extend_i32_u") + ")"));
        (fill0, sum0) = (multi.GetAction<int>("fill$m0"), multi.GetFunction<int, long>("sum$m0"));
        (fill1, sum1) = (multi.GetAction<int>("fill$m1"), multi.GetFunction<int, long>("sum$m1"));
        (fill64, sum64) = (wide.GetAction<int>("fill$w"), wide.GetFunction<int, long>("sum$w"));
        const long expected = 3L * Count * (Count - 1) / 2;
        if (Memory0() != expected || Memory1() != expected || Memory64() != expected)
            throw new InvalidOperationException("a kernel computed the wrong sum");
    }

    /// <summary>Memory 0: loads and stores on the cached base and length.</summary>
    [Benchmark(Baseline = true)]
    public long Memory0()
    {
        fill0.Call(Count);
        return sum0.Call(Count);
    }

    /// <summary>Memory 1: each access looks its memory up.</summary>
    [Benchmark]
    public long Memory1()
    {
        fill1.Call(Count);
        return sum1.Call(Count);
    }

    /// <summary>A 64-bit memory 0: looked up, with 64-bit addresses and an overflow-safe bounds check.</summary>
    [Benchmark]
    public long Memory64()
    {
        fill64.Call(Count);
        return sum64.Call(Count);
    }
}
