using WasmBind.Runtime;

namespace WasmBind.Execution;

/// <summary>
/// Resumable calls (as Wasmi's): suspended when a host function asks to or fuel runs out, resumed or abandoned by the
/// embedder through the <see cref="ResumableCall"/> handle, superseded by the next suspendable call if dropped.
/// </summary>
internal sealed partial class ExecutionStack
{
    /// <summary>
    /// Starts a resumable call: true when it completed (results in <see cref="CallResults"/>), false when suspended.
    /// A resumable call still suspended in the store is superseded (abandoned) first.
    /// </summary>
    public bool InvokeResumable(WasmFunction function, ReadOnlySpan<ulong> arguments)
    {
        Enter(canSuspend: true);
        if (IsNested)
        {
            // Called from a host function inside another call: it cannot suspend, so it runs as a synchronous call.
            InvokeNested(function, arguments).GetAwaiter().GetResult();
            return true;
        }
        Activation activation;
        bool completed;
        var left = true;
        try
        {
            activation = Begin(function, arguments);
            completed = RunOrUnwind(function, 0, activation.FramePointer, activation, CallMode.Resumable);
            left = false;
        }
        finally
        {
            if (left)
            {
                Suspension.Clear();
                Exit();
            }
        }
        return FinishResumableStep(function, activation, completed);
    }

    /// <summary>The suspended resumable call <paramref name="call"/> gets its handle, which alone may resume it.</summary>
    public void AttachResumable(ResumableCall call) => Suspension.Resumable = call;

    /// <summary>Whether <paramref name="call"/> is the resumable call suspended in this store.</summary>
    public bool IsSuspended(ResumableCall call) => ReferenceEquals(Suspension.Resumable, call);

    /// <summary>
    /// Resumes the suspended resumable call, giving the failed host function's results (if it was one). Fails without
    /// changing anything when <paramref name="call"/> is stale or the store is in use.
    /// </summary>
    public bool Resume(ResumableCall call, WasmFunction entry, ReadOnlySpan<ulong> hostResults)
    {
        RequireSuspended(call);
        ReacquireSuspended();
        Suspension.Resumable = null;
        ownership.SuspendedKind = SuspendedKind.None;
        var activation = Suspension.Activation;
        bool completed;
        var left = true;
        try
        {
            if (Suspension.Reason == SuspendReason.HostError) hostResults.CopyTo(Frames.Slots.AsSpan(Suspension.HostResultBase));
            Suspension.Clear();
            completed = RunOrUnwind(Suspension.ResumeFunction!, Suspension.ResumePc, Suspension.ResumeFramePointer, activation, CallMode.Resumable);
            left = false;
        }
        finally
        {
            if (left)
            {
                Suspension.Clear();
                Unwind(activation);
                Exit();
            }
        }
        return FinishResumableStep(entry, activation, completed);
    }

    /// <summary>Drops a suspended call without resuming it, freeing the store. Does nothing for a stale handle.</summary>
    public void Abandon(ResumableCall call)
    {
        if (!IsSuspended(call)) return;
        ReacquireSuspended();
        DropSuspendedResumable();
        Exit();
    }

    private void RequireSuspended(ResumableCall call)
    {
        if (!IsSuspended(call))
            throw new InvalidOperationException("This suspended call was already resumed, abandoned, or superseded by a newer suspendable call in its store.");
    }

    /// <summary>Drops the suspended resumable call's frames; the caller holds the store.</summary>
    private void DropSuspendedResumable()
    {
        Suspension.Resumable = null;
        ownership.SuspendedKind = SuspendedKind.None;
        Suspension.Clear();
        Unwind(Suspension.Activation);
    }

    private bool FinishResumableStep(WasmFunction entry, Activation activation, bool completed)
    {
        if (completed)
        {
            CompleteActivation(entry, activation);
            Exit();
            return true;
        }
        Suspension.Activation = activation;
        ReleaseToSuspended(SuspendedKind.Resumable);
        return false;
    }
}
