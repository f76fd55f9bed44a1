namespace WasmBind.Runtime;

/// <summary>
/// One thread parked in <c>memory.atomic.wait32/64</c>. It wakes when notified (<see cref="Notify"/>, which is final)
/// or nudged (<see cref="Nudge"/>: "re-check your interruption conditions", by an epoch tick, a cancellation or a new
/// deadline). A nudge that comes before the thread parks is remembered, so none is lost.
/// </summary>
internal sealed class AtomicWaiter
{
    private readonly object gate = new();
    private bool notified;
    private bool nudged;

    /// <summary>The waiter's node in its address's queue while it is queued (guarded by the queues' lock).</summary>
    public LinkedListNode<AtomicWaiter>? Node { get; set; }

    /// <summary>The address it waits on (for removal from the queue).</summary>
    public ulong Address { get; init; }

    /// <summary>True once a <c>memory.atomic.notify</c> woke it.</summary>
    public bool IsNotified
    {
        get
        {
            lock (gate) return notified;
        }
    }

    public void Notify()
    {
        lock (gate)
        {
            notified = true;
            Monitor.PulseAll(gate);
        }
    }

    public void Nudge()
    {
        lock (gate)
        {
            nudged = true;
            Monitor.PulseAll(gate);
        }
    }

    /// <summary>Blocks for at most <paramref name="milliseconds"/> (-1: no limit) unless notified or nudged since the last park.</summary>
    public void Park(int milliseconds)
    {
        lock (gate)
        {
            if (!notified && !nudged) Monitor.Wait(gate, milliseconds);
            nudged = false;
        }
    }
}
