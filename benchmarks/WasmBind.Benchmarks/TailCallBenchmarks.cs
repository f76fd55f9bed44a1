using BenchmarkDotNet.Attributes;

namespace WasmBind.Benchmarks;

/// <summary>
/// What a tail call costs: the same 40,000-step countdown as tail recursion (<c>return_call</c>), as ordinary recursion
/// (<c>call</c>, one frame per step, within the default MaxCallDepth) and as a loop.
/// </summary>
[MemoryDiagnoser]
public class TailCallBenchmarks
{
    private const int Steps = 40_000;

    private const string Text = """
        (module
          (func $tail (export "tail") (param $n i64) (param $acc i64) (result i64)
            (if (i64.eqz (local.get $n)) (then (return (local.get $acc))))
            (return_call $tail (i64.sub (local.get $n) (i64.const 1)) (i64.add (local.get $acc) (local.get $n))))
          (func $plain (export "plain") (param $n i64) (param $acc i64) (result i64)
            (if (i64.eqz (local.get $n)) (then (return (local.get $acc))))
            (call $plain (i64.sub (local.get $n) (i64.const 1)) (i64.add (local.get $acc) (local.get $n))))
          (func (export "loop") (param $n i64) (param $acc i64) (result i64)
            (block $done
              (loop $next
                (br_if $done (i64.eqz (local.get $n)))
                (local.set $acc (i64.add (local.get $acc) (local.get $n)))
                (local.set $n (i64.sub (local.get $n) (i64.const 1)))
                (br $next)))
            (local.get $acc)))
        """;

    private TypedFunc<long, long, long> tail = null!;
    private TypedFunc<long, long, long> plain = null!;
    private TypedFunc<long, long, long> loop = null!;

    [GlobalSetup]
    public void Setup()
    {
        var engine = new Engine();
        var instance = new Linker(engine).Instantiate(new Store(engine), Module.FromText(engine, Text));
        tail = instance.GetFunction<long, long, long>("tail");
        plain = instance.GetFunction<long, long, long>("plain");
        loop = instance.GetFunction<long, long, long>("loop");
        const long expected = (long)Steps * (Steps + 1) / 2;
        foreach (var (name, function) in new[] { ("tail", tail), ("plain", plain), ("loop", loop) })
        {
            var actual = function.Call(Steps, 0);
            if (actual != expected) throw new InvalidOperationException($"{name} returned {actual}, expected {expected}.");
        }
    }

    /// <summary>40,000 <c>return_call</c>s, each replacing the frame.</summary>
    [Benchmark]
    public long TailRecursion() => tail.Call(Steps, 0);

    /// <summary>40,000 nested <c>call</c>s and returns.</summary>
    [Benchmark(Baseline = true)]
    public long PlainRecursion() => plain.Call(Steps, 0);

    /// <summary>The same work as a loop, for the floor.</summary>
    [Benchmark]
    public long Loop() => loop.Call(Steps, 0);
}
