namespace WasmBind.Execution;

/// <summary>
/// Which thread is inside the store: one at a time, re-entry from a host function on the same thread allowed, and a
/// suspended call holding the store between its steps. Claimed with one interlocked operation per call.
/// </summary>
internal sealed partial class ExecutionStack
{
    private const int SuspendedOwner = -1;

    // Which thread is inside the store (0: none, -1: a suspended call holds it) and how deeply it has re-entered.
    private int ownerThread;
    private int ownerDepth;
    /// <summary>The current owner entered while a call was suspended; leaving hands the store back to that call.</summary>
    private bool enteredDuringSuspension;
    /// <summary>What kind of call is suspended in the store, when <see cref="ownerThread"/> is <see cref="SuspendedOwner"/>.</summary>
    private SuspendedKind suspendedKind;
    /// <summary>Guards the hand-over of the store from a synchronous call back to a suspended async call waiting for it.</summary>
    private readonly object handover = new();
    private TaskCompletionSource? resumeWaiter;

    /// <summary>
    /// Claims the store for work other than a call (instantiation), with the same check as every call: throws if
    /// another thread is inside the store. Pair with <see cref="ExitStore"/>.
    /// </summary>
    public void EnterStore() => Enter();

    /// <summary>Releases the claim taken by <see cref="EnterStore"/>.</summary>
    public void ExitStore() => Exit();

    /// <summary>True while a host function has called back into the store (the current call is not the outermost).</summary>
    private bool IsNested => ownerDepth > 1;

    /// <summary>
    /// Claims the store for this thread, or throws if another thread holds it. While an async or resumable call is
    /// suspended, a synchronous call may run (it completes above the suspended frames). Another call that could
    /// suspend may not while an async call is suspended (someone awaits it); a suspended resumable call is
    /// superseded instead (abandoned, as if dropped), so a forgotten <see cref="ResumableCall"/> never blocks the store.
    /// </summary>
    private void Enter(bool canSuspend = false)
    {
        var me = Environment.CurrentManagedThreadId;
        var owner = Interlocked.CompareExchange(ref ownerThread, me, 0);
        if (owner == 0)
        {
            ownerDepth = 1;
            enteredDuringSuspension = false;
            return;
        }
        if (owner == me)
        {
            // A host function called back into WebAssembly on the same thread (a suspendable call nested like this
            // runs without suspending; see IsNested).
            ownerDepth++;
            return;
        }
        if (owner == SuspendedOwner && (!canSuspend || suspendedKind == SuspendedKind.Resumable)
            && Interlocked.CompareExchange(ref ownerThread, me, SuspendedOwner) == SuspendedOwner)
        {
            ownerDepth = 1;
            if (canSuspend)
            {
                DropSuspendedResumable();
                enteredDuringSuspension = false;
            }
            else
            {
                enteredDuringSuspension = true;
            }
            return;
        }
        if (owner == SuspendedOwner) throw SuspendedBusy(me);
        throw new InvalidOperationException(
            $"The store is in use by thread {owner} and was called from thread {me} at the same time. A Store may be used by one thread at a time; give each thread its own Store.");
    }

    private static InvalidOperationException SuspendedBusy(int me) => new(
        $"The store is busy: an async call is suspended in it (called from thread {me}). Finish or cancel that call before starting another that can suspend.");

    private void Exit()
    {
        if (--ownerDepth != 0) return;
        if (!enteredDuringSuspension)
        {
            Volatile.Write(ref ownerThread, 0);
            return;
        }
        // Hand the store back to the suspended call, and wake its continuation if it is waiting for the store.
        enteredDuringSuspension = false;
        TaskCompletionSource? waiter;
        lock (handover)
        {
            Volatile.Write(ref ownerThread, SuspendedOwner);
            waiter = resumeWaiter;
            resumeWaiter = null;
        }
        waiter?.TrySetResult();
    }

    /// <summary>A call suspends: the store stays busy, owned by the suspended call rather than by a thread.</summary>
    private void ReleaseToSuspended(SuspendedKind kind)
    {
        suspendedKind = kind;
        ownerDepth = 0;
        Volatile.Write(ref ownerThread, SuspendedOwner);
    }

    /// <summary>
    /// The embedder resumes or abandons a suspended resumable call. Fails without changing anything when another
    /// call is inside the store, so the suspended call can be resumed or abandoned later.
    /// </summary>
    private void ReacquireSuspended()
    {
        var me = Environment.CurrentManagedThreadId;
        var owner = Interlocked.CompareExchange(ref ownerThread, me, SuspendedOwner);
        if (owner == SuspendedOwner)
        {
            ownerDepth = 1;
            return;
        }
        if (owner == me)
            throw new InvalidOperationException("A suspended call cannot be resumed or abandoned from inside another call on the same store; do it after that call returns.");
        throw new InvalidOperationException(
            $"The store is in use by thread {owner}, so thread {me} cannot resume or abandon its suspended call now; the call stays suspended: try again once that call returns.");
    }

    /// <summary>
    /// A suspended async call continues (possibly on another thread, after an await). If a synchronous call is
    /// running in the store meanwhile, waits (without blocking a thread) until it returns the store.
    /// </summary>
    private ValueTask ReacquireSuspendedAsync()
    {
        if (Interlocked.CompareExchange(ref ownerThread, Environment.CurrentManagedThreadId, SuspendedOwner) == SuspendedOwner)
        {
            ownerDepth = 1;
            return default;
        }
        return WaitForStore();
    }

    private async ValueTask WaitForStore()
    {
        while (true)
        {
            Task handedOver;
            lock (handover)
            {
                if (Interlocked.CompareExchange(ref ownerThread, Environment.CurrentManagedThreadId, SuspendedOwner) == SuspendedOwner)
                {
                    ownerDepth = 1;
                    return;
                }
                resumeWaiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                handedOver = resumeWaiter.Task;
            }
            await handedOver;
        }
    }
}
