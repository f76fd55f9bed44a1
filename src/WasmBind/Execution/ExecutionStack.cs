using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using WasmBind.Runtime;

namespace WasmBind.Execution;

/// <summary>
/// A store's interpreter state: one array of 64-bit value slots holding every active frame's locals and operands,
/// and an array of return records. WebAssembly calls never recurse on the .NET stack; only a host function that
/// calls back into WebAssembly nests a new <see cref="Run"/>, and that nesting is bounded.
/// </summary>
internal sealed partial class ExecutionStack
{
    private const int InitialSlots = 16 * 1024;
    private const int InitialFrames = 256;

    private readonly Store store;
    private readonly int maxCallDepth;
    private readonly int maxSlots;

    private ulong[] slots = new ulong[InitialSlots];
    private Frame[] frames = new Frame[InitialFrames];
    private int frameCount;

    /// <summary>First slot above every active frame: where a nested call from a host function starts its frame.</summary>
    private int stackTop;

    // Where the innermost trap happened, recorded by the throwing code for the backtrace.
    private WasmFunction? trapFunction;
    private int trapPc;

    public ExecutionStack(Store store)
    {
        this.store = store;
        maxCallDepth = store.Engine.Config.MaxCallDepth;
        maxSlots = store.Engine.Config.MaxValueStackSlots;
    }

    /// <summary>A suspended caller: where to continue when the callee returns.</summary>
    private readonly record struct Frame(WasmFunction Function, int ReturnPc, int FramePointer);

    /// <summary>
    /// Calls <paramref name="function"/> with its arguments in <paramref name="arguments"/>[0..params), leaving
    /// its results in [0..results). The span must hold at least max(params, results) slots.
    /// </summary>
    public void Invoke(Function function, Span<ulong> arguments)
    {
        if (function is HostFunction host)
        {
            InvokeHostDirectly(host, arguments);
            return;
        }

        var wasm = (WasmFunction)function;
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw new TrapException(TrapCode.CallStackExhausted, "call stack exhausted: host and WebAssembly calls nest too deeply");

        var entryFrames = frameCount;
        var entryTop = stackTop;
        var framePointer = stackTop;
        try
        {
            EnsureSlots(framePointer + wasm.Code.FrameSize, null, 0);
            var parameterCount = wasm.Code.ParameterCount;
            arguments[..parameterCount].CopyTo(slots.AsSpan(framePointer));
            slots.AsSpan(framePointer + parameterCount, wasm.Code.LocalCount - parameterCount).Clear();
            Run(wasm, framePointer);
            slots.AsSpan(framePointer, wasm.Code.ResultCount).CopyTo(arguments);
        }
        catch (TrapException trap)
        {
            AppendBacktrace(trap, entryFrames);
            throw;
        }
        finally
        {
            frameCount = entryFrames;
            stackTop = entryTop;
            trapFunction = null;
        }
    }

    private void InvokeHostDirectly(HostFunction host, Span<ulong> arguments)
    {
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
        if (frameCount == frames.Length)
        {
            if (frameCount >= maxCallDepth) ThrowTrap(TrapCode.CallStackExhausted, function, returnPc);
            Array.Resize(ref frames, Math.Min(frames.Length * 2, maxCallDepth));
        }
        frames[frameCount++] = new Frame(function, returnPc, framePointer);
    }

    /// <summary>
    /// Calls a host function from WebAssembly. Its arguments and results share the slots at
    /// <paramref name="basePointer"/>; a nested call into WebAssembly starts above the caller's frame.
    /// </summary>
    private void CallHost(HostFunction host, int basePointer, WasmFunction caller, int callerFramePointer, int pc)
    {
        var type = host.Type;
        var count = Math.Max(type.Parameters.Count, type.Results.Count);
        var savedTop = stackTop;
        var before = slots;
        stackTop = callerFramePointer + caller.Code.FrameSize;
        try
        {
            host.Invoke(new Caller(store, caller.Instance), slots.AsSpan(basePointer, count));
        }
        catch (TrapException)
        {
            trapFunction = caller;
            trapPc = pc;
            throw;
        }
        catch (Exception e) when (e is not WasmException)
        {
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
