namespace WasmBind.Runtime;

/// <summary>
/// The threads waiting on a shared memory, one first-in-first-out queue per address. One lock guards all queues, so
/// the wait's "compare the value, then enqueue" and the notify's "dequeue and wake" are each atomic with respect to
/// the other: a store followed by a notify can never slip between a waiter's comparison and its enqueue.
/// </summary>
internal sealed unsafe class WaitQueues
{
    private readonly Dictionary<ulong, LinkedList<AtomicWaiter>> queues = [];

    /// <summary>
    /// Enqueues a waiter on <paramref name="address"/> if the value at <paramref name="location"/> (4 or 8 bytes, as
    /// <paramref name="wide"/> says), read atomically under the lock, equals <paramref name="expected"/>; null
    /// otherwise (the wait returns "not-equal").
    /// </summary>
    public AtomicWaiter? EnqueueIfEqual(ulong address, byte* location, bool wide, ulong expected)
    {
        lock (queues)
        {
            var current = wide ? Volatile.Read(ref *(ulong*)location) : Volatile.Read(ref *(uint*)location);
            if (current != (wide ? expected : (uint)expected)) return null;
            if (!queues.TryGetValue(address, out var queue)) queues[address] = queue = new LinkedList<AtomicWaiter>();
            var waiter = new AtomicWaiter { Address = address };
            waiter.Node = queue.AddLast(waiter);
            return waiter;
        }
    }

    /// <summary>Wakes up to <paramref name="count"/> waiters on <paramref name="address"/>, oldest first; how many it woke.</summary>
    public uint Notify(ulong address, uint count)
    {
        lock (queues)
        {
            if (count == 0 || !queues.TryGetValue(address, out var queue)) return 0;
            uint woken = 0;
            while (woken < count && queue.First is { } first)
            {
                queue.RemoveFirst();
                first.Value.Node = null;
                first.Value.Notify();
                woken++;
            }
            if (queue.Count == 0) queues.Remove(address);
            return woken;
        }
    }

    /// <summary>
    /// Takes a waiter that stops waiting (time-out, interruption) out of its queue. False when a notify already took
    /// it: then it was woken, and the wait must report "ok" so that notify's count stays true.
    /// </summary>
    public bool TryRemove(AtomicWaiter waiter)
    {
        lock (queues)
        {
            if (waiter.Node is not { } node) return false;
            var queue = node.List!;
            queue.Remove(node);
            waiter.Node = null;
            if (queue.Count == 0) queues.Remove(waiter.Address);
            return true;
        }
    }

    /// <summary>How many threads wait on <paramref name="address"/> (for tests and diagnostics).</summary>
    public int CountWaiters(ulong address)
    {
        lock (queues) return queues.TryGetValue(address, out var queue) ? queue.Count : 0;
    }
}
