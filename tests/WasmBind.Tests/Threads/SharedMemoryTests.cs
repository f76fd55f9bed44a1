using WasmBind.Tests.Api;
using Xunit;

namespace WasmBind.Tests.Threads;

/// <summary>The engine-wide <see cref="SharedMemory"/>: creation rules, linking across stores, and growth races.</summary>
public sealed class SharedMemoryTests
{
    private static readonly MemoryType SharedType = new(new Limits(1, 4), Shared: true);

    [Fact]
    public void A_shared_memory_needs_a_shared_type_with_a_maximum_and_an_engine_with_threads()
    {
        var engine = new Engine();
        Assert.Throws<ArgumentException>(() => new SharedMemory(engine, new MemoryType(new Limits(1, 4))));
        Assert.Throws<ArgumentException>(() => new SharedMemory(engine, new MemoryType(new Limits(1, null), Shared: true)));
        var noThreads = new Engine(new EngineConfig { Features = WasmFeatures.Wasm2Scalar });
        Assert.Throws<ArgumentException>(() => new SharedMemory(noThreads, SharedType));
    }

    [Fact]
    public void Instances_in_different_stores_see_the_same_bytes_and_the_same_growth()
    {
        var fixture = new SharedMemoryFixture();
        var (storeA, a) = fixture.NewInstance();
        var (storeB, b) = fixture.NewInstance();

        fixture.Memory.In(storeA).WriteInt32(100, 7);
        Assert.Equal(7, fixture.Memory.In(storeB).ReadInt32(100));
        Assert.Same(fixture.Memory.In(storeA), fixture.Memory.In(storeA));

        Assert.Equal(1, a.GetFunction<int, int>("grow").Call(2));
        Assert.Equal(3, b.GetFunction<int>("size").Call());
        Assert.Equal(3u, fixture.Memory.Pages);
        Assert.Equal(-1, b.GetFunction<int, int>("grow").Call(2));
    }

    [Fact]
    public void A_module_s_own_shared_memory_can_be_imported_by_an_instance_in_another_store()
    {
        var engine = new Engine();
        var exporter = new Linker(engine).Instantiate(new Store(engine), Wat.Load(engine, "atomics"));
        var exported = exporter.GetMemory("memory")!;
        Assert.NotNull(exported.SharedMemory);

        // Defining the store-bound Memory works for other stores too, because it is shared.
        var linker = new Linker(engine).Define("env", "memory", exported);
        var importer = linker.Instantiate(new Store(engine), Wat.Load(engine, "atomics_import"));
        importer.GetAction<int>("increment").Call(5);

        Assert.Equal(5, exported.ReadInt32(0));
    }

    [Fact]
    public void A_shared_memory_does_not_satisfy_an_unshared_import_nor_a_store_of_another_engine()
    {
        var fixture = new SharedMemoryFixture();
        var unshared = Wat.Load(fixture.Engine, "atomics_import_unshared");
        var mismatch = Assert.Throws<LinkException>(() => fixture.Linker.Instantiate(new Store(fixture.Engine), unshared));
        Assert.Contains("env", mismatch.Message);

        var otherEngine = new Engine();
        var otherLinker = new Linker(otherEngine).Define("env", "memory", fixture.Memory);
        var e = Assert.Throws<LinkException>(() => otherLinker.Instantiate(new Store(otherEngine), Wat.Load(otherEngine, "atomics_import")));
        Assert.Contains("another engine", e.Message);
    }

    [Fact]
    public async Task Racing_grows_each_get_a_distinct_previous_size_and_none_is_lost()
    {
        var memory = new SharedMemory(new Engine(), new MemoryType(new Limits(0, 200), Shared: true));
        using var start = new Barrier(2);
        var results = new uint[2][];

        var threads = Enumerable.Range(0, 2).Select(t => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            results[t] = Enumerable.Range(0, 100).Select(_ => memory.Grow(1)).ToArray();
        }, TaskCreationOptions.LongRunning)).ToArray();

        await Task.WhenAll(threads).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(200u, memory.Pages);
        Assert.Equal(Enumerable.Range(0, 200).Select(i => (uint)i), results[0].Concat(results[1]).Order());
        Assert.Throws<InvalidOperationException>(() => memory.Grow(1));
    }
}
