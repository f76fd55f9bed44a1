using WasmBind.Runtime;

namespace WasmBind;

/// <summary>Threads parked in <c>memory.atomic.wait</c> that an epoch tick must wake to re-check their deadline.</summary>
public sealed partial class Engine
{
    private readonly HashSet<AtomicWaiter> parkedWaiters = [];
    private int parkedWaiterCount;

    internal void AddParkedWaiter(AtomicWaiter waiter)
    {
        lock (parkedWaiters)
        {
            parkedWaiters.Add(waiter);
            parkedWaiterCount = parkedWaiters.Count;
        }
    }

    internal void RemoveParkedWaiter(AtomicWaiter waiter)
    {
        lock (parkedWaiters)
        {
            parkedWaiters.Remove(waiter);
            parkedWaiterCount = parkedWaiters.Count;
        }
    }

    private void NudgeParkedWaiters()
    {
        lock (parkedWaiters)
        {
            foreach (var waiter in parkedWaiters) waiter.Nudge();
        }
    }
}
