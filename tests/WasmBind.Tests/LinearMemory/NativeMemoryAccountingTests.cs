using WasmBind.Runtime;
using Xunit;

namespace WasmBind.Tests.LinearMemory;

[Collection(LinearMemoryCollection.Name)]
public sealed class NativeMemoryAccountingTests
{
    [Fact]
    public void Dropped_memories_are_reclaimed_while_a_host_keeps_creating_them()
    {
        // 200 dropped 64 MiB memories: 12.5 GiB if nothing were reclaimed. Each costs the managed heap so little that
        // the GC alone would not collect for the whole loop, and the OS maps them so lazily that the loop outruns
        // the finalizer thread unless the accounting waits for it.
        var engine = new Engine();
        var type = new MemoryType(new Limits(1024, null));
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var baseline = NativeMemoryAccounting.LiveBytes;
        var induced = NativeMemoryAccounting.InducedCollections;
        long peak = 0;
        var trace = "";

        for (var i = 0; i < 200; i++)
        {
            _ = new Memory(new Store(engine), type);
            peak = Math.Max(peak, NativeMemoryAccounting.LiveBytes - baseline);
            if (i % 50 == 0) trace += $" [{i}: {(NativeMemoryAccounting.LiveBytes - baseline) >> 20} MiB]";
        }

        Assert.True(NativeMemoryAccounting.InducedCollections > induced);
        // Without reclamation the 200 memories would reach 12.5 GiB; the bound leaves room for a slow finalizer thread on a
        // loaded machine (1,152 MiB was seen under a load average of 30) while still failing if nothing is reclaimed.
        Assert.True(peak < 3L << 30, $"peak of {peak >> 20} MiB of unreclaimed memories {trace}");
    }

    [Fact]
    public void Instantiating_small_memories_induces_no_gen2_collection()
    {
        var engine = new Engine();
        var type = new MemoryType(new Limits(2, null));
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var gen2 = GC.CollectionCount(2);

        // 128 MiB of 2-page memories: two budgets' worth, so the accounting induces collections, all gen 0.
        for (var i = 0; i < 1_024; i++) _ = new Memory(new Store(engine), type);

        Assert.Equal(gen2, GC.CollectionCount(2));
    }
}
