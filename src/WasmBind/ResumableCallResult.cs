using WasmBind.Linking;
using WasmBind.Runtime;

namespace WasmBind;

/// <summary>What a resumable call returned: its results, or the suspended call to resume.</summary>
public readonly struct ResumableCallResult
{
    private ResumableCallResult(Value[]? results, ResumableCall? call)
    {
        Results = results;
        Call = call;
    }

    /// <summary>True when the call ran to completion; <see cref="Results"/> holds its results.</summary>
    public bool IsFinished => Results is not null;

    /// <summary>The results of a finished call.</summary>
    public Value[]? Results { get; }

    /// <summary>The suspended call, when it did not finish.</summary>
    public ResumableCall? Call { get; }

    internal static ResumableCallResult Finished(Value[] results) => new(results, null);

    internal static ResumableCallResult Suspended(ResumableCall call) => new(null, call);

    /// <summary>Starts a resumable call of a typed function that returns nothing (arguments already encoded).</summary>
    internal static ResumableCallResult Start(Function function, ReadOnlySpan<ulong> arguments)
    {
        var wasm = RequireWasm(function);
        return wasm.Store.Stack.InvokeResumable(wasm, arguments) ? Finished([]) : Suspended(new ResumableCall(wasm));
    }

    internal static WasmFunction RequireWasm(Function function) => function as WasmFunction
        ?? throw new InvalidOperationException("Only WebAssembly functions can be called resumably; call a host function directly.");
}

/// <summary>
/// What a typed resumable call (<c>TypedFunc.CallResumable</c>) returned: its result, or the suspended call to resume
/// (with <see cref="ResumableCall.Resume{TResult}"/> to keep the result typed). Finishing allocates nothing.
/// </summary>
/// <typeparam name="TResult">The function's result type.</typeparam>
public readonly struct ResumableCallResult<TResult>
{
    private ResumableCallResult(TResult result, ResumableCall? call)
    {
        Result = result;
        Call = call;
    }

    /// <summary>True when the call ran to completion; <see cref="Result"/> holds its result.</summary>
    public bool IsFinished => Call is null;

    /// <summary>The result of a finished call (the type's default while suspended).</summary>
    public TResult Result { get; }

    /// <summary>The suspended call, when it did not finish.</summary>
    public ResumableCall? Call { get; }

    /// <summary>Starts a resumable call of a typed function (arguments already encoded, result type already checked).</summary>
    internal static ResumableCallResult<TResult> Start(Function function, ReadOnlySpan<ulong> arguments)
    {
        var wasm = ResumableCallResult.RequireWasm(function);
        return wasm.Store.Stack.InvokeResumable(wasm, arguments) ? Finished(wasm.Store) : Suspended(new ResumableCall(wasm));
    }

    internal static ResumableCallResult<TResult> Finished(Store store) =>
        new(ValueCodec<TResult>.Read(store, store.Stack.CallResults, 0), null);

    internal static ResumableCallResult<TResult> Suspended(ResumableCall call) => new(default!, call);

    internal static void RequireResultType(Function entry)
    {
        var results = entry.Type.ResultSpan;
        if (results.Length != 1 || results[0] != ValueCodec.Require<TResult>())
            throw new InvalidOperationException($"{entry} does not return one {ValueCodec.Require<TResult>().ToWatName()}; resume it with Resume(...) or Resume<T> of its result type.");
    }
}
