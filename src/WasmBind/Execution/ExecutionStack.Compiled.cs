using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using WasmBind.Compilation;
using WasmBind.Jit;
using WasmBind.Runtime;

namespace WasmBind.Execution;

/// <summary>
/// The store-side services of the compiled tier (see docs/architecture.md, "The compiled tier"). Compiled code keeps
/// its locals in IL locals and calls these methods only at calls, traps, fuel and epoch slow paths, memory growth and
/// the rare instructions it delegates to the interpreter's own implementation.
/// A compiled function pushes the same return records as the interpreter for the calls it makes, so backtraces,
/// <see cref="EngineConfig.MaxCallDepth"/> and trap unwinding work unchanged; it nests on the .NET stack, so every
/// compiled call also checks <see cref="RuntimeHelpers.TryEnsureSufficientExecutionStack"/>.
/// Compiled code only runs in synchronous calls: async and resumable calls stay in the interpreter, where a call
/// can suspend.
/// </summary>
internal sealed partial class ExecutionStack
{
    /// <summary>
    /// The lowest .NET stack address compiled frames may use before the next
    /// <see cref="RuntimeHelpers.TryEnsureSufficientExecutionStack"/>: <see cref="StackBudgetPerCheck"/> bytes below
    /// where that check last succeeded (it guarantees far more). A compiled function compares its frame's address,
    /// less an upper bound of the frame, with this on entry, a load and a compare, and checks the real stack only
    /// below it, not on every call.
    /// </summary>
    internal nuint StackLimit;

    private const uint StackBudgetPerCheck = 48 * 1024;

    internal Store Store => store;

    /// <summary>The stack budget of a compiled function is spent: check the real stack and start a new budget, or trap.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal void CompiledStackCheck(WasmFunction function)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack()) ThrowTrap(TrapCode.CallStackExhausted, function, 0);
        ResetStackLimit();
    }

    /// <summary>Starts a new budget below this point; call right after a successful stack check.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private unsafe void ResetStackLimit()
    {
        byte probe = 0;
        StackLimit = (nuint)(&probe) - StackBudgetPerCheck;
    }

    /// <summary>Before a compiled call: the call-depth limit, then the caller's return record (for backtraces).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void CompiledPush(WasmFunction caller, int pc)
    {
        var depth = Frames.Count;
        var records = Frames.Frames;
        if (depth + 1 >= Frames.MaxCallDepth || (uint)depth >= (uint)records.Length)
        {
            CompiledPushSlow(caller, pc);
            return;
        }
        // A call site calling again at the same depth (a loop's calls, recursion) finds its record still there from
        // the last time: rewriting it would cost a GC write barrier on every call.
        ref var record = ref records[depth];
        if (!ReferenceEquals(record.Function, caller) || record.ReturnPc != pc + 1 || record.FramePointer != 0) record = new Frame(caller, pc + 1, 0);
        Frames.Count = depth + 1;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void CompiledPushSlow(WasmFunction caller, int pc)
    {
        if (Frames.Count + 1 >= Frames.MaxCallDepth) ThrowTrap(TrapCode.CallStackExhausted, caller, pc);
        PushFrame(caller, pc + 1, 0);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void CompiledPop() => Frames.Count--;

    /// <summary>A compiled call of a function the caller's module defines: compiled if it is, interpreted otherwise.</summary>
    internal void CompiledCallDefined(WasmFunction caller, int functionIndex, ref ulong arguments)
    {
        var target = Unsafe.As<WasmFunction>(caller.Instance.Functions[functionIndex]);
        var code = target.Code;
        if (code.CompiledBody is { } body) body(this, target, ref arguments);
        else RunInterpretedFromCompiled(target, code, ref arguments);
    }

    /// <summary>The outermost synchronous call of a compiled function: its arguments and results share <paramref name="arguments"/>.</summary>
    private void RunCompiledEntry(WasmFunction wasm, CompiledBody body, Span<ulong> arguments)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw new TrapException(TrapCode.CallStackExhausted, "call stack exhausted: host and WebAssembly calls nest too deeply");
        ResetStackLimit();
        var activation = new Activation(Frames.Count, Frames.Top, Frames.Top);
        TrapException? converted = null;
        try
        {
            body(this, wasm, ref MemoryMarshal.GetReference(arguments));
        }
        catch (Exception e) when (OnUnwinding(e, activation.EntryFrames, out converted))
        {
            // Only a failure of host code the runtime itself called (a resource limiter) stops here.
        }
        finally
        {
            Unwind(activation);
        }
        if (converted is not null) throw converted;
    }

    /// <summary>
    /// The interpreter calls a compiled function: the arguments move from the caller's operand slots to a buffer on
    /// the .NET stack (the slot array may be reallocated by anything the callee calls), and the results move back.
    /// </summary>
    private void CallCompiledFromInterpreter(CompiledBody body, WasmFunction target, WasmFunction caller, int returnPc, int framePointer, int calleeBase)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack()) ThrowTrap(TrapCode.CallStackExhausted, caller, returnPc - 1);
        ResetStackLimit();
        var code = target.Code;
        var count = Math.Max(code.ParameterCount, code.ResultCount);
        var buffer = count <= 16 ? stackalloc ulong[16] : new ulong[count];
        Frames.Slots.AsSpan(calleeBase, code.ParameterCount).CopyTo(buffer);
        PushFrame(caller, returnPc, framePointer);
        var savedTop = Frames.Top;
        // Nested interpreted calls and host calls of the callee start above the caller's frame.
        Frames.Top = framePointer + caller.Code.FrameSize;
        body(this, target, ref MemoryMarshal.GetReference(buffer));
        Frames.Top = savedTop;
        Frames.Count--;
        buffer[..code.ResultCount].CopyTo(Frames.Slots.AsSpan(calleeBase));
    }

    /// <summary>A compiled function calls <paramref name="callee"/> (any function) with the arguments in <paramref name="arguments"/>.</summary>
    internal void CompiledCall(WasmFunction caller, int pc, Function callee, ref ulong arguments)
    {
        if (callee is WasmFunction target)
        {
            CompiledPush(caller, pc);
            var code = target.Code;
            if (code.CompiledBody is { } body) body(this, target, ref arguments);
            else RunInterpretedFromCompiled(target, code, ref arguments);
            Frames.Count--;
        }
        else
        {
            CallHostFromCompiled((HostFunction)callee, ref arguments, caller, pc);
        }
    }

    /// <summary>A compiled function calls one that is not compiled (yet): a nested synchronous interpreter run.</summary>
    private void RunInterpretedFromCompiled(WasmFunction target, CompiledFunction code, ref ulong arguments)
    {
        TierUp.CountCall(target, code);
        var framePointer = Frames.Top;
        EnsureSlots(framePointer + (long)code.FrameSize, target, 0);
        MemoryMarshal.CreateSpan(ref arguments, code.ParameterCount).CopyTo(Frames.Slots.AsSpan(framePointer));
        Frames.Slots.AsSpan(framePointer + code.ParameterCount, code.LocalCount - code.ParameterCount).Clear();
        Frames.Top = framePointer + code.FrameSize;
        try
        {
            Run(target, 0, framePointer, Frames.Count, CallMode.Sync);
        }
        finally
        {
            Frames.Top = framePointer;
        }
        Frames.Slots.AsSpan(framePointer, code.ResultCount).CopyTo(MemoryMarshal.CreateSpan(ref arguments, code.ResultCount));
    }

    private void CallHostFromCompiled(HostFunction host, ref ulong arguments, WasmFunction caller, int pc)
    {
        var type = host.Type;
        var count = Math.Max(type.Parameters.Count, type.Results.Count);
        var asyncHost = host as AsyncHostFunction;
        if (asyncHost is not null && Suspension.CancellationToken.IsCancellationRequested) ThrowCancelled(caller, pc);
        var basePointer = Frames.Top;
        EnsureSlots(basePointer + (long)count, caller, pc);
        MemoryMarshal.CreateSpan(ref arguments, type.Parameters.Count).CopyTo(Frames.Slots.AsSpan(basePointer));
        Frames.Top = basePointer + count;
        var before = Frames.Slots;
        Exception? failure = null;
        try
        {
            var span = Frames.Slots.AsSpan(basePointer, count);
            if (asyncHost is not null)
            {
                if (!asyncHost.TryStart(new Caller(store, caller.Instance), span, out var pending))
                {
                    Traps.Function = caller;
                    Traps.Pc = pc;
                    AbandonPending(host, pending!);
                }
            }
            else
            {
                host.Invoke(new Caller(store, caller.Instance), span);
            }
        }
        catch (TrapException) when (MarkTrapSite(caller, pc))
        {
            // Never entered: the filter only records where the trap left this function.
        }
        catch (Exception e) when (IsHostCodeFailure(e))
        {
            failure = e;
        }
        finally
        {
            Frames.Top = basePointer;
        }
        if (failure is not null) OnHostFailure(host, failure, basePointer, caller, pc, CallMode.Sync);
        // The host wrote its results into the array it was given, which a nested call may have replaced since.
        before.AsSpan(basePointer, type.Results.Count).CopyTo(MemoryMarshal.CreateSpan(ref arguments, type.Results.Count));
    }

    /// <summary>
    /// The checks of <c>call_indirect</c>, as <see cref="ResolveIndirectCallee"/> does them for the interpreter, inlined
    /// into compiled code; <paramref name="typeId"/> is the engine's id of the expected type. A failed check traps in
    /// <see cref="CompiledIndirectFailure"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal Function CompiledResolveIndirect(WasmFunction function, int pc, int tableIndex, int typeId, uint index)
    {
        var table = function.Instance.Tables[tableIndex];
        if (index < (uint)table.Count)
        {
            var reference = table.Elements[index];
            if (reference != 0)
            {
                var callee = store.GetFunctionByHandle((int)(reference - 1));
                if (callee.TypeId == typeId) return callee;
            }
        }
        return CompiledIndirectFailure(function, pc, tableIndex, index);
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private Function CompiledIndirectFailure(WasmFunction function, int pc, int tableIndex, uint index)
    {
        var table = function.Instance.Tables[tableIndex];
        if (index >= (uint)table.Count) ThrowTrap(TrapCode.UndefinedElement, function, pc);
        if (table.Elements[index] == 0) ThrowTrap(TrapCode.UninitializedElement, function, pc);
        ThrowTrap(TrapCode.IndirectCallTypeMismatch, function, pc);
        return null!;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal void CompiledTrap(TrapCode code, WasmFunction function, int pc) => ThrowTrap(code, function, pc);

    /// <summary>
    /// An access at [address, end) failed the check against the cached length: re-read it (another thread may have
    /// grown a shared memory) and trap if the access is still out of bounds. Returns the current length.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal ulong CompiledMemoryLength(Memory memory, ulong end, WasmFunction function, int pc)
    {
        var length = (ulong)memory.Block.Length;
        if (end > length) ThrowTrap(TrapCode.MemoryOutOfBounds, function, pc);
        return length;
    }

    /// <summary>
    /// An access of an unshared memory failed the check against the cached length, which is current: traps. Compiled
    /// code throws what this returns, so the JIT sees the path end (it never returns: the trap is thrown here).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal Exception CompiledOutOfBounds(WasmFunction function, int pc)
    {
        ThrowTrap(TrapCode.MemoryOutOfBounds, function, pc);
        return null!;
    }

    /// <summary>Fuel fell below the checkpoint after a run's charge: traps when it ran out (synchronous calls cannot suspend).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal void CompiledFuelCheckpoint(long units, WasmFunction function, int pc) => OnFuelCheckpoint(units, CallMode.Sync, function, pc);

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal void CompiledEpochDeadline(WasmFunction function, int pc) => OnEpochDeadline(CallMode.Sync, function, pc);

    /// <summary><c>memory.grow</c> with the interpreter's fuel rule and limits; returns the instruction's result.</summary>
    internal ulong CompiledMemoryGrow(Memory memory, uint delta, WasmFunction function, int pc)
    {
        var charged = memory.IsWithinMaximum(delta) ? Charge((ulong)delta * MemoryType.PageSize, BytesPerFuel) : 0;
        if (charged < 0) OutOfFuel(CallMode.Sync, function, pc);
        var previous = memory.TryGrow(delta);
        if (previous < 0) store.FuelRemaining += charged;
        if (previous < 0 && store.Limits is { TrapOnGrowFailure: true }) ThrowTrap(TrapCode.ResourceLimitExceeded, function, pc);
        return (uint)(int)previous;
    }

    /// <summary>
    /// A frame-sized scratch area above every active frame, where compiled code stores the operands of an instruction
    /// it delegates to the interpreter's implementation (bulk, table and atomic instructions) at their slot indices.
    /// </summary>
    internal ref ulong CompiledScratch(int frameSize, WasmFunction function, int pc)
    {
        EnsureSlots(Frames.Top + (long)frameSize, function, pc);
        return ref Frames.Slots[Frames.Top];
    }

    /// <summary>Reads a result the delegated instruction wrote into the scratch area.</summary>
    internal ulong CompiledScratchSlot(int slot) => Frames.Slots[Frames.Top + slot];

    /// <summary>Runs the bulk or table instruction at <paramref name="pc"/> on the scratch area.</summary>
    internal void CompiledBulk(WasmFunction function, int pc)
    {
        var length = ExecuteBulk(ref Frames.Slots[Frames.Top], ref function.Code.Code[pc], function.Instance, function, pc);
        if (length == 0) OutOfFuel(CallMode.Sync, function, pc);
    }

    /// <summary>Runs the atomic instruction at <paramref name="pc"/> on the scratch area.</summary>
    internal void CompiledAtomic(WasmFunction function, int pc) =>
        ExecuteAtomic(ref Frames.Slots[Frames.Top], ref function.Code.Code[pc], function.Instance.Memories[0], function, pc);
}
