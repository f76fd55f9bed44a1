using System.Runtime.CompilerServices;
using WasmBind.Runtime;

namespace WasmBind;

/// <summary>
/// A shared linear memory (threads proposal): it belongs to an <see cref="Engine"/>, not a <see cref="Store"/>, so
/// instances in many stores, running on many threads, can import the same bytes at once.
/// </summary>
/// <remarks>
/// <para>Its whole maximum is reserved when it is created and its base never moves, so growing it (from any thread)
/// never invalidates another thread's view; only its length grows. Every access by WebAssembly is bounds-checked
/// against the current length.</para>
/// <para>Define it on a <see cref="Linker"/> (<see cref="Linker.Define(string, string, SharedMemory)"/>) to let
/// modules import it, or take it from a module's own shared memory (<see cref="Memory.SharedMemory"/>) to hand that
/// memory to instances in other stores. In each store it is seen as a <see cref="Memory"/> (see <see cref="In"/>).</para>
/// <para>Memory model: the atomic instructions are sequentially consistent with each other; plain loads and stores
/// are unordered and may tear, as the threads proposal allows. Host code that reads a span while guests write is
/// racing with them in the same way. See docs/threads.md.</para>
/// </remarks>
public sealed class SharedMemory
{
    private readonly ConditionalWeakTable<Store, Memory> views = new();

    /// <summary>Creates a shared memory of <paramref name="type"/>, zero-filled to its minimum, its maximum reserved.</summary>
    /// <exception cref="ArgumentException"><paramref name="type"/> is not shared, has no maximum, its minimum exceeds its
    /// maximum, or <paramref name="engine"/> does not enable <see cref="WasmFeatures.Threads"/>.</exception>
    /// <exception cref="ResourceLimitExceededException">The size exceeds this runtime's limit, or the process cannot reserve the maximum.</exception>
    public SharedMemory(Engine engine, MemoryType type)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(type);
        if (!type.Shared) throw new ArgumentException("A SharedMemory needs a shared memory type (MemoryType.Shared = true).", nameof(type));
        if (type.Limits.Maximum is not { } maximum) throw new ArgumentException("A shared memory must have a maximum.", nameof(type));
        if (maximum < type.Limits.Minimum) throw new ArgumentException("The minimum size exceeds the maximum.", nameof(type));
        if ((engine.Config.Features & WasmFeatures.Threads) == 0)
            throw new ArgumentException("The engine does not enable WasmFeatures.Threads.", nameof(engine));
        if (type.Limits.Minimum > Memory.MaxPages)
            throw new ResourceLimitExceededException($"A memory of {type.Limits.Minimum} pages exceeds this runtime's limit of {Memory.MaxPages}.");
        Engine = engine;
        Type = type;
        try
        {
            Block = LinearMemoryBlock.CreateShared(type.Limits.Minimum * MemoryType.PageSize, MaximumPages * (ulong)MemoryType.PageSize);
        }
        catch (OutOfMemoryException e)
        {
            throw new ResourceLimitExceededException($"This process cannot reserve a shared memory of {maximum} pages: {e.Message}");
        }
    }

    internal LinearMemoryBlock Block { get; }

    /// <summary>The engine whose stores may use this memory.</summary>
    public Engine Engine { get; }

    /// <summary>The type it was created with; its current size is <see cref="Pages"/>.</summary>
    public MemoryType Type { get; }

    /// <summary>The current size in 64 KiB pages. Other threads may grow it at any time.</summary>
    public uint Pages => (uint)(Block.Length / MemoryType.PageSize);

    /// <summary>The current size in bytes.</summary>
    public long Length => (long)Block.Length;

    /// <summary>The most pages it can grow to: its declared maximum (at most <see cref="Memory.MaxPages"/>).</summary>
    public uint MaximumPages => (uint)Math.Min(Type.Limits.Maximum!.Value, Memory.MaxPages);

    /// <summary>
    /// Grows by <paramref name="deltaPages"/> pages, atomically with respect to every other grow from any thread.
    /// </summary>
    /// <returns>The size in pages before this grow.</returns>
    /// <exception cref="InvalidOperationException">It would pass <see cref="MaximumPages"/>.</exception>
    public uint Grow(uint deltaPages) =>
        TryGrow(deltaPages) is >= 0 and var previous ? (uint)previous
            : throw new InvalidOperationException($"Cannot grow the shared memory from {Pages} by {deltaPages} pages (maximum {MaximumPages}).");

    /// <summary>The previous page count, or -1 past the maximum.</summary>
    internal long TryGrow(ulong deltaPages) =>
        Block.TryGrowSharedBy(deltaPages * MemoryType.PageSize, out var oldBytes) ? (long)(oldBytes / MemoryType.PageSize) : -1;

    /// <summary>
    /// This memory as seen from <paramref name="store"/>: a <see cref="Memory"/> over the same bytes (one per store,
    /// created on first use), which host code can read and write like any other memory.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="store"/> belongs to another engine.</exception>
    public Memory In(Store store)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!ReferenceEquals(store.Engine, Engine))
            throw new ArgumentException("The store belongs to another engine than this shared memory.", nameof(store));
        return views.GetValue(store, s => new Memory(s, this));
    }

    /// <summary>Registers <paramref name="memory"/> (created by a module in its own store) as that store's view.</summary>
    internal void AddView(Store store, Memory memory) => views.AddOrUpdate(store, memory);

    /// <summary>Waiters currently parked on <paramref name="address"/> in <c>memory.atomic.wait</c> (for tests and diagnostics).</summary>
    public int CountWaiters(long address) => Block.WaitQueues.CountWaiters((ulong)address);
}
