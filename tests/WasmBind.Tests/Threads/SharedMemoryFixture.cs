using WasmBind.Tests.Api;

namespace WasmBind.Tests.Threads;

/// <summary>One shared memory and instances of Fixtures/wat/atomics_import.wat importing it, each in its own store.</summary>
internal sealed class SharedMemoryFixture
{
    public SharedMemoryFixture(EngineConfig? config = null)
    {
        Engine = new Engine(config);
        Memory = new SharedMemory(Engine, new MemoryType(new Limits(1, 4), Shared: true));
        Linker = new Linker(Engine).Define("env", "memory", Memory);
        Module = Wat.Load(Engine, "atomics_import");
    }

    public Engine Engine { get; }
    public SharedMemory Memory { get; }
    public Linker Linker { get; }
    public Module Module { get; }

    /// <summary>A new store and an instance in it.</summary>
    public (Store Store, Instance Instance) NewInstance()
    {
        var store = new Store(Engine);
        return (store, Linker.Instantiate(store, Module));
    }

    /// <summary>Blocks until <paramref name="count"/> threads wait on <paramref name="address"/>; false after 10 s.</summary>
    public bool WaitForWaiters(long address, int count) =>
        SpinWait.SpinUntil(() => Memory.CountWaiters(address) == count, TimeSpan.FromSeconds(10));
}
