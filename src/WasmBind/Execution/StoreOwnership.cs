namespace WasmBind.Execution;

/// <summary>
/// Which thread is inside the store: one at a time, re-entry from a host function on the same thread allowed, and a
/// suspended call holding the store between its steps. Claimed with one interlocked operation per call. Embedded by
/// value in <see cref="ExecutionStack"/>, which does what a change of owner implies for the frames (dropping a
/// superseded resumable call) and the async wait for a hand-over.
/// </summary>
internal struct StoreOwnership
{
    private const int SuspendedOwner = -1;

    // Which thread is inside the store (0: none, -1: a suspended call holds it) and how deeply it has re-entered.
    private int ownerThread;
    private int ownerDepth;
    /// <summary>The current owner entered while a call was suspended; leaving hands the store back to that call.</summary>
    private bool enteredDuringSuspension;
    /// <summary>Guards the hand-over of the store from a synchronous call back to a suspended async call waiting for it.</summary>
    private readonly object handover;
    private TaskCompletionSource? resumeWaiter;

    public StoreOwnership() => handover = new object();

    /// <summary>What kind of call is suspended in the store, while a suspended call holds it.</summary>
    public SuspendedKind SuspendedKind;

    /// <summary>How deeply the owning thread has entered (host functions calling back into WebAssembly).</summary>
    public readonly int Depth => ownerDepth;

    /// <summary>True while a host function has called back into the store (the current call is not the outermost).</summary>
    public readonly bool IsNested => ownerDepth > 1;

    /// <summary>
    /// Claims the store for this thread, or throws if another thread holds it. While an async or resumable call is
    /// suspended, a synchronous call may run (it completes above the suspended frames). Another call that could
    /// suspend may not while an async call is suspended (someone awaits it); a suspended resumable call is
    /// superseded instead: then this returns true and the caller drops that call (as if abandoned), so a forgotten
    /// <see cref="ResumableCall"/> never blocks the store.
    /// </summary>
    public bool Enter(bool canSuspend)
    {
        var me = Environment.CurrentManagedThreadId;
        var owner = Interlocked.CompareExchange(ref ownerThread, me, 0);
        if (owner == 0)
        {
            ownerDepth = 1;
            enteredDuringSuspension = false;
            return false;
        }
        if (owner == me)
        {
            // A host function called back into WebAssembly on the same thread (a suspendable call nested like this
            // runs without suspending; see IsNested).
            ownerDepth++;
            return false;
        }
        if (owner == SuspendedOwner && (!canSuspend || SuspendedKind == SuspendedKind.Resumable)
            && Interlocked.CompareExchange(ref ownerThread, me, SuspendedOwner) == SuspendedOwner)
        {
            ownerDepth = 1;
            // A call that can suspend supersedes the suspended resumable call; a synchronous one runs above it.
            enteredDuringSuspension = !canSuspend;
            return canSuspend;
        }
        if (owner == SuspendedOwner) throw SuspendedBusy(me);
        throw new InvalidOperationException(
            $"The store is in use by thread {owner} and was called from thread {me} at the same time. A Store may be used by one thread at a time; give each thread its own Store.");
    }

    private static InvalidOperationException SuspendedBusy(int me) => new(
        $"The store is busy: an async call is suspended in it (called from thread {me}). Finish or cancel that call before starting another that can suspend.");

    /// <summary>Leaves the store: the outermost exit frees it, or hands it back to the call suspended in it.</summary>
    public void Exit()
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
    public void ReleaseToSuspended(SuspendedKind kind)
    {
        SuspendedKind = kind;
        ownerDepth = 0;
        Volatile.Write(ref ownerThread, SuspendedOwner);
    }

    /// <summary>
    /// The embedder resumes or abandons a suspended resumable call. Fails without changing anything when another
    /// call is inside the store, so the suspended call can be resumed or abandoned later.
    /// </summary>
    public void ReacquireSuspended()
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

    /// <summary>A suspended async call continues on this thread if no synchronous call holds the store meanwhile.</summary>
    public bool TryReacquireSuspended()
    {
        if (Interlocked.CompareExchange(ref ownerThread, Environment.CurrentManagedThreadId, SuspendedOwner) != SuspendedOwner) return false;
        ownerDepth = 1;
        return true;
    }

    /// <summary>
    /// Like <see cref="TryReacquireSuspended"/>, but when a synchronous call holds the store, returns a task that
    /// completes when that call hands the store back (null: the store is taken).
    /// </summary>
    public Task? ReacquireOrWaitForHandover()
    {
        lock (handover)
        {
            if (TryReacquireSuspended()) return null;
            resumeWaiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return resumeWaiter.Task;
        }
    }
}
