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
/// gen-2 GCs). Instead: after every max(<see cref="MinimumBudget"/>, bytes that survived the last one) of new blocks, induce the cheapest
/// collection that has been reclaiming them: gen 0 while dead blocks die young (stores created and dropped), a
/// deeper one only when the previous collection left most of the older blocks alive.
/// </remarks>
internal static class NativeMemoryAccounting
{
    /// <summary>New unmanaged bytes that may accumulate before a collection is induced.</summary>
    public const long MinimumBudget = 64L << 20;

    private static readonly TimeSpan FinalizerWait = TimeSpan.FromMilliseconds(100);

    private static long live;
    private static long sinceCollection;
    private static long liveAtLastCollection;
    private static long survivorsAtLastCollection;
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
        if (since < Math.Max(MinimumBudget, Volatile.Read(ref survivorsAtLastCollection))) return;
        if (Interlocked.Exchange(ref collecting, 1) != 0) return;
        try
        {
            // Blocks allocated before the last induced collection that are still here: if most of them survived it,
            // they are older than that generation, so look one generation deeper this time.
            var survivors = Math.Max(now - since, 0);
            var deeper = lastGeneration >= 0 && survivors > Math.Max(MinimumBudget, liveAtLastCollection / 2);
            var generation = deeper ? Math.Min(lastGeneration + 1, GC.MaxGeneration) : 0;
            liveAtLastCollection = now;
            // The next budget scales with what outlived the last collection (blocks the host really keeps), not with
            // `now`, which also counts dead blocks whose finalizers have not run yet.
            Volatile.Write(ref survivorsAtLastCollection, survivors);
            Interlocked.Exchange(ref sinceCollection, 0);
            lastGeneration = generation;
            InducedCollections++;
            GC.Collect(generation, GCCollectionMode.Forced, blocking: true);
            // Blocks are freed by finalizers, on the finalizer thread. When blocks are piling up (more than a budget
            // outlived the last collection), give that thread a moment, so that a host allocating faster than it is
            // scheduled does not outrun it. Bounded, so that a finalizer waiting on a lock this thread holds cannot
            // deadlock the host.
            if (survivors > MinimumBudget) Task.Run(GC.WaitForPendingFinalizers).Wait(FinalizerWait);
        }
        finally
        {
            Volatile.Write(ref collecting, 0);
        }
    }

    public static void Freed(ulong bytes) => Interlocked.Add(ref live, -(long)bytes);
}
