namespace WasmBind.Benchmarks;

/// <summary>The engine configurations <see cref="ExecutionControlBenchmarks"/> compares.</summary>
public enum ExecutionControlMode
{
    /// <summary>Neither fuel nor epochs: no check code is compiled in.</summary>
    Plain,

    /// <summary><see cref="EngineConfig.ConsumeFuel"/>, with so much fuel (<c>ulong.MaxValue</c>) it never runs out.</summary>
    Fuel,

    /// <summary><see cref="EngineConfig.EpochInterruption"/>, with a deadline (2^40 ticks) the engine's epoch never reaches.</summary>
    Epoch,
}

/// <summary>The kernels of fib.wat and memory.wat, instantiated in stores of an engine of one <see cref="ExecutionControlMode"/>.</summary>
public sealed class ExecutionControlKernels
{
    private ExecutionControlKernels(Store fibStore, Instance fibInstance, Instance memoryInstance)
    {
        FibStore = fibStore;
        Fib = fibInstance.GetFunction<int, int>("fib");
        FibLoop = fibInstance.GetFunction<int, long>("fib_loop");
        Fill = memoryInstance.GetAction<int>("fill");
        Sum = memoryInstance.GetFunction<int, long>("sum");
    }

    /// <summary>The store of <see cref="Fib"/> and <see cref="FibLoop"/>.</summary>
    public Store FibStore { get; }

    /// <summary><c>fib(n)</c>, naive recursion.</summary>
    public TypedFunc<int, int> Fib { get; }

    /// <summary><c>fib_loop(n)</c>, an n-iteration loop.</summary>
    public TypedFunc<int, long> FibLoop { get; }

    /// <summary><c>fill(n)</c>: writes n i32s.</summary>
    public TypedAction<int> Fill { get; }

    /// <summary><c>sum(n)</c>: reads them back.</summary>
    public TypedFunc<int, long> Sum { get; }

    /// <summary>fib(25): 242,785 calls.</summary>
    public int FibRecursive25() => Fib.Call(25);

    /// <summary>A 1,000,000-iteration loop.</summary>
    public long FibLoop1M() => FibLoop.Call(1_000_000);

    /// <summary>Writes then reads back 1 Mi i32 (4 MiB).</summary>
    public long MemoryFillSum1M()
    {
        Fill.Call(InterpreterBenchmarks.Int32Count);
        return Sum.Call(InterpreterBenchmarks.Int32Count);
    }

    /// <summary>A new engine of <paramref name="mode"/>, two stores and the kernels, checked and with memory grown to 4 MiB.</summary>
    public static ExecutionControlKernels Create(ExecutionControlMode mode)
    {
        var engine = new Engine(mode switch
        {
            ExecutionControlMode.Fuel => new EngineConfig { ConsumeFuel = true },
            ExecutionControlMode.Epoch => new EngineConfig { EpochInterruption = true },
            _ => new EngineConfig(),
        });
        var linker = new Linker(engine);
        var fibStore = new Store(engine);
        var memoryStore = new Store(engine);
        foreach (var store in new[] { fibStore, memoryStore })
        {
            // long.MaxValue units (the setter clamps): at 10^9 instructions a second, 292 years before it runs out.
            if (mode == ExecutionControlMode.Fuel) store.Fuel = ulong.MaxValue;
            // The engine's epoch never moves here; a deadline 2^40 ticks away is as good as never.
            if (mode == ExecutionControlMode.Epoch) store.SetEpochDeadline(1UL << 40);
        }
        var kernels = new ExecutionControlKernels(
            fibStore,
            linker.Instantiate(fibStore, Module.FromFile(engine, BenchmarkModules.PathOf("fib.wasm"))),
            linker.Instantiate(memoryStore, Module.FromFile(engine, BenchmarkModules.PathOf("memory.wasm"))));
        // Grow the memory to 64 pages here, so no measured call pays for memory.grow; and check the answers.
        const long n = InterpreterBenchmarks.Int32Count;
        if (kernels.FibRecursive25() != 75025 || kernels.FibLoop.Call(90) != 2880067194370816120L || kernels.MemoryFillSum1M() != 3L * n * (n - 1) / 2)
            throw new InvalidOperationException($"A kernel gave a wrong answer on the {mode} engine.");
        return kernels;
    }

    /// <summary>Throws unless <see cref="FibStore"/> consumed fuel (so a fuel measurement measured metering) without running out.</summary>
    public void CheckFuelConsumed()
    {
        var left = FibStore.Fuel;
        if (left == (ulong)long.MaxValue || left == 0)
            throw new InvalidOperationException($"Fuel was not consumed or ran out: {left} left.");
    }
}
