using WasmBind.Runtime;

namespace WasmBind.Execution;

/// <summary>
/// What an async or resumable call needs to stop and continue later: where to continue, what it waits for (a pending
/// async import, a failed host function's results, fuel), the activation it belongs to, its cancellation token, the
/// handle of a suspended resumable call, and the buffer its results are returned in. At most one call is suspended
/// in a store at a time. Embedded by value in <see cref="ExecutionStack"/>.
/// </summary>
internal struct SuspensionState
{
    /// <summary>Why the suspended call stopped (<see cref="SuspendReason.None"/> when none is suspended).</summary>
    public SuspendReason Reason;

    /// <summary>Where the suspended call continues: function, instruction and frame pointer.</summary>
    public WasmFunction? ResumeFunction;

    /// <inheritdoc cref="ResumeFunction"/>
    public int ResumePc;

    /// <inheritdoc cref="ResumeFunction"/>
    public int ResumeFramePointer;

    /// <summary>The host function the call stopped at (a pending async import or a failed host function).</summary>
    public HostFunction? Host;

    /// <summary>For an out-of-fuel suspension: the fuel the instruction it stopped at needs to go on.</summary>
    public ulong RequiredFuel;

    /// <summary>The slot where the host function's results go when the call continues.</summary>
    public int HostResultBase;

    /// <summary>The failure of the host function a resumable call stopped at.</summary>
    public Exception? HostError;

    /// <summary>The pending async import an async call waits for.</summary>
    public PendingHostCall? PendingHostCall;

    /// <summary>The activation of the suspended call (its frames stay in the <see cref="FrameStack"/>).</summary>
    public Activation Activation;

    /// <summary>The running async call's cancellation token (default outside async calls).</summary>
    public CancellationToken CancellationToken;

    /// <summary>The handle of the suspended resumable call; any other handle is stale (resumed, abandoned or superseded).</summary>
    public ResumableCall? Resumable;

    /// <summary>
    /// Results of the last async or resumable call that completed, read by the caller right after completion (before
    /// anything else can run in the store on that logical flow).
    /// </summary>
    public ulong[] CallResults;

    public SuspensionState() => CallResults = new ulong[8];

    /// <summary>The fuel a resumable call stopped by fuel exhaustion needs to go on; 0 for any other reason.</summary>
    public readonly ulong RequiredFuelToResume => Reason == SuspendReason.OutOfFuel ? RequiredFuel : 0;

    /// <summary>The call stops at an async import whose task is pending; its results go to <paramref name="resultBase"/>.</summary>
    public void SuspendAtAsyncHost(HostFunction host, PendingHostCall pending, int resultBase)
    {
        PendingHostCall = pending;
        Host = host;
        HostResultBase = resultBase;
        Reason = SuspendReason.AsyncHost;
    }

    /// <summary>A resumable call stops at a failed host function; the embedder supplies its results on resume.</summary>
    public void SuspendOnHostError(HostFunction host, Exception failure, int resultBase)
    {
        Host = host;
        HostError = failure;
        HostResultBase = resultBase;
        Reason = SuspendReason.HostError;
    }

    /// <summary>Forgets what the call waited for, before it continues or when it is dropped.</summary>
    public void Clear()
    {
        // The resume point stays: the resume that follows reads it, and the next suspension overwrites it.
        Reason = SuspendReason.None;
        PendingHostCall = null;
        HostError = null;
        Host = null;
    }

    /// <summary><see cref="CallResults"/>, grown to hold at least <paramref name="count"/> slots.</summary>
    public ulong[] EnsureCallResults(int count)
    {
        if (CallResults.Length < count) CallResults = new ulong[Math.Max(count, CallResults.Length * 2)];
        return CallResults;
    }
}
