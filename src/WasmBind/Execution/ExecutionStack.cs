using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using WasmBind.Jit;
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

/// <summary>Which kind of call is suspended in a store.</summary>
internal enum SuspendedKind : byte { None, Async, Resumable }

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

    private readonly Store store;
    private readonly int maxCallDepth;
    private readonly int maxReentryDepth;
    private readonly int maxSlots;
    /// <summary>Relaxed SIMD takes the hardware's choice (<see cref="EngineConfig.RelaxedSimdNative"/>).</summary>
    private readonly bool relaxedSimdNative;
    private readonly bool consumeFuel;

    private ulong[] slots = new ulong[InitialSlots];
    private Frame[] frames = new Frame[InitialFrames];
    private int frameCount;

    /// <summary>First slot above every active frame: where a nested call from a host function starts its frame.</summary>
    private int stackTop;

    /// <summary>The last usage error the interpreter threw, so the unwinding filters let it pass unchanged.</summary>
    private Exception? usageError;

    // Where the innermost trap happened, recorded by the throwing code for the backtrace.
    private WasmFunction? trapFunction;
    private int trapPc;

    // The suspended call, if any: where to continue and what it waits for.
    private SuspendReason suspendReason;
    private WasmFunction? resumeFunction;
    private int resumePc;
    private int resumeFramePointer;
    private HostFunction? suspendedHost;
    /// <summary>For an out-of-fuel suspension: the fuel the instruction it stopped at needs to go on.</summary>
    private ulong requiredFuel;
    private int hostResultBase;
    private Exception? suspendedHostError;
    private PendingHostCall? pendingHostCall;

    public ExecutionStack(Store store)
    {
        this.store = store;
        maxCallDepth = store.Engine.Config.MaxCallDepth;
        maxReentryDepth = store.Engine.Config.MaxHostReentryDepth;
        maxSlots = store.Engine.Config.MaxValueStackSlots;
        relaxedSimdNative = store.Engine.Config.RelaxedSimdNative;
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
            RunToCompletion(function, arguments);
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>
    /// The body of a synchronous call, once the store is entered. A trap passes through without being caught here:
    /// an exception filter adds this activation's frames to its backtrace while the frames still exist, so unwinding
    /// through many host re-entries costs one exception dispatch, not one per level (each catch-and-rethrow would
    /// run on top of the stack left by the previous one, and deep re-entry would overflow the .NET stack).
    /// </summary>
    private void RunToCompletion(Function function, Span<ulong> arguments)
    {
        if (ownerDepth > maxReentryDepth + 1)
        {
            throw new TrapException(TrapCode.CallStackExhausted,
                $"call stack exhausted: host functions re-entered WebAssembly more than {maxReentryDepth} levels deep (EngineConfig.MaxHostReentryDepth)");
        }
        if (function is HostFunction host)
        {
            InvokeHostDirectly(host, arguments);
            return;
        }
        var wasm = (WasmFunction)function;
        if (wasm.Code.CompiledBody is { } body)
        {
            RunCompiledEntry(wasm, body, arguments);
            return;
        }
        TierUp.CountCall(wasm, wasm.Code);
        var activation = Begin(wasm, arguments);
        TrapException? converted = null;
        try
        {
            Run(wasm, 0, activation.FramePointer, activation.EntryFrames, CallMode.Sync);
            slots.AsSpan(activation.FramePointer, wasm.Code.ResultCount).CopyTo(arguments);
        }
        catch (Exception e) when (OnUnwinding(e, activation.EntryFrames, out converted))
        {
            // Only a failure of host code the interpreter itself called (a resource limiter) stops here.
        }
        finally
        {
            Unwind(activation);
        }
        if (converted is not null) throw converted;
    }

    /// <summary>
    /// Exception filter for an activation being left by an exception, run before anything is unwound. Adds the
    /// activation's frames to a trap's backtrace and hides them from the activations outside it. Returns true (catch)
    /// only for an exception from host code that the interpreter called directly, with the trap that replaces it.
    /// </summary>
    private bool OnUnwinding(Exception e, int entryFrames, out TrapException? converted)
    {
        converted = null;
        if (e is TrapException trap)
        {
            AppendBacktrace(trap, entryFrames);
        }
        else if (IsHostCodeFailure(e))
        {
            converted = new TrapException(TrapCode.HostError, $"host code called by the runtime failed: {e.Message}", e);
            AppendBacktrace(converted, entryFrames);
        }
        trapFunction = null;
        frameCount = entryFrames;
        return converted is not null;
    }

    /// <summary>
    /// True for an exception thrown by host code (a host function, a resource limiter, an epoch callback) rather
    /// than by the runtime: not a <see cref="WasmException"/>, not this store's own cancellation and not a usage
    /// error the interpreter raised itself.
    /// </summary>
    private bool IsHostCodeFailure(Exception e) =>
        e is not WasmException
        && !(e is OperationCanceledException && store.InterruptRequested)
        && !ReferenceEquals(e, usageError);

    /// <summary>Throws a usage error (a misuse by the embedder) that must reach the caller as it is, not as a trap.</summary>
    [DoesNotReturn]
    private void ThrowUsageError(string message)
    {
        var error = new InvalidOperationException(message);
        usageError = error;
        throw error;
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
        Exception? failure = null;
        try
        {
            if (host is AsyncHostFunction asyncHost)
            {
                if (!asyncHost.TryStart(new Caller(store, null), arguments, out var pending)) AbandonPending(host, pending!);
            }
            else
            {
                host.Invoke(new Caller(store, null), arguments);
            }
        }
        catch (Exception e) when (e is not WasmException && !ReferenceEquals(e, usageError))
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
    private void AbandonPending(HostFunction host, PendingHostCall pending)
    {
        _ = pending.WaitAsync().AsTask().ContinueWith(static t => _ = t.Exception, CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        ThrowUsageError(
            $"WebAssembly called the async import {host.Name ?? host.ToString()} from a synchronous call, and its task did not complete at once; "
            + "a synchronous call cannot wait for it without blocking. Call the export with CallAsync (with generated bindings, declare the "
            + "interface member async: return Task, ValueTask or ValueTask<T>).");
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
        var count = type.CallSlotCount;
        var asyncHost = host as AsyncHostFunction;
        // An async import is a check point: a cancelled call stops here even if the import would finish at once.
        if (asyncHost is not null && cancellationToken.IsCancellationRequested) ThrowCancelled(caller, pc);

        var savedTop = stackTop;
        var before = slots;
        stackTop = callerFramePointer + caller.Code.FrameSize;
        Exception? failure = null;
        try
        {
            var span = slots.AsSpan(basePointer, count);
            if (asyncHost is not null)
            {
                if (!asyncHost.TryStart(new Caller(store, caller.Instance), span, out var pending))
                {
                    if (mode != CallMode.Async)
                    {
                        trapFunction = caller;
                        trapPc = pc;
                        AbandonPending(host, pending!);
                    }
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
        catch (TrapException) when (MarkTrapSite(caller, pc))
        {
            // Never entered: the filter only records where the trap left this activation's code.
        }
        catch (Exception e) when (IsHostCodeFailure(e))
        {
            failure = e;
        }
        finally
        {
            stackTop = savedTop;
        }
        if (failure is not null) return OnHostFailure(host, failure, basePointer, caller, pc, mode);
        // A nested call may have grown (reallocated) the slots while the host wrote results into the old array.
        if (!ReferenceEquals(before, slots)) before.AsSpan(basePointer, type.ResultSlotCount).CopyTo(slots.AsSpan(basePointer));
        return HostOutcome.Done;
    }

    private bool MarkTrapSite(WasmFunction caller, int pc)
    {
        trapFunction = caller;
        trapPc = pc;
        return false;
    }

    /// <summary>
    /// A host function threw. A resumable call suspends when the host asked for it (<see cref="SuspendCallException"/>),
    /// or on any error if the store says so; everything else traps with the error as the inner exception. Runs after
    /// the catch block has finished, so the trap's dispatch does not stack on the host exception's.
    /// </summary>
    private HostOutcome OnHostFailure(HostFunction host, Exception failure, int basePointer, WasmFunction caller, int pc, CallMode mode)
    {
        if (mode == CallMode.Resumable && (failure is SuspendCallException || store.AnyHostErrorSuspendsResumableCalls))
        {
            suspendedHost = host;
            suspendedHostError = failure;
            hostResultBase = basePointer;
            suspendReason = SuspendReason.HostError;
            return HostOutcome.Suspend;
        }
        trapFunction = caller;
        trapPc = pc;
        throw new TrapException(TrapCode.HostError, $"{host} failed: {failure.Message}", failure);
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
            requiredFuel = (ulong)units;
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
        if (store.FuelRemaining < cost)
        {
            requiredFuel = (ulong)cost;
            return false;
        }
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
                var action = CallEpochCallback(function, pc);
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

    /// <summary>Runs the store's epoch callback; its failure is a trap like a failing host function's.</summary>
    private EpochDeadlineAction CallEpochCallback(WasmFunction function, int pc)
    {
        Exception? failure = null;
        try
        {
            return store.EpochCallback!(store);
        }
        catch (Exception e) when (IsHostCodeFailure(e))
        {
            failure = e;
        }
        trapFunction = function;
        trapPc = pc;
        throw new TrapException(TrapCode.HostError, $"the epoch deadline callback failed: {failure.Message}", failure);
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
