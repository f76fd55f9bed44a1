using BenchmarkDotNet.Attributes;

namespace WasmBind.Benchmarks;

/// <summary>
/// Per-call cost across the host/wasm boundary (add.wat), synchronous and async. The typed paths, and the async paths
/// that complete synchronously, should allocate nothing.
/// </summary>
[MemoryDiagnoser]
public class CallBenchmarks
{
    private TypedFunc<int, int, int> typedAdd = null!;
    private Function untypedAdd = null!;
    private TypedFunc<int, int, int> callHost = null!;
    private TypedFunc<int, int, int> callAsyncHostCompleted = null!;
    private TypedFunc<int, int, int> callAsyncHostYielding = null!;
    private readonly Value[] untypedArguments = [Value.I32(0), Value.I32(1)];
    private int counter;

    [GlobalSetup]
    public void Setup()
    {
        var engine = new Engine();
        var module = Module.FromFile(engine, BenchmarkModules.PathOf("add.wasm"));

        // host.add as a typed synchronous host function.
        var linker = new Linker(engine);
        linker.DefineFunction<int, int, int>("host", "add", static (a, b) => a + b);
        var instance = linker.Instantiate(new Store(engine), module);
        typedAdd = instance.GetFunction<int, int, int>("add");
        untypedAdd = instance.GetFunction("add") ?? throw new InvalidOperationException("add.wasm exports no `add`.");
        callHost = instance.GetFunction<int, int, int>("call_host");

        // host.add as a typed async host function whose task has already completed: no suspension.
        var completedLinker = new Linker(engine);
        completedLinker.DefineAsyncFunction<int, int, int>("host", "add", static (caller, a, b) => new ValueTask<int>(a + b));
        callAsyncHostCompleted = completedLinker.Instantiate(new Store(engine), module).GetFunction<int, int, int>("call_host");

        // host.add as a typed async host function that really awaits: the wasm call suspends and resumes.
        var yieldingLinker = new Linker(engine);
        yieldingLinker.DefineAsyncFunction<int, int, int>("host", "add", static async (caller, a, b) =>
        {
            await Task.Yield();
            return a + b;
        });
        callAsyncHostYielding = yieldingLinker.Instantiate(new Store(engine), module).GetFunction<int, int, int>("call_host");

        if (typedAdd.Call(2, 3) != 5 || untypedAdd.Invoke(Value.I32(2), Value.I32(3))[0].AsInt32() != 5 || callHost.Call(2, 3) != 5
            || typedAdd.CallAsync(2, 3).Result != 5 || untypedAdd.CallAsync([Value.I32(2), Value.I32(3)]).Result[0].AsInt32() != 5
            || callAsyncHostCompleted.CallAsync(2, 3).Result != 5
            || callAsyncHostYielding.CallAsync(2, 3).AsTask().GetAwaiter().GetResult() != 5)
        {
            throw new InvalidOperationException("add.wasm gave a wrong answer.");
        }

        if (!typedAdd.CallAsync(2, 3).IsCompletedSuccessfully || !callAsyncHostCompleted.CallAsync(2, 3).IsCompletedSuccessfully)
            throw new InvalidOperationException("A call that should complete synchronously did not.");
    }

    // ---- synchronous ----

    /// <summary>C# → wasm through <see cref="TypedFunc{T1, T2, TResult}.Call"/>.</summary>
    [Benchmark(Baseline = true)]
    public int TypedAdd() => typedAdd.Call(counter++, 1);

    /// <summary>C# → wasm through <see cref="Function.Invoke(ReadOnlySpan{Value})"/> (allocates the results array).</summary>
    [Benchmark]
    public int UntypedInvokeAdd() => untypedAdd.Invoke(Value.I32(counter++), Value.I32(1))[0].AsInt32();

    /// <summary>C# → wasm → typed C# host function → wasm → C#.</summary>
    [Benchmark]
    public int TypedCallHost() => callHost.Call(counter++, 1);

    // ---- async ----

    /// <summary>C# → wasm through <see cref="TypedFunc{T1, T2, TResult}.CallAsync"/>; nothing suspends, so it completes synchronously.</summary>
    [Benchmark]
    public ValueTask<int> TypedCallAsyncAdd() => typedAdd.CallAsync(counter++, 1);

    /// <summary>
    /// C# → wasm through <see cref="Function.CallAsync(Value[], CancellationToken)"/>, completing synchronously. The
    /// arguments array is reused; the runtime allocates its argument slots and the results array by design.
    /// </summary>
    [Benchmark]
    public int UntypedCallAsyncAdd()
    {
        untypedArguments[0] = Value.I32(counter++);
        var task = untypedAdd.CallAsync(untypedArguments);
        return (task.IsCompletedSuccessfully ? task.Result : task.AsTask().GetAwaiter().GetResult())[0].AsInt32();
    }

    /// <summary>C# → wasm (typed <c>CallAsync</c>) → typed async host function returning an already-completed task.</summary>
    [Benchmark]
    public ValueTask<int> TypedCallAsyncHostCompleted() => callAsyncHostCompleted.CallAsync(counter++, 1);

    /// <summary>
    /// C# → wasm (typed <c>CallAsync</c>) → typed async host function that awaits <see cref="Task.Yield"/>: the wasm
    /// call suspends, the continuation runs on the thread pool and resumes it. Includes the thread hop.
    /// </summary>
    [Benchmark]
    public ValueTask<int> TypedCallAsyncHostYielding() => callAsyncHostYielding.CallAsync(counter++, 1);
}
