namespace WasmBind.Runtime;

/// <summary>
/// A host call that did not complete synchronously: the interpreter awaits <see cref="WaitAsync"/>, then asks
/// for the results. Created only when the host's task is really pending, so synchronous completions allocate nothing.
/// </summary>
internal abstract class PendingHostCall
{
    /// <summary>Completes when the host function has finished (or faulted: awaiting rethrows its exception).</summary>
    public abstract ValueTask WaitAsync();

    /// <summary>Writes the finished call's results into the slots.</summary>
    public abstract void WriteResults(Store store, Span<ulong> slots);
}

/// <summary>
/// A host function that returns a task, as it exists in one store. Called only from async calls; the interpreter
/// suspends the WebAssembly call while the task is pending and resumes it with the results.
/// </summary>
internal sealed class AsyncHostFunction : HostFunction
{
    private readonly AsyncHostFunctionCode code;

    public AsyncHostFunction(Store store, AsyncHostFunctionCode code, int typeId) : base(store, code, typeId) => this.code = code;

    /// <summary>
    /// Starts the host function with its arguments in <paramref name="slots"/>. Returns true when it completed
    /// synchronously (results already written), false with <paramref name="pending"/> when it must be awaited.
    /// </summary>
    public bool TryStart(Caller caller, Span<ulong> slots, out PendingHostCall? pending) => code.TryStart(caller, slots, out pending);
}

/// <summary>An async host function given as an untyped callback over <see cref="Value"/>s.</summary>
internal sealed class UntypedAsyncHostFunctionCode : AsyncHostFunctionCode
{
    private readonly AsyncHostCallback callback;

    public UntypedAsyncHostFunctionCode(FunctionType type, AsyncHostCallback callback, string? name)
        : base(type, name) => this.callback = callback;

    public override bool TryStart(Caller caller, Span<ulong> slots, out PendingHostCall? pending)
    {
        var parameters = Type.ParameterSpan;
        var args = new Value[parameters.Length];
        Value.ReadSlots(caller.Store, parameters, slots, args);
        var results = new Value[Type.Results.Count];
        for (var i = 0; i < results.Length; i++) results[i] = Value.Default(Type.ResultSpan[i]);
        var task = callback(caller, args, results);
        if (task.IsCompletedSuccessfully)
        {
            WriteResults(this, caller.Store, results, slots);
            pending = null;
            return true;
        }
        pending = new Pending(this, task, results);
        return false;
    }

    private static void WriteResults(UntypedAsyncHostFunctionCode code, Store store, Value[] results, Span<ulong> slots)
    {
        var types = code.Type.ResultSpan;
        for (var i = 0; i < types.Length; i++)
        {
            if (results[i].Type != types[i])
                throw new InvalidOperationException($"{code} returned {results[i].Type.ToWatName()} for result {i}, expected {types[i].ToWatName()}.");
        }
        Value.WriteSlots(store, results, slots);
    }

    private sealed class Pending(UntypedAsyncHostFunctionCode code, ValueTask task, Value[] results) : PendingHostCall
    {
        public override ValueTask WaitAsync() => task;

        public override void WriteResults(Store store, Span<ulong> slots) => UntypedAsyncHostFunctionCode.WriteResults(code, store, results, slots);
    }
}
