using System.Globalization;

namespace WasmBind.Benchmarks;

/// <summary>
/// <c>--call-cost [ROUNDS]</c>: the interpreter's cost of one wasm-to-wasm call and return, by thread CPU time so
/// other processes on a busy machine disturb it less. Each round times <c>call_loop(n)</c> and <c>inline_loop(n)</c>
/// of Modules/calls.wat (the same loop, with and without a call per iteration) back to back, in alternating order;
/// the figure is the median over the rounds of their difference per iteration. fib(25) is timed too, as the
/// per-call cost of a call-heavy function whose body also runs (the InterpreterBenchmarks figure).
/// </summary>
public static class CallCostCpuTime
{
    private const int Iterations = 1_000_000;
    private const int FibCalls = 242_785;

    /// <summary>Runs <paramref name="rounds"/> rounds and prints a Markdown table.</summary>
    public static int Run(int rounds)
    {
        // Pinned to the interpreter: under the default tier these loops would be compiled to IL once hot.
        var engine = new Engine(new EngineConfig { Tier = ExecutionTier.Interpreter });
        var linker = new Linker(engine);
        var calls = linker.Instantiate(new Store(engine), Module.FromFile(engine, BenchmarkModules.PathOf("calls.wasm")));
        var callLoop = calls.GetFunction<int, int>("call_loop");
        var inlineLoop = calls.GetFunction<int, int>("inline_loop");
        var fib = linker.Instantiate(new Store(engine), Module.FromFile(engine, BenchmarkModules.PathOf("fib.wasm"))).GetFunction<int, int>("fib");
        if (callLoop.Call(Iterations) != Iterations || inlineLoop.Call(Iterations) != Iterations || fib.Call(25) != 75025)
            throw new InvalidOperationException("a kernel returned a wrong answer");

        // Warm up: let tiered compilation settle the host side of the calls.
        var warmUntil = DateTime.UtcNow.AddSeconds(2);
        while (DateTime.UtcNow < warmUntil) { callLoop.Call(Iterations); inlineLoop.Call(Iterations); fib.Call(25); }

        var withCall = new double[rounds];
        var inline = new double[rounds];
        var difference = new double[rounds];
        var fibPerCall = new double[rounds];
        for (var round = 0; round < rounds; round++)
        {
            var callFirst = round % 2 == 0;
            var a = callFirst ? Time(() => callLoop.Call(Iterations)) : Time(() => inlineLoop.Call(Iterations));
            var b = callFirst ? Time(() => inlineLoop.Call(Iterations)) : Time(() => callLoop.Call(Iterations));
            withCall[round] = (callFirst ? a : b) / Iterations;
            inline[round] = (callFirst ? b : a) / Iterations;
            difference[round] = withCall[round] - inline[round];
            fibPerCall[round] = Time(() => fib.Call(25)) / FibCalls;
        }

        var c = CultureInfo.InvariantCulture;
        Console.WriteLine($"| ns per iteration or call (thread CPU time, {rounds} rounds) | median | min |");
        Console.WriteLine("|---|---:|---:|");
        Console.WriteLine(string.Create(c, $"| call_loop: loop + call + return | {Median(withCall):F2} | {withCall.Min():F2} |"));
        Console.WriteLine(string.Create(c, $"| inline_loop: loop only | {Median(inline):F2} | {inline.Min():F2} |"));
        Console.WriteLine(string.Create(c, $"| **one wasm-to-wasm call and return** (difference, median of rounds) | **{Median(difference):F2}** | |"));
        Console.WriteLine(string.Create(c, $"| fib(25) per call (body included) | {Median(fibPerCall):F2} | {fibPerCall.Min():F2} |"));
        return 0;
    }

    private static double Time(Func<int> run)
    {
        var start = ExecutionControlCpuTime.ThreadCpuNanoseconds();
        _ = run();
        return ExecutionControlCpuTime.ThreadCpuNanoseconds() - start;
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
