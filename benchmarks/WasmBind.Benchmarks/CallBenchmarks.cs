using BenchmarkDotNet.Attributes;

namespace WasmBind.Benchmarks;

/// <summary>Per-call cost across the host/wasm boundary (add.wat). The typed paths should allocate nothing.</summary>
[MemoryDiagnoser]
public class CallBenchmarks
{
    private TypedFunc<int, int, int> typedAdd = null!;
    private Function untypedAdd = null!;
    private TypedFunc<int, int, int> callHost = null!;
    private int counter;

    [GlobalSetup]
    public void Setup()
    {
        var engine = new Engine();
        var linker = new Linker(engine);
        linker.DefineFunction<int, int, int>("host", "add", static (a, b) => a + b);
        var instance = linker.Instantiate(new Store(engine), Module.FromFile(engine, BenchmarkModules.PathOf("add.wasm")));
        typedAdd = instance.GetFunction<int, int, int>("add");
        untypedAdd = instance.GetFunction("add") ?? throw new InvalidOperationException("add.wasm exports no `add`.");
        callHost = instance.GetFunction<int, int, int>("call_host");
        if (typedAdd.Call(2, 3) != 5 || untypedAdd.Invoke(Value.I32(2), Value.I32(3))[0].AsInt32() != 5 || callHost.Call(2, 3) != 5)
            throw new InvalidOperationException("add.wasm gave a wrong answer.");
    }

    /// <summary>C# → wasm through <see cref="TypedFunc{T1, T2, TResult}.Call"/>.</summary>
    [Benchmark(Baseline = true)]
    public int TypedAdd() => typedAdd.Call(counter++, 1);

    /// <summary>C# → wasm through <see cref="Function.Invoke(ReadOnlySpan{Value})"/> (allocates the results array).</summary>
    [Benchmark]
    public int UntypedInvokeAdd() => untypedAdd.Invoke(Value.I32(counter++), Value.I32(1))[0].AsInt32();

    /// <summary>C# → wasm → typed C# host function → wasm → C#.</summary>
    [Benchmark]
    public int TypedCallHost() => callHost.Call(counter++, 1);
}
