namespace WasmBind.Runtime;

/// <summary>
/// Keeps unmanaged linear memories from piling up unseen by the GC. A block is freed by its finalizer, which runs
/// only after a collection finds its <see cref="Memory"/> dead; a memory costs the managed heap a few hundred bytes,
/// so without help a host that creates and drops stores with large memories could hold gigabytes of dead blocks
/// between two gen-0 collections.
/// </summary>
/// <remarks>
/// <see cref="GC.AddMemoryPressure"/> would fix that but induces gen-2 collections even for small memories, which
/// is what moving memories off the large-object heap avoids (issue 16: instantiating a 2-page memory must not cause
/// gen-2 GCs). Instead: after every max(<see cref="MinimumBudget"/>, live bytes) of new blocks, induce the cheapest
/// collection that has been reclaiming them: gen 0 while dead blocks die young (stores created and dropped), a
/// deeper one only when the previous collection left most of the older blocks alive.
/// </remarks>
internal static class NativeMemoryAccounting
{
    /// <summary>New unmanaged bytes that may accumulate before a collection is induced.</summary>
    public const long MinimumBudget = 64L << 20;

    private static long live;
    private static long sinceCollection;
    private static long liveAtLastCollection;
    private static int lastGeneration = -1;
    private static int collecting;

    /// <summary>Bytes of linear-memory blocks not yet freed.</summary>
    public static long LiveBytes => Volatile.Read(ref live);

    /// <summary>Collections induced so far (for tests).</summary>
    public static int InducedCollections { get; private set; }

    public static void Allocated(ulong bytes)
    {
        if (bytes == 0) return;
        var now = Interlocked.Add(ref live, (long)bytes);
        var since = Interlocked.Add(ref sinceCollection, (long)bytes);
        if (since < Math.Max(MinimumBudget, Volatile.Read(ref liveAtLastCollection))) return;
        if (Interlocked.Exchange(ref collecting, 1) != 0) return;
        try
        {
            // Blocks allocated before the last induced collection that are still here: if most of them survived it,
            // they are older than that generation, so look one generation deeper this time.
            var survivors = now - since;
            var generation = lastGeneration >= 0 && survivors > liveAtLastCollection / 2 ? Math.Min(lastGeneration + 1, GC.MaxGeneration) : 0;
            Volatile.Write(ref liveAtLastCollection, now);
            Interlocked.Exchange(ref sinceCollection, 0);
            lastGeneration = generation;
            InducedCollections++;
            GC.Collect(generation, GCCollectionMode.Forced, blocking: false);
        }
        finally
        {
            Volatile.Write(ref collecting, 0);
        }
    }

    public static void Freed(ulong bytes) => Interlocked.Add(ref live, -(long)bytes);
}
