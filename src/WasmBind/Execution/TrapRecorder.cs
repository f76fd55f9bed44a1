using System.Diagnostics.CodeAnalysis;
using WasmBind.Runtime;

namespace WasmBind.Execution;

/// <summary>
/// Where the innermost trap of a store happened and how its backtrace is built. The throwing code records the
/// function and instruction (a trap is thrown from deep inside the interpreter, where only the loop knows the pc);
/// the exception filters of each activation then add that activation's return records while the frames still exist.
/// Also remembers the last usage error the interpreter threw, so those filters let it pass unchanged. Embedded by
/// value in <see cref="ExecutionStack"/>.
/// </summary>
internal struct TrapRecorder
{
    /// <summary>The function the innermost trap happened in, or null once it is in a backtrace.</summary>
    public WasmFunction? Function;

    /// <summary>The instruction (code index) the innermost trap happened at.</summary>
    public int Pc;

    /// <summary>The last usage error the interpreter threw (a misuse by the embedder, not a trap).</summary>
    public Exception? UsageError;

    /// <summary>Records where a trap leaves WebAssembly code.</summary>
    public void Mark(WasmFunction? function, int pc)
    {
        Function = function;
        Pc = pc;
    }

    /// <summary>Throws the trap <paramref name="code"/> at <paramref name="pc"/> in <paramref name="function"/>.</summary>
    [DoesNotReturn]
    public void Throw(TrapCode code, WasmFunction? function, int pc)
    {
        Mark(function, pc);
        throw new TrapException(code);
    }

    /// <summary>Stops a cancelled call at <paramref name="pc"/>, with the call's own token.</summary>
    [DoesNotReturn]
    public void ThrowCancelled(WasmFunction function, int pc, CancellationToken cancellation)
    {
        Mark(function, pc);
        throw new OperationCanceledException("The WebAssembly call was cancelled.", cancellation);
    }

    /// <summary>Throws a usage error (a misuse by the embedder) that must reach the caller as it is, not as a trap.</summary>
    [DoesNotReturn]
    public void ThrowUsageError(string message)
    {
        var error = new InvalidOperationException(message);
        UsageError = error;
        throw error;
    }

    /// <summary>
    /// True for an exception thrown by host code (a host function, a resource limiter, an epoch callback) rather
    /// than by the runtime: not a <see cref="WasmException"/>, not this store's own cancellation and not a usage
    /// error the interpreter raised itself.
    /// </summary>
    public readonly bool IsHostCodeFailure(Exception e, Store store) =>
        e is not WasmException
        && !(e is OperationCanceledException && store.InterruptRequested)
        && !ReferenceEquals(e, UsageError);

    /// <summary>
    /// Adds the recorded innermost frame (if not added yet) and then <paramref name="callers"/>, innermost last in
    /// the span, to <paramref name="trap"/>'s backtrace.
    /// </summary>
    public void AppendBacktrace(TrapException trap, ReadOnlySpan<Frame> callers)
    {
        var backtrace = new List<WasmFrame>(trap.Backtrace);
        if (Function is { } innermost) backtrace.Add(Describe(innermost, Pc));
        for (var i = callers.Length - 1; i >= 0; i--)
        {
            // A return pc points after the call; the call itself is the instruction before it.
            backtrace.Add(Describe(callers[i].Function, callers[i].ReturnPc - 1));
        }
        trap.Backtrace = backtrace;
        Function = null;
    }

    /// <summary>The backtrace entry for <paramref name="pc"/> in <paramref name="function"/>: module, function and byte offset.</summary>
    public static WasmFrame Describe(WasmFunction function, int pc)
    {
        var module = function.Instance.Module;
        var index = function.Code.FunctionIndex;
        return new WasmFrame(module.Name, index, module.FunctionName(index), function.Code.ModuleOffsetAt(pc));
    }
}
