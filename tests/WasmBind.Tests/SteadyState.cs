namespace WasmBind.Tests;

/// <summary>Brings calls to their steady state before a test measures what each call allocates.</summary>
internal static class SteadyState
{
    /// <summary>
    /// Runs <paramref name="batch"/> until a whole batch allocates nothing on this thread (at least three batches, at
    /// most about two seconds). Under the tiered default a function's 1,000th call queues its compilation once and a
    /// later call switches to the compiled code; those are one-time costs, not per-call ones, so a measurement starts
    /// after them. A call that allocates every time never gives a clean batch, so the measurement that follows fails.
    /// </summary>
    public static void WarmUp(Action batch)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            batch();
            if (attempt >= 2 && GC.GetAllocatedBytesForCurrentThread() == before) return;
            // The compilation runs on the thread pool: give it the core for a moment before the next batch.
            Thread.Sleep(20);
        }
    }
}
