using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using WasmBind.Jit;
using WasmBind.Runtime;

namespace WasmBind.Execution;

/// <summary>
/// A store's interpreter, coordinating its parts: the frames and slots (<see cref="FrameStack"/>), trap sites and
/// backtraces (<see cref="TrapRecorder"/>), the state of a suspended call (<see cref="SuspensionState"/>), which
/// thread owns the store (<see cref="StoreOwnership"/>), fuel and epoch slow paths (<see cref="FuelAndEpochChecks"/>)
/// and host calls (<see cref="HostCalls"/>). It runs the calls: the interpreter loop (<see cref="Run"/>), the
/// synchronous, async and resumable entry points, and the compiled tier's services.
/// WebAssembly calls never recurse on the .NET stack; only a host function that calls back into WebAssembly nests a
/// new <see cref="Run"/>, and that nesting is bounded. Because the frames are data, an async or resumable call can
/// stop, return to its caller, and later continue where it stopped.
/// The parts are structs embedded by value, so reaching them costs what reaching a field of the stack itself does.
/// </summary>
internal sealed partial class ExecutionStack
{
    private readonly Store store;
    private readonly int maxReentryDepth;
    /// <summary>Relaxed SIMD takes the hardware's choice (<see cref="EngineConfig.RelaxedSimdNative"/>).</summary>
    private readonly bool relaxedSimdNative;
    private readonly FuelAndEpochChecks checks;

    /// <summary>Every active frame's slots and return records.</summary>
    internal FrameStack Frames;

    /// <summary>Where the innermost trap happened, for its backtrace, and the last usage error thrown.</summary>
    internal TrapRecorder Traps;

    /// <summary>The suspended async or resumable call, if any.</summary>
    internal SuspensionState Suspension = new();

    private StoreOwnership ownership = new();

    public ExecutionStack(Store store)
    {
        this.store = store;
        var config = store.Engine.Config;
        maxReentryDepth = config.MaxHostReentryDepth;
        relaxedSimdNative = config.RelaxedSimdNative;
        checks = new FuelAndEpochChecks(store, config.ConsumeFuel);
        Frames = new FrameStack(config.MaxCallDepth, config.MaxValueStackSlots);
    }

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
        if (ownership.Depth > maxReentryDepth + 1)
        {
            throw new TrapException(TrapCode.CallStackExhausted,
                $"call stack exhausted: host functions re-entered WebAssembly more than {maxReentryDepth} levels deep (EngineConfig.MaxHostReentryDepth)");
        }
        if (function is HostFunction host)
        {
            HostCalls.InvokeDirectly(this, host, arguments);
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
            Frames.Slots.AsSpan(activation.FramePointer, wasm.Code.ResultCount).CopyTo(arguments);
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
        Traps.Function = null;
        Frames.Count = entryFrames;
        return converted is not null;
    }

    /// <summary>Places the arguments of an outermost call at the top of the slots and clears its locals.</summary>
    private Activation Begin(WasmFunction wasm, ReadOnlySpan<ulong> arguments)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw new TrapException(TrapCode.CallStackExhausted, "call stack exhausted: host and WebAssembly calls nest too deeply");
        EnsureSlots(Frames.Top + (long)wasm.Code.FrameSize, null, 0);
        return Frames.Begin(wasm.Code, arguments);
    }

    /// <summary>Drops an activation's frames. A suspended call below it (if any) keeps its state.</summary>
    private void Unwind(Activation activation)
    {
        Frames.Unwind(activation);
        Traps.Function = null;
    }

    // The slow paths below stay calls (NoInlining), as they were before the split: inlined into Run they add spills
    // and locals to the whole loop (measured: fib(30) ~8% slower with them inlined).

    /// <summary>Makes room for slots up to <paramref name="required"/>, trapping past the configured limit.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void EnsureSlots(long required, WasmFunction? function, int pc)
    {
        if (!Frames.TryEnsureSlots(required)) ThrowTrap(TrapCode.CallStackExhausted, function, pc);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void PushFrame(WasmFunction function, int returnPc, int framePointer) => Frames.Push(function, returnPc, framePointer);

    // Inlined: Run calls HostCalls directly, one call as before the split.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private HostOutcome CallHost(HostFunction host, int basePointer, WasmFunction caller, int callerFramePointer, int pc, CallMode mode) =>
        HostCalls.CallFromWasm(this, host, basePointer, caller, callerFramePointer, pc, mode);

    private HostOutcome OnHostFailure(HostFunction host, Exception failure, int basePointer, WasmFunction caller, int pc, CallMode mode) =>
        HostCalls.OnFailure(this, host, failure, basePointer, caller, pc, mode);

    private bool MarkTrapSite(WasmFunction caller, int pc) => HostCalls.MarkTrapSite(this, caller, pc);

    [DoesNotReturn]
    private void AbandonPending(HostFunction host, PendingHostCall pending) => HostCalls.AbandonPending(this, host, pending);

    private bool IsHostCodeFailure(Exception e) => Traps.IsHostCodeFailure(e, store);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowTrap(TrapCode code, WasmFunction? function, int pc) => Traps.Throw(code, function, pc);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowCancelled(WasmFunction function, int pc) => Traps.ThrowCancelled(function, pc, Suspension.CancellationToken);

    /// <summary>Adds the recorded trap site and this activation's frames (since <paramref name="entryFrames"/>) to the backtrace.</summary>
    private void AppendBacktrace(TrapException trap, int entryFrames) => Traps.AppendBacktrace(trap, Frames.Since(entryFrames));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private CheckOutcome OnFuelCheckpoint(long units, CallMode mode, WasmFunction function, int pc) =>
        checks.OnFuelCheckpoint(units, mode, function, pc, ref Suspension, ref Traps);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private CheckOutcome OutOfFuel(CallMode mode, WasmFunction function, int pc) =>
        FuelAndEpochChecks.OutOfFuel(mode, function, pc, ref Suspension, ref Traps);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool TryChargeBulk(ulong count, int unitsPerFuel) => checks.TryChargeBulk(count, unitsPerFuel, ref Suspension);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private CheckOutcome OnEpochDeadline(CallMode mode, WasmFunction function, int pc) =>
        checks.OnEpochDeadline(mode, function, pc, ref Suspension, ref Traps);

    // ---- store ownership ----

    /// <summary>
    /// Claims the store for work other than a call (instantiation), with the same check as every call: throws if
    /// another thread is inside the store. Pair with <see cref="ExitStore"/>.
    /// </summary>
    public void EnterStore() => Enter();

    /// <summary>Releases the claim taken by <see cref="EnterStore"/>.</summary>
    public void ExitStore() => Exit();

    /// <summary>True while a host function has called back into the store (the current call is not the outermost).</summary>
    private bool IsNested => ownership.IsNested;

    /// <summary>
    /// Claims the store for this thread (<see cref="StoreOwnership.Enter"/>); a suspendable call that supersedes a
    /// suspended resumable call drops that call's frames.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Enter(bool canSuspend = false)
    {
        if (ownership.Enter(canSuspend)) DropSuspendedResumable();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Exit() => ownership.Exit();

    private void ReleaseToSuspended(SuspendedKind kind) => ownership.ReleaseToSuspended(kind);

    private void ReacquireSuspended() => ownership.ReacquireSuspended();

    /// <summary>
    /// A suspended async call continues (possibly on another thread, after an await). If a synchronous call is
    /// running in the store meanwhile, waits (without blocking a thread) until it returns the store.
    /// </summary>
    private ValueTask ReacquireSuspendedAsync() => ownership.TryReacquireSuspended() ? default : WaitForStore();

    private async ValueTask WaitForStore()
    {
        while (ownership.ReacquireOrWaitForHandover() is { } handedOver) await handedOver;
    }
}
