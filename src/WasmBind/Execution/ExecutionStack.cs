using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using WasmBind.Runtime;

namespace WasmBind.Execution;

/// <summary>How a call may behave when it cannot go on at once.</summary>
internal enum CallMode : byte
{
    /// <summary>Runs to completion on the caller's thread; async imports are an error.</summary>
    Sync,
    /// <summary>May suspend at async imports and yield points, resumed by <see cref="ExecutionStack.InvokeAsync"/>.</summary>
    Async,
    /// <summary>May suspend when a host function fails or fuel runs out, resumed by the embedder.</summary>
    Resumable,
}

/// <summary>Why the suspended call stopped.</summary>
internal enum SuspendReason : byte { None, AsyncHost, HostError, OutOfFuel, Yield }

/// <summary>
/// A store's interpreter state: one array of 64-bit value slots holding every active frame's locals and operands,
/// and an array of return records. WebAssembly calls never recurse on the .NET stack; only a host function that
/// calls back into WebAssembly nests a new <see cref="Run"/>, and that nesting is bounded. Because the frames are
/// data, an async or resumable call can stop, return to its caller, and later continue where it stopped.
/// </summary>
internal sealed partial class ExecutionStack
{
    private const int InitialSlots = 1024;
    private const int InitialFrames = 64;
    private const int SuspendedOwner = -1;

    private readonly Store store;
    private readonly int maxCallDepth;
    private readonly int maxSlots;
    private readonly bool consumeFuel;

    private ulong[] slots = new ulong[InitialSlots];
    private Frame[] frames = new Frame[InitialFrames];
    private int frameCount;

    /// <summary>First slot above every active frame: where a nested call from a host function starts its frame.</summary>
    private int stackTop;

    // Which thread is inside the store (0: none, -1: a suspended call holds it) and how deeply it has re-entered.
    private int ownerThread;
    private int ownerDepth;
    /// <summary>The current owner entered while a call was suspended; leaving hands the store back to that call.</summary>
    private bool enteredDuringSuspension;

    // Where the innermost trap happened, recorded by the throwing code for the backtrace.
    private WasmFunction? trapFunction;
    private int trapPc;

    // The suspended call, if any: where to continue and what it waits for.
    private SuspendReason suspendReason;
    private WasmFunction? resumeFunction;
    private int resumePc;
    private int resumeFramePointer;
    private HostFunction? suspendedHost;
    private int hostResultBase;
    private Exception? suspendedHostError;
    private PendingHostCall? pendingHostCall;

    public ExecutionStack(Store store)
    {
        this.store = store;
        maxCallDepth = store.Engine.Config.MaxCallDepth;
        maxSlots = store.Engine.Config.MaxValueStackSlots;
        consumeFuel = store.Engine.Config.ConsumeFuel;
    }

    /// <summary>A suspended caller: where to continue when the callee returns.</summary>
    private readonly record struct Frame(WasmFunction Function, int ReturnPc, int FramePointer);

    /// <summary>The outermost call in progress: where its frames start, so it can be unwound.</summary>
    private readonly record struct Activation(int EntryFrames, int EntryTop, int FramePointer);

    // ---- synchronous calls ----

    /// <summary>
    /// Calls <paramref name="function"/> with its arguments in <paramref name="arguments"/>[0..params), leaving
    /// its results in [0..results). The span must hold at least max(params, results) slots.
    /// </summary>
    public void Invoke(Function function, Span<ulong> arguments)
    {
        Enter();
        try
        {
            if (function is HostFunction host)
            {
                InvokeHostDirectly(host, arguments);
                return;
            }
            var wasm = (WasmFunction)function;
            var activation = Begin(wasm, arguments);
            try
            {
                Run(wasm, 0, activation.FramePointer, activation.EntryFrames, CallMode.Sync);
                slots.AsSpan(activation.FramePointer, wasm.Code.ResultCount).CopyTo(arguments);
            }
            catch (TrapException trap)
            {
                AppendBacktrace(trap, activation.EntryFrames);
                throw;
            }
            finally
            {
                Unwind(activation);
            }
        }
        finally
        {
            Exit();
        }
    }

    // ---- ownership: one thread at a time ----

    /// <summary>
    /// Claims the store for this thread, or throws if another thread holds it. While an async or resumable call is
    /// suspended, a synchronous call may run (it completes above the suspended frames); another call that could
    /// suspend may not.
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
            // A host function called back into WebAssembly on the same thread.
            if (canSuspend && enteredDuringSuspension) throw SuspendedBusy(me);
            ownerDepth++;
            return;
        }
        if (owner == SuspendedOwner && !canSuspend && Interlocked.CompareExchange(ref ownerThread, me, SuspendedOwner) == SuspendedOwner)
        {
            ownerDepth = 1;
            enteredDuringSuspension = true;
            return;
        }
        if (owner == SuspendedOwner) throw SuspendedBusy(me);
        throw new InvalidOperationException(
            $"The store is in use by thread {owner} and was called from thread {me} at the same time. A Store may be used by one thread at a time; give each thread its own Store.");
    }

    private static InvalidOperationException SuspendedBusy(int me) => new(
        $"The store is busy: an async or resumable call is suspended in it (called from thread {me}). Finish or cancel that call before starting another that can suspend.");

    private void Exit()
    {
        if (--ownerDepth != 0) return;
        Volatile.Write(ref ownerThread, enteredDuringSuspension ? SuspendedOwner : 0);
        enteredDuringSuspension = false;
    }

    /// <summary>A call suspends: the store stays busy, owned by the suspended call rather than by a thread.</summary>
    private void ReleaseToSuspended()
    {
        ownerDepth = 0;
        Volatile.Write(ref ownerThread, SuspendedOwner);
    }

    /// <summary>A suspended call resumes, possibly on another thread (after an await).</summary>
    private void ReacquireSuspended()
    {
        var me = Environment.CurrentManagedThreadId;
        var owner = Interlocked.CompareExchange(ref ownerThread, me, SuspendedOwner);
        if (owner != SuspendedOwner)
            throw new InvalidOperationException($"The store's suspended call cannot resume: the store is held by thread {owner}.");
        ownerDepth = 1;
    }

    // ---- frames ----

    /// <summary>Places the arguments of an outermost call at the top of the slots and clears its locals.</summary>
    private Activation Begin(WasmFunction wasm, ReadOnlySpan<ulong> arguments)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw new TrapException(TrapCode.CallStackExhausted, "call stack exhausted: host and WebAssembly calls nest too deeply");
        var activation = new Activation(frameCount, stackTop, stackTop);
        EnsureSlots(activation.FramePointer + (long)wasm.Code.FrameSize, null, 0);
        var parameterCount = wasm.Code.ParameterCount;
        arguments[..parameterCount].CopyTo(slots.AsSpan(activation.FramePointer));
        slots.AsSpan(activation.FramePointer + parameterCount, wasm.Code.LocalCount - parameterCount).Clear();
        return activation;
    }

    /// <summary>Drops an activation's frames. A suspended call below it (if any) keeps its state.</summary>
    private void Unwind(Activation activation)
    {
        frameCount = activation.EntryFrames;
        stackTop = activation.EntryTop;
        trapFunction = null;
    }

    private void InvokeHostDirectly(HostFunction host, Span<ulong> arguments)
    {
        if (host is AsyncHostFunction)
            throw new InvalidOperationException($"{host} is asynchronous; call it with CallAsync.");
        try
        {
            host.Invoke(new Caller(store, null), arguments);
        }
        catch (Exception e) when (e is not WasmException)
        {
            throw new TrapException(TrapCode.HostError, $"{host} failed: {e.Message}", e);
        }
    }

    /// <summary>Makes room for slots up to <paramref name="required"/>, trapping past the configured limit.</summary>
    private void EnsureSlots(long required, WasmFunction? function, int pc)
    {
        if (required <= slots.Length) return;
        if (required > maxSlots) ThrowTrap(TrapCode.CallStackExhausted, function, pc);
        var size = slots.Length;
        while (size < required) size = (int)Math.Min((long)size * 2, maxSlots);
        Array.Resize(ref slots, size);
    }

    private void PushFrame(WasmFunction function, int returnPc, int framePointer)
    {
        if (frameCount == frames.Length) Array.Resize(ref frames, Math.Min(frames.Length * 2, maxCallDepth));
        frames[frameCount++] = new Frame(function, returnPc, framePointer);
    }

    // ---- host calls from WebAssembly ----

    /// <summary>What became of a host call made by the interpreter.</summary>
    private enum HostOutcome : byte { Done, Suspend }

    /// <summary>
    /// Calls a host function from WebAssembly. Its arguments and results share the slots at
    /// <paramref name="basePointer"/>; a nested call into WebAssembly starts above the caller's frame.
    /// </summary>
    private HostOutcome CallHost(HostFunction host, int basePointer, WasmFunction caller, int callerFramePointer, int pc, CallMode mode)
    {
        var type = host.Type;
        var count = Math.Max(type.Parameters.Count, type.Results.Count);
        var asyncHost = host as AsyncHostFunction;
        if (asyncHost is not null && mode != CallMode.Async)
            throw new InvalidOperationException(
                $"WebAssembly called the async import {host.Name ?? host.ToString()} from a synchronous call, which cannot wait for it without blocking; call the export with CallAsync.");
        // An async import is a check point: a cancelled call stops here even if the import would finish at once.
        if (asyncHost is not null && cancellationToken.IsCancellationRequested) ThrowCancelled(caller, pc);

        var savedTop = stackTop;
        var before = slots;
        stackTop = callerFramePointer + caller.Code.FrameSize;
        try
        {
            var span = slots.AsSpan(basePointer, count);
            if (asyncHost is not null)
            {
                if (!asyncHost.TryStart(new Caller(store, caller.Instance), span, out var pending))
                {
                    pendingHostCall = pending;
                    suspendedHost = host;
                    hostResultBase = basePointer;
                    suspendReason = SuspendReason.AsyncHost;
                    return HostOutcome.Suspend;
                }
            }
            else
            {
                host.Invoke(new Caller(store, caller.Instance), span);
            }
        }
        catch (TrapException)
        {
            trapFunction = caller;
            trapPc = pc;
            throw;
        }
        catch (Exception e) when (e is not WasmException)
        {
            if (mode == CallMode.Resumable)
            {
                suspendedHost = host;
                suspendedHostError = e;
                hostResultBase = basePointer;
                suspendReason = SuspendReason.HostError;
                return HostOutcome.Suspend;
            }
            trapFunction = caller;
            trapPc = pc;
            throw new TrapException(TrapCode.HostError, $"{host} failed: {e.Message}", e);
        }
        finally
        {
            stackTop = savedTop;
        }
        // A nested call may have grown (reallocated) the slots while the host wrote results into the old array.
        if (!ReferenceEquals(before, slots)) before.AsSpan(basePointer, type.Results.Count).CopyTo(slots.AsSpan(basePointer));
        return HostOutcome.Done;
    }

    // ---- fuel and epochs (slow paths) ----

    /// <summary>What the interpreter does after a fuel or epoch slow path.</summary>
    private enum CheckOutcome : byte { Continue, SuspendHere, SuspendAfter }

    /// <summary>
    /// Fuel fell below the checkpoint after charging <paramref name="units"/>: either it ran out (undo the charge;
    /// suspend a resumable call, trap otherwise) or an async yield point was reached.
    /// </summary>
    private CheckOutcome OnFuelCheckpoint(long units, CallMode mode, WasmFunction function, int pc)
    {
        if (store.FuelRemaining < 0)
        {
            store.FuelRemaining += units;
            return OutOfFuel(mode, function, pc);
        }
        store.ResetFuelCheckpoint();
        if (mode != CallMode.Async) return CheckOutcome.Continue;
        suspendReason = SuspendReason.Yield;
        return CheckOutcome.SuspendAfter;
    }

    private CheckOutcome OutOfFuel(CallMode mode, WasmFunction function, int pc)
    {
        if (mode == CallMode.Resumable)
        {
            suspendReason = SuspendReason.OutOfFuel;
            return CheckOutcome.SuspendHere;
        }
        ThrowTrap(TrapCode.OutOfFuel, function, pc);
        return CheckOutcome.Continue;
    }

    /// <summary>Charges the extra fuel of a bulk instruction before it runs; false if there is not enough.</summary>
    private bool TryChargeBulk(ulong count, int unitsPerFuel)
    {
        if (!consumeFuel) return true;
        var cost = (long)(count / (ulong)unitsPerFuel) + (count % (ulong)unitsPerFuel == 0 ? 0 : 1);
        if (store.FuelRemaining < cost) return false;
        store.FuelRemaining -= cost;
        return true;
    }

    /// <summary>The engine's epoch reached the store's deadline, or a cancellation forced the check.</summary>
    private CheckOutcome OnEpochDeadline(CallMode mode, WasmFunction function, int pc)
    {
        if (store.InterruptRequested) ThrowCancelled(function, pc);
        switch (store.EpochDeadlinePolicy)
        {
            case Store.EpochPolicy.Callback:
                var action = store.EpochCallback!(store);
                if (action.IsTrap) ThrowTrap(TrapCode.Interrupted, function, pc);
                store.ExtendEpochDeadline(action.Delta);
                return CheckOutcome.Continue;
            case Store.EpochPolicy.AsyncYield:
                store.ExtendEpochDeadline(store.EpochYieldDelta);
                if (mode != CallMode.Async) return CheckOutcome.Continue;
                suspendReason = SuspendReason.Yield;
                return CheckOutcome.SuspendAfter;
            default:
                ThrowTrap(TrapCode.Interrupted, function, pc);
                return CheckOutcome.Continue;
        }
    }

    // ---- traps ----

    [DoesNotReturn]
    private void ThrowCancelled(WasmFunction function, int pc)
    {
        trapFunction = function;
        trapPc = pc;
        throw new OperationCanceledException("The WebAssembly call was cancelled.", cancellationToken);
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowTrap(TrapCode code, WasmFunction? function, int pc)
    {
        trapFunction = function;
        trapPc = pc;
        throw new TrapException(code);
    }

    private void AppendBacktrace(TrapException trap, int entryFrames)
    {
        var backtrace = new List<WasmFrame>(trap.Backtrace);
        if (trapFunction is { } innermost) backtrace.Add(Describe(innermost, trapPc));
        for (var i = frameCount - 1; i >= entryFrames; i--)
        {
            // A return pc points after the call; the call itself is the instruction before it.
            backtrace.Add(Describe(frames[i].Function, frames[i].ReturnPc - 1));
        }
        trap.Backtrace = backtrace;
        trapFunction = null;
    }

    private static WasmFrame Describe(WasmFunction function, int pc)
    {
        var module = function.Instance.Module;
        var index = function.Code.FunctionIndex;
        return new WasmFrame(module.Name, index, module.FunctionName(index), function.Code.ModuleOffsetAt(pc));
    }
}
