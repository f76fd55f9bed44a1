using WasmBind.Runtime;

namespace WasmBind.Execution;

/// <summary>
/// Calls that can stop and continue: async calls (suspended at pending async imports and yield points, resumed when
/// the awaited task completes) and resumable calls (suspended when a host function fails or fuel runs out, resumed
/// by the embedder). One such call can be suspended in a store at a time; the store is busy until it finishes.
/// </summary>
internal sealed partial class ExecutionStack
{
    private CancellationToken cancellationToken;
    private Activation suspendedActivation;

    /// <summary>Results of the last async or resumable call that completed, read by the caller right after.</summary>
    public ulong[] CallResults { get; private set; } = new ulong[8];

    /// <summary>The suspended resumable call's reason, host function and host error.</summary>
    public SuspendReason SuspendedReason => suspendReason;

    public HostFunction? SuspendedHost => suspendedHost;

    public Exception? SuspendedHostError => suspendedHostError;

    // ---- async ----

    /// <summary>
    /// Calls <paramref name="function"/> so that it may suspend at async imports and yield points. Completes
    /// synchronously (allocating nothing) when nothing suspends; the results are in <see cref="CallResults"/>.
    /// </summary>
    public ValueTask InvokeAsync(Function function, ReadOnlySpan<ulong> arguments, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        Enter();
        if (function is HostFunction host)
        {
            try
            {
                return InvokeHostAsync(host, arguments);
            }
            finally
            {
                Exit();
            }
        }

        var wasm = (WasmFunction)function;
        Activation activation;
        bool completed;
        var registration = default(CancellationTokenRegistration);
        try
        {
            activation = Begin(wasm, arguments);
            cancellationToken = cancellation;
            if (cancellation.CanBeCanceled) registration = cancellation.UnsafeRegister(static s => ((Store)s!).RequestInterrupt(), store);
            completed = RunOrUnwind(wasm, 0, activation.FramePointer, activation, CallMode.Async);
        }
        catch
        {
            FinishCancellation(registration);
            Exit();
            throw;
        }
        if (completed)
        {
            CompleteActivation(wasm, activation);
            FinishCancellation(registration);
            Exit();
            return default;
        }
        suspendedActivation = activation;
        ReleaseToSuspended();
        return ContinueAsync(wasm, registration);
    }

    private async ValueTask ContinueAsync(WasmFunction entry, CancellationTokenRegistration registration)
    {
        var activation = suspendedActivation;
        try
        {
            while (true)
            {
                Exception? failure = null;
                try
                {
                    if (suspendReason == SuspendReason.AsyncHost) await pendingHostCall!.WaitAsync().ConfigureAwait(false);
                    else await (store.AsyncYield?.Invoke() ?? YieldToScheduler()).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    failure = e;
                }

                ReacquireSuspended();
                bool completed;
                try
                {
                    if (failure is not null) ThrowFromSuspendedHost(failure, activation);
                    if (cancellationToken.IsCancellationRequested)
                        throw new OperationCanceledException("The WebAssembly call was cancelled.", cancellationToken);
                    if (suspendReason == SuspendReason.AsyncHost)
                    {
                        var host = suspendedHost!;
                        var count = Math.Max(host.Type.Parameters.Count, host.Type.Results.Count);
                        pendingHostCall!.WriteResults(store, slots.AsSpan(hostResultBase, count));
                    }
                    ClearSuspension();
                    completed = RunOrUnwind(resumeFunction!, resumePc, resumeFramePointer, activation, CallMode.Async);
                }
                catch
                {
                    Unwind(activation);
                    Exit();
                    throw;
                }
                if (completed)
                {
                    CompleteActivation(entry, activation);
                    Exit();
                    return;
                }
                ReleaseToSuspended();
            }
        }
        finally
        {
            FinishCancellation(registration);
        }
    }

    private static async ValueTask YieldToScheduler() => await Task.Yield();

    private ValueTask InvokeHostAsync(HostFunction host, ReadOnlySpan<ulong> arguments)
    {
        var count = Math.Max(host.Type.Parameters.Count, host.Type.Results.Count);
        var buffer = EnsureCallResults(count);
        arguments[..host.Type.Parameters.Count].CopyTo(buffer);
        if (host is not AsyncHostFunction asyncHost)
        {
            InvokeHostDirectly(host, buffer.AsSpan(0, count));
            return default;
        }
        if (asyncHost.TryStart(new Caller(store, null), buffer.AsSpan(0, count), out var pending)) return default;
        return AwaitHost(pending!, buffer, count);

        async ValueTask AwaitHost(PendingHostCall call, ulong[] results, int slotCount)
        {
            await call.WaitAsync().ConfigureAwait(false);
            call.WriteResults(store, results.AsSpan(0, slotCount));
        }
    }

    /// <summary>A suspended host call failed: report it as the trap it would have been in a synchronous call.</summary>
    private void ThrowFromSuspendedHost(Exception failure, Activation activation)
    {
        trapFunction = resumeFunction;
        trapPc = resumePc - 1;
        var trap = failure switch
        {
            TrapException t => t,
            WasmException or OperationCanceledException => null,
            _ => new TrapException(TrapCode.HostError, $"{suspendedHost} failed: {failure.Message}", failure),
        };
        if (trap is null) throw failure;
        AppendBacktrace(trap, activation.EntryFrames);
        throw trap;
    }

    private void FinishCancellation(CancellationTokenRegistration registration)
    {
        registration.Dispose();
        cancellationToken = default;
        if (store.InterruptRequested) store.ClearInterrupt();
    }

    // ---- resumable ----

    /// <summary>Starts a resumable call: true when it completed (results in <see cref="CallResults"/>), false when suspended.</summary>
    public bool InvokeResumable(WasmFunction function, ReadOnlySpan<ulong> arguments)
    {
        Enter();
        Activation activation;
        bool completed;
        try
        {
            activation = Begin(function, arguments);
            completed = RunOrUnwind(function, 0, activation.FramePointer, activation, CallMode.Resumable);
        }
        catch
        {
            Exit();
            throw;
        }
        return FinishResumableStep(function, activation, completed);
    }

    /// <summary>Resumes the suspended resumable call, giving the failed host function's results (if it was one).</summary>
    public bool Resume(WasmFunction entry, ReadOnlySpan<ulong> hostResults)
    {
        ReacquireSuspended();
        var activation = suspendedActivation;
        bool completed;
        try
        {
            if (suspendReason == SuspendReason.HostError) hostResults.CopyTo(slots.AsSpan(hostResultBase));
            ClearSuspension();
            completed = RunOrUnwind(resumeFunction!, resumePc, resumeFramePointer, activation, CallMode.Resumable);
        }
        catch
        {
            Unwind(activation);
            Exit();
            throw;
        }
        return FinishResumableStep(entry, activation, completed);
    }

    /// <summary>Drops a suspended call without resuming it, freeing the store.</summary>
    public void Abandon()
    {
        ReacquireSuspended();
        Unwind(suspendedActivation);
        Exit();
    }

    private bool FinishResumableStep(WasmFunction entry, Activation activation, bool completed)
    {
        if (completed)
        {
            CompleteActivation(entry, activation);
            Exit();
            return true;
        }
        suspendedActivation = activation;
        ReleaseToSuspended();
        return false;
    }

    // ---- shared ----

    /// <summary>Runs; on a trap or any exception, adds the backtrace and unwinds the activation before rethrowing.</summary>
    private bool RunOrUnwind(WasmFunction function, int pc, int framePointer, Activation activation, CallMode mode)
    {
        try
        {
            return Run(function, pc, framePointer, activation.EntryFrames, mode);
        }
        catch (TrapException trap)
        {
            AppendBacktrace(trap, activation.EntryFrames);
            Unwind(activation);
            throw;
        }
        catch
        {
            Unwind(activation);
            throw;
        }
    }

    private void CompleteActivation(WasmFunction entry, Activation activation)
    {
        var count = entry.Code.ResultCount;
        slots.AsSpan(activation.FramePointer, count).CopyTo(EnsureCallResults(count));
        Unwind(activation);
    }

    private void ClearSuspension()
    {
        suspendReason = SuspendReason.None;
        pendingHostCall = null;
        suspendedHostError = null;
        suspendedHost = null;
    }

    private ulong[] EnsureCallResults(int count)
    {
        if (CallResults.Length < count) CallResults = new ulong[Math.Max(count, CallResults.Length * 2)];
        return CallResults;
    }
}
