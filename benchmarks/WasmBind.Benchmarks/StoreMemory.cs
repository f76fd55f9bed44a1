using System.Globalization;

namespace WasmBind.Benchmarks;

/// <summary>
/// The <c>--store-memory</c> mode: the managed memory one <see cref="Store"/> holding one instance of memory.wasm
/// costs, measured over many live stores (no BenchmarkDotNet). Linear memories are unmanaged (docs/memory.md), so
/// they are not in these figures; their size is printed beside them.
/// </summary>
public static class StoreMemory
{
    /// <summary>Creates <paramref name="count"/> stores and instances, keeps them alive, and prints the per-store cost.</summary>
    public static int Run(int count)
    {
        if (count <= 0) throw new ArgumentOutOfRangeException(nameof(count), "The store count must be positive.");
        var engine = new Engine();
        var linker = new Linker(engine);
        var module = Module.FromFile(engine, BenchmarkModules.PathOf("memory.wasm"));

        // Warm up: JIT, static initialisers, the engine's type registry, so the measured loop allocates only per-store data.
        for (var i = 0; i < 16; i++)
            linker.Instantiate(new Store(engine), module).GetFunction<int, long>("sum").Call(0);

        // The arrays that keep everything alive are allocated before the first reading.
        var stores = new Store[count];
        var instances = new Instance[count];

        var (allocated0, live0) = Read();
        for (var i = 0; i < count; i++)
        {
            stores[i] = new Store(engine);
            instances[i] = linker.Instantiate(stores[i], module);
        }
        var (allocated1, live1) = Read();

        // The first call in a store creates its interpreter stacks; measure that separately.
        for (var i = 0; i < count; i++)
            instances[i].GetFunction<int, long>("sum").Call(0);
        var (allocated2, live2) = Read();

        long linear = 0;
        foreach (var instance in instances) linear += instance.GetMemory("memory")!.Length;
        GC.KeepAlive(stores);

        var perLinear = linear / count;
        Console.WriteLine($"Stores: {count}, each with one instance of memory.wasm ({module.Exports.Count} exports)");
        Console.WriteLine($"Linear memory per store: {perLinear.ToString("N0", CultureInfo.InvariantCulture)} bytes (unmanaged: not in the managed figures below)");
        Console.WriteLine();
        Console.WriteLine("| per store, managed | allocated (GetAllocatedBytesForCurrentThread) | live after full GC (GetTotalMemory(true)) |");
        Console.WriteLine("|---|---:|---:|");
        Row("new Store + Instantiate", allocated1 - allocated0, live1 - live0);
        Row("+ first call (interpreter stacks)", allocated2 - allocated1, live2 - live1);
        Row("total", allocated2 - allocated0, live2 - live0);
        return 0;

        void Row(string what, long allocated, long live) =>
            Console.WriteLine($"| {what} | {Format(allocated / (double)count)} | {Format(live / (double)count)} |");
    }

    private static (long Allocated, long Live) Read()
    {
        var live = GC.GetTotalMemory(forceFullCollection: true);
        return (GC.GetAllocatedBytesForCurrentThread(), live);
    }

    private static string Format(double bytes) => bytes.ToString("N0", CultureInfo.InvariantCulture) + " B";
}
