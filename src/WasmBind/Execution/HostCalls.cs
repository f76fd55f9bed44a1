using System.Diagnostics.CodeAnalysis;
using WasmBind.Runtime;

namespace WasmBind.Execution;

/// <summary>
/// Calls of host functions by an <see cref="ExecutionStack"/>: from WebAssembly code (arguments and results share
/// the caller's operand slots, a nested call into WebAssembly starts above the caller's frame) and as the outermost
/// call. Decides what a host failure becomes: a trap with the host's exception inside, a suspension of a resumable
/// call, or a usage error for an async import that a synchronous call cannot wait for.
/// </summary>
internal static class HostCalls
{
    /// <summary>
    /// Calls a host function from WebAssembly. Its arguments and results share the slots at
    /// <paramref name="basePointer"/>; a nested call into WebAssembly starts above the caller's frame.
    /// </summary>
    public static HostOutcome CallFromWasm(ExecutionStack stack, HostFunction host, int basePointer, WasmFunction caller, int callerFramePointer, int pc, CallMode mode)
    {
        var type = host.Type;
        var count = type.CallSlotCount;
        var asyncHost = host as AsyncHostFunction;
        // An async import is a check point: a cancelled call stops here even if the import would finish at once.
        if (asyncHost is not null && stack.Suspension.CancellationToken.IsCancellationRequested)
            stack.Traps.ThrowCancelled(caller, pc, stack.Suspension.CancellationToken);

        ref var frames = ref stack.Frames;
        var savedTop = frames.Top;
        var before = frames.Slots;
        frames.Top = callerFramePointer + caller.Code.FrameSize;
        Exception? failure = null;
        try
        {
            var span = frames.Slots.AsSpan(basePointer, count);
            if (asyncHost is not null)
            {
                if (!asyncHost.TryStart(new Caller(stack.Store, caller.Instance), span, out var pending))
                {
                    if (mode != CallMode.Async)
                    {
                        stack.Traps.Mark(caller, pc);
                        AbandonPending(stack, host, pending!);
                    }
                    stack.Suspension.SuspendAtAsyncHost(host, pending!, basePointer);
                    return HostOutcome.Suspend;
                }
            }
            else
            {
                host.Invoke(new Caller(stack.Store, caller.Instance), span);
            }
        }
        catch (TrapException) when (MarkTrapSite(stack, caller, pc))
        {
            // Never entered: the filter only records where the trap left this activation's code.
        }
        catch (Exception e) when (stack.Traps.IsHostCodeFailure(e, stack.Store))
        {
            failure = e;
        }
        finally
        {
            frames.Top = savedTop;
        }
        if (failure is not null) return OnFailure(stack, host, failure, basePointer, caller, pc, mode);
        // A nested call may have grown (reallocated) the slots while the host wrote results into the old array.
        if (!ReferenceEquals(before, frames.Slots)) before.AsSpan(basePointer, type.ResultSlotCount).CopyTo(frames.Slots.AsSpan(basePointer));
        return HostOutcome.Done;
    }

    /// <summary>An exception filter that records where a trap left WebAssembly code and never catches.</summary>
    public static bool MarkTrapSite(ExecutionStack stack, WasmFunction caller, int pc)
    {
        stack.Traps.Mark(caller, pc);
        return false;
    }

    /// <summary>
    /// A host function threw. A resumable call suspends when the host asked for it (<see cref="SuspendCallException"/>),
    /// or on any error if the store says so; everything else traps with the error as the inner exception. Runs after
    /// the catch block has finished, so the trap's dispatch does not stack on the host exception's.
    /// </summary>
    public static HostOutcome OnFailure(ExecutionStack stack, HostFunction host, Exception failure, int basePointer, WasmFunction caller, int pc, CallMode mode)
    {
        if (mode == CallMode.Resumable && (failure is SuspendCallException || stack.Store.AnyHostErrorSuspendsResumableCalls))
        {
            stack.Suspension.SuspendOnHostError(host, failure, basePointer);
            return HostOutcome.Suspend;
        }
        stack.Traps.Mark(caller, pc);
        throw new TrapException(TrapCode.HostError, $"{host} failed: {failure.Message}", failure);
    }

    /// <summary>The outermost call is a host function: no frames; its failure is a trap with the host's exception inside.</summary>
    public static void InvokeDirectly(ExecutionStack stack, HostFunction host, Span<ulong> arguments)
    {
        Exception? failure = null;
        try
        {
            if (host is AsyncHostFunction asyncHost)
            {
                if (!asyncHost.TryStart(new Caller(stack.Store, null), arguments, out var pending)) AbandonPending(stack, host, pending!);
            }
            else
            {
                host.Invoke(new Caller(stack.Store, null), arguments);
            }
        }
        catch (Exception e) when (e is not WasmException && !ReferenceEquals(e, stack.Traps.UsageError))
        {
            failure = e;
        }
        // Thrown outside the catch block, so the new exception's dispatch does not stack on the old one.
        if (failure is not null) throw new TrapException(TrapCode.HostError, $"{host} failed: {failure.Message}", failure);
    }

    /// <summary>
    /// A synchronous call reached an async host function whose task is really pending: it cannot wait without
    /// blocking its thread, so it fails. The task is left to finish alone (its failure, if any, observed).
    /// </summary>
    [DoesNotReturn]
    public static void AbandonPending(ExecutionStack stack, HostFunction host, PendingHostCall pending)
    {
        _ = pending.WaitAsync().AsTask().ContinueWith(static t => _ = t.Exception, CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        stack.Traps.ThrowUsageError(
            $"WebAssembly called the async import {host.Name ?? host.ToString()} from a synchronous call, and its task did not complete at once; "
            + "a synchronous call cannot wait for it without blocking. Call the export with CallAsync (with generated bindings, declare the "
            + "interface member async: return Task, ValueTask or ValueTask<T>).");
    }
}
