using WasmBind.Runtime;

namespace WasmBind;

public abstract partial class Function
{
    /// <summary>
    /// Calls the function so that it may suspend: at async host functions whose task is pending, and at yield points
    /// (<see cref="Store.EpochDeadlineAsyncYieldAndUpdate"/>, <see cref="Store.FuelAsyncYieldInterval"/>). No thread
    /// blocks while it is suspended. Completes synchronously when nothing suspends.
    /// </summary>
    /// <param name="arguments">The arguments, typed as the function's parameters.</param>
    /// <param name="cancellationToken">
    /// Cancels the call at its next check point: an epoch check (with <see cref="EngineConfig.EpochInterruption"/>) or
    /// a suspension, throwing <see cref="OperationCanceledException"/>.
    /// </param>
    /// <exception cref="ArgumentException">The arguments do not match the function's parameters.</exception>
    /// <exception cref="TrapException">Execution trapped.</exception>
    public ValueTask<Value[]> CallAsync(Value[] arguments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var slots = ArgumentSlots(arguments);
        var task = Store.Stack.InvokeAsync(this, slots, cancellationToken);
        return task.IsCompletedSuccessfully ? new ValueTask<Value[]>(ReadCallResults()) : Finish(task);

        async ValueTask<Value[]> Finish(ValueTask pending)
        {
            await pending.ConfigureAwait(false);
            return ReadCallResults();
        }
    }

    /// <summary>
    /// Calls the function so that a host function asking to suspend (by throwing a <see cref="SuspendCallException"/>;
    /// any exception with <see cref="Store.AnyHostErrorSuspendsResumableCalls"/>), or running out of fuel, suspends the
    /// call instead of trapping (as Wasmi's <c>call_resumable</c>). The result says whether it finished; if not, resume
    /// it with <see cref="ResumableCall.Resume(Value[])"/>. A resumable call still suspended in the store is abandoned
    /// (superseded) first; one called from inside a host function runs without suspending.
    /// </summary>
    /// <exception cref="ArgumentException">The arguments do not match the function's parameters.</exception>
    /// <exception cref="InvalidOperationException">An async call is suspended in the store, or another thread is using it.</exception>
    /// <exception cref="TrapException">Execution trapped (including any other host exception); the store stays usable.</exception>
    public ResumableCallResult CallResumable(params Value[] arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (this is not WasmFunction wasm)
            throw new InvalidOperationException("Only WebAssembly functions can be called resumably; call a host function directly.");
        var slots = ArgumentSlots(arguments);
        return Store.Stack.InvokeResumable(wasm, slots)
            ? ResumableCallResult.Finished(ReadCallResults())
            : ResumableCallResult.Suspended(new ResumableCall(wasm));
    }

    private ulong[] ArgumentSlots(ReadOnlySpan<Value> arguments)
    {
        var parameters = Type.ParameterSpan;
        if (arguments.Length != parameters.Length)
            throw new ArgumentException($"{this} takes {parameters.Length} argument(s), got {arguments.Length}.", nameof(arguments));
        var slots = new ulong[Type.CallSlotCount];
        for (var i = 0; i < parameters.Length; i++)
        {
            if (arguments[i].Type != parameters[i])
                throw new ArgumentException($"argument {i} of {this} must be {parameters[i].ToWatName()}, got {arguments[i].Type.ToWatName()}.", nameof(arguments));
        }
        Value.WriteSlots(Store, arguments, slots);
        return slots;
    }

    internal Value[] ReadCallResults()
    {
        var types = Type.ResultSpan;
        var slots = Store.Stack.CallResults;
        var results = new Value[types.Length];
        Value.ReadSlots(Store, types, slots, results);
        return results;
    }
}
