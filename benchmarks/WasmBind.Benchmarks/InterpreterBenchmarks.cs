using BenchmarkDotNet.Attributes;

namespace WasmBind.Benchmarks;

/// <summary>
/// Interpreter throughput on small kernels (fib.wat, memory.wat, calls.wat), called through the typed API. The engine
/// is pinned to <see cref="ExecutionTier.Interpreter"/>: under the default tier these hot kernels would be compiled
/// to IL after a few calls and the figures would be the compiled tier's.
/// </summary>
[MemoryDiagnoser]
public class InterpreterBenchmarks
{
    /// <summary>1M i32 = 4 MiB = 64 pages.</summary>
    public const int Int32Count = 1 << 20;

    /// <summary>The byte checksum covers the same 4 MiB.</summary>
    public const int ChecksumBytes = Int32Count * 4;

    private TypedFunc<int, int> fib = null!;
    private TypedFunc<int, long> fibLoop = null!;
    private TypedAction<int> fill = null!;
    private TypedFunc<int, long> sum = null!;
    private TypedFunc<int, int> checksum = null!;
    private TypedFunc<int, int> callLoop = null!;
    private TypedFunc<int, int> inlineLoop = null!;

    [GlobalSetup]
    public void Setup()
    {
        var engine = new Engine(new EngineConfig { Tier = ExecutionTier.Interpreter });
        var linker = new Linker(engine);

        var fibInstance = linker.Instantiate(new Store(engine), Module.FromFile(engine, BenchmarkModules.PathOf("fib.wasm")));
        fib = fibInstance.GetFunction<int, int>("fib");
        fibLoop = fibInstance.GetFunction<int, long>("fib_loop");

        var memoryInstance = linker.Instantiate(new Store(engine), Module.FromFile(engine, BenchmarkModules.PathOf("memory.wasm")));
        fill = memoryInstance.GetAction<int>("fill");
        sum = memoryInstance.GetFunction<int, long>("sum");
        checksum = memoryInstance.GetFunction<int, int>("checksum");

        var callsInstance = linker.Instantiate(new Store(engine), Module.FromFile(engine, BenchmarkModules.PathOf("calls.wasm")));
        callLoop = callsInstance.GetFunction<int, int>("call_loop");
        inlineLoop = callsInstance.GetFunction<int, int>("inline_loop");
        Check(callLoop.Call(1000), 1000, "call_loop(1000)");
        Check(inlineLoop.Call(1000), 1000, "inline_loop(1000)");

        // Grow the memory to 64 pages once, here, so no measured iteration pays for memory.grow; and check the answers.
        fill.Call(Int32Count);
        Check(fib.Call(25), 75025, "fib(25)");
        Check(fibLoop.Call(90), 2880067194370816120L, "fib_loop(90)");
        Check(sum.Call(Int32Count), 3L * Int32Count * (Int32Count - 1) / 2, "sum");
    }

    private static void Check<T>(T actual, T expected, string what) where T : IEquatable<T>
    {
        if (!actual.Equals(expected)) throw new InvalidOperationException($"{what} returned {actual}, expected {expected}.");
    }

    /// <summary>Naive recursive fib(25): 242,785 calls.</summary>
    [Benchmark]
    public int FibRecursive25() => fib.Call(25);

    /// <summary>Naive recursive fib(30): 2,692,537 calls, for a calls-per-second figure.</summary>
    [Benchmark]
    public int FibRecursive30() => fib.Call(30);

    /// <summary>A 1,000,000-iteration loop of i64 adds and local moves.</summary>
    [Benchmark]
    public long FibLoop1M() => fibLoop.Call(1_000_000);

    /// <summary>
    /// 1,000,000 iterations that each call a one-add function: minus <see cref="InlineLoop1M"/>, the cost of one
    /// wasm-to-wasm call and return (plus the callee's operand moves).
    /// </summary>
    [Benchmark]
    public int CallLoop1M() => callLoop.Call(1_000_000);

    /// <summary>The loop of <see cref="CallLoop1M"/> with the add inline: the baseline to subtract.</summary>
    [Benchmark]
    public int InlineLoop1M() => inlineLoop.Call(1_000_000);

    /// <summary>Writes then reads back 1M i32s (4 MiB) of linear memory.</summary>
    [Benchmark]
    public long MemoryFillSum1M()
    {
        fill.Call(Int32Count);
        return sum.Call(Int32Count);
    }

    /// <summary>A load8_u + rotl + xor per byte over 4 MiB.</summary>
    [Benchmark]
    public int ByteChecksum4MiB() => checksum.Call(ChecksumBytes);
}
