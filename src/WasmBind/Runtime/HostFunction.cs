namespace WasmBind.Runtime;

/// <summary>
/// A function implemented in .NET, as it exists in one store. The interpreter passes arguments and receives results
/// through one span of value slots: parameters are read from its start and results written back over them, so a call
/// needs no allocation. Only the store binding lives here; what the function does is its <see cref="Code"/>, shared
/// by every store that imports the same definition.
/// </summary>
internal class HostFunction : Function
{
    public HostFunction(Store store, HostFunctionCode code, int typeId) : base(store, code.Type, typeId) => Code = code;

    /// <summary>The store-independent code, shared by this function's copies in every store.</summary>
    public HostFunctionCode Code { get; }

    /// <summary>The name the host registered it under ("module.name"), used in traps and errors.</summary>
    public string? Name => Code.Name;

    /// <summary>Runs the host code. <paramref name="slots"/> holds at least the parameters' and the results' slots (two per v128).</summary>
    public void Invoke(Caller caller, Span<ulong> slots) => Code.Invoke(caller, slots);

    public override string ToString() => Code.ToString();
}

/// <summary>A host function given as an untyped callback over <see cref="Value"/>s.</summary>
internal sealed class UntypedHostFunctionCode : HostFunctionCode
{
    private readonly HostCallback callback;

    public UntypedHostFunctionCode(FunctionType type, HostCallback callback, string? name)
        : base(type, name) => this.callback = callback;

    public override void Invoke(Caller caller, Span<ulong> slots)
    {
        var store = caller.Store;
        var parameters = Type.ParameterSpan;
        var results = Type.ResultSpan;
        // The untyped path allocates its value arrays; typed host functions are the allocation-free path.
        var args = new Value[parameters.Length];
        var outs = new Value[results.Length];
        Value.ReadSlots(store, parameters, slots, args);
        for (var i = 0; i < results.Length; i++) outs[i] = Value.Default(results[i]);
        callback(caller, args, outs);
        for (var i = 0; i < results.Length; i++)
        {
            if (outs[i].Type != results[i])
                throw new InvalidOperationException($"{this} returned {outs[i].Type.ToWatName()} for result {i}, expected {results[i].ToWatName()}.");
        }
        Value.WriteSlots(store, outs, slots);
    }
}
