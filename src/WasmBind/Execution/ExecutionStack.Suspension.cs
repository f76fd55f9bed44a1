using WasmBind.Runtime;

namespace WasmBind.Execution;

/// <summary>
/// Calls that can stop and continue: async calls (suspended at pending async imports and yield points, resumed when
/// the awaited task completes) and resumable calls (suspended when a host function asks to, or fuel runs out, resumed
/// by the embedder). One such call can be suspended in a store at a time. While it is suspended, synchronous calls
/// may still use the store (they run above its frames), as Wasmtime allows from async host functions.
/// </summary>
internal sealed partial class ExecutionStack
{
    /// <summary>
    /// Results of the last async or resumable call that completed, read by the caller right after completion (before
    /// anything else can run in the store on that logical flow).
    /// </summary>
    public ulong[] CallResults => Suspension.CallResults;

    /// <summary>The suspended resumable call's reason, host function, host error and fuel need.</summary>
    public SuspendReason SuspendedReason => Suspension.Reason;

    public HostFunction? SuspendedHost => Suspension.Host;

    public Exception? SuspendedHostError => Suspension.HostError;

    public ulong SuspendedRequiredFuel => Suspension.RequiredFuelToResume;

    // ---- async ----

    /// <summary>
    /// Calls <paramref name="function"/> so that it may suspend at async imports and yield points. Completes
    /// synchronously (allocating nothing) when nothing suspends; the results are then in <see cref="CallResults"/>.
    /// Failures, including traps in the synchronous part, come back as a faulted task.
    /// </summary>
    public ValueTask InvokeAsync(Function function, ReadOnlySpan<ulong> arguments, CancellationToken cancellation)
    {
        if (cancellation.IsCancellationRequested) return ValueTask.FromCanceled(cancellation);
        try
        {
            Enter(canSuspend: true);
        }
        catch (Exception e)
        {
            return ValueTask.FromException(e);
        }
        if (IsNested) return InvokeNested(function, arguments);
        if (function is HostFunction host) return InvokeHostAsync(host, arguments, cancellation);

        var wasm = (WasmFunction)function;
        var registration = default(CancellationTokenRegistration);
        Activation activation;
        bool completed;
        try
        {
            activation = Begin(wasm, arguments);
            Suspension.CancellationToken = cancellation;
            if (cancellation.CanBeCanceled) registration = cancellation.UnsafeRegister(static s => ((Store)s!).RequestInterrupt(), store);
            completed = RunOrUnwind(wasm, 0, activation.FramePointer, activation, CallMode.Async);
        }
        catch (Exception e)
        {
            FinishCancellation(registration);
            Exit();
            return ValueTask.FromException(e);
        }
        if (completed)
        {
            CompleteActivation(wasm, activation);
            FinishCancellation(registration);
            Exit();
            return default;
        }
        Suspension.Activation = activation;
        ReleaseToSuspended(SuspendedKind.Async);
        return ContinueAsync(wasm, registration);
    }

    /// <summary>
    /// A suspendable call made by a host function back into its own store: the outer call's frames are on the .NET
    /// stack, so this one cannot suspend; it runs as a synchronous call (a pending async import fails it).
    /// </summary>
    private ValueTask InvokeNested(Function function, ReadOnlySpan<ulong> arguments)
    {
        try
        {
            var count = function.Type.CallSlotCount;
            var buffer = count <= 16 ? stackalloc ulong[count] : new ulong[count];
            arguments[..function.Type.ParameterSlotCount].CopyTo(buffer);
            RunToCompletion(function, buffer);
            buffer[..function.Type.ResultSlotCount].CopyTo(Suspension.EnsureCallResults(count));
            return default;
        }
        catch (Exception e)
        {
            return ValueTask.FromException(e);
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>
    /// Waits for what the call is suspended on, then resumes it, until it completes. Continuations run in the
    /// caller's context (no ConfigureAwait(false)): the WebAssembly call continues where its caller awaits it, as a
    /// synchronous call runs on its caller's thread.
    /// </summary>
    private async ValueTask ContinueAsync(WasmFunction entry, CancellationTokenRegistration registration)
    {
        var activation = Suspension.Activation;
        try
        {
            while (true)
            {
                Exception? failure = null;
                try
                {
                    if (Suspension.Reason == SuspendReason.AsyncHost) await WaitForHost(Suspension.PendingHostCall!, Suspension.CancellationToken);
                    else await YieldAsync();
                }
                catch (Exception e)
                {
                    failure = e;
                }

                // A synchronous call may be running in the store meanwhile: wait for it to return the store.
                await ReacquireSuspendedAsync();
                ownership.SuspendedKind = SuspendedKind.None;
                var completed = false;
                var left = true;
                try
                {
                    if (failure is not null) ThrowFromSuspension(failure, activation);
                    if (Suspension.CancellationToken.IsCancellationRequested) ThrowCancelled(Suspension.ResumeFunction!, Suspension.ResumePc - 1);
                    if (Suspension.Reason == SuspendReason.AsyncHost)
                    {
                        var host = Suspension.Host!;
                        var count = host.Type.CallSlotCount;
                        Suspension.PendingHostCall!.WriteResults(store, Frames.Slots.AsSpan(Suspension.HostResultBase, count));
                    }
                    Suspension.Clear();
                    completed = RunOrUnwind(Suspension.ResumeFunction!, Suspension.ResumePc, Suspension.ResumeFramePointer, activation, CallMode.Async);
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
                if (completed)
                {
                    CompleteActivation(entry, activation);
                    Exit();
                    return;
                }
                ReleaseToSuspended(SuspendedKind.Async);
            }
        }
        finally
        {
            FinishCancellation(registration);
        }
    }

    /// <summary>
    /// A yield point: awaits the store's <see cref="Store.AsyncYield"/> hook (or <see cref="Task.Yield"/>). The hook
    /// gets the call's token; if it does not stop when the token is cancelled, the wait stops anyway.
    /// </summary>
    private ValueTask YieldAsync()
    {
        if (store.AsyncYield is not { } hook) return YieldToScheduler();
        var yielding = hook(store, Suspension.CancellationToken);
        if (yielding.IsCompleted || !Suspension.CancellationToken.CanBeCanceled) return yielding;
        return new ValueTask(yielding.AsTask().WaitAsync(Suspension.CancellationToken));
    }

    /// <summary>Waits for a pending host call; a cancellation stops the wait (the host's task is left to finish alone).</summary>
    private static async ValueTask WaitForHost(PendingHostCall call, CancellationToken cancellation)
    {
        if (!cancellation.CanBeCanceled) await call.WaitAsync();
        else await call.WaitAsync().AsTask().WaitAsync(cancellation);
    }

    private static async ValueTask YieldToScheduler() => await Task.Yield();

    /// <summary>An async call of a host function itself (not from WebAssembly): no frames, but the store stays busy.</summary>
    private ValueTask InvokeHostAsync(HostFunction host, ReadOnlySpan<ulong> arguments, CancellationToken cancellation)
    {
        var count = host.Type.CallSlotCount;
        var buffer = Suspension.EnsureCallResults(count);
        arguments[..host.Type.ParameterSlotCount].CopyTo(buffer);
        PendingHostCall? pending = null;
        Exception? failure = null;
        try
        {
            if (host is not AsyncHostFunction asyncHost) HostCalls.InvokeDirectly(this, host, buffer.AsSpan(0, count));
            else if (asyncHost.TryStart(new Caller(store, null), buffer.AsSpan(0, count), out pending)) pending = null;
        }
        catch (Exception e)
        {
            failure = e;
        }
        if (failure is not null)
        {
            Exit();
            return ValueTask.FromException(failure is WasmException ? failure : new TrapException(TrapCode.HostError, $"{host} failed: {failure.Message}", failure));
        }
        if (pending is null)
        {
            Exit();
            return default;
        }
        ReleaseToSuspended(SuspendedKind.Async);
        return AwaitHost(host, pending, count, cancellation);
    }

    private async ValueTask AwaitHost(HostFunction host, PendingHostCall call, int count, CancellationToken cancellation)
    {
        Exception? failure = null;
        try
        {
            await WaitForHost(call, cancellation);
        }
        catch (Exception e)
        {
            failure = e;
        }
        await ReacquireSuspendedAsync();
        try
        {
            ownership.SuspendedKind = SuspendedKind.None;
            if (failure is OperationCanceledException && cancellation.IsCancellationRequested) throw failure;
            if (failure is not null) throw failure as WasmException ?? new TrapException(TrapCode.HostError, $"{host} failed: {failure.Message}", failure);
            call.WriteResults(store, Suspension.EnsureCallResults(count).AsSpan(0, count));
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>
    /// What the suspended call waited for failed. The call's own cancellation stays an
    /// <see cref="OperationCanceledException"/>; a host failure becomes the trap it would be in a synchronous call.
    /// </summary>
    private void ThrowFromSuspension(Exception failure, Activation activation)
    {
        Traps.Function = Suspension.ResumeFunction;
        Traps.Pc = Suspension.ResumePc - 1;
        if (failure is OperationCanceledException && Suspension.CancellationToken.IsCancellationRequested) throw failure;
        var trap = failure switch
        {
            TrapException t => t,
            WasmException => null,
            _ => new TrapException(TrapCode.HostError, $"{(Suspension.Host is { } host ? host.ToString() : "the async yield hook")} failed: {failure.Message}", failure),
        };
        if (trap is null) throw failure;
        AppendBacktrace(trap, activation.EntryFrames);
        throw trap;
    }

    private void FinishCancellation(CancellationTokenRegistration registration)
    {
        registration.Dispose();
        Suspension.CancellationToken = default;
        if (store.InterruptRequested) store.ClearInterrupt();
    }

    // ---- shared ----

    /// <summary>
    /// Runs; when an exception leaves, adds the backtrace (in a filter, before anything unwinds) and unwinds the
    /// activation. Host-code failures the interpreter called directly become traps.
    /// </summary>
    private bool RunOrUnwind(WasmFunction function, int pc, int framePointer, Activation activation, CallMode mode)
    {
        TrapException? converted = null;
        var left = true;
        try
        {
            var completed = Run(function, pc, framePointer, activation.EntryFrames, mode);
            left = false;
            return completed;
        }
        catch (Exception e) when (OnUnwinding(e, activation.EntryFrames, out converted))
        {
            // Only a failure of host code the interpreter itself called (a resource limiter) stops here.
        }
        finally
        {
            if (left) Unwind(activation);
        }
        throw converted!;
    }

    private void CompleteActivation(WasmFunction entry, Activation activation)
    {
        var count = entry.Code.ResultCount;
        Frames.Slots.AsSpan(activation.FramePointer, count).CopyTo(Suspension.EnsureCallResults(count));
        Unwind(activation);
    }
}
