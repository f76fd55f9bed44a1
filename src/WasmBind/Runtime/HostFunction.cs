namespace WasmBind.Runtime;

/// <summary>
/// A function implemented in .NET. The interpreter passes arguments and receives results through one span of
/// value slots: parameters are read from its start and results written back over them, so a call needs no allocation.
/// </summary>
internal abstract class HostFunction : Function
{
    protected HostFunction(Store store, FunctionType type, string? name) : base(store, type) => Name = name;

    /// <summary>The name the host registered it under ("module.name"), used in traps and errors.</summary>
    public string? Name { get; }

    /// <summary>Runs the host code. <paramref name="slots"/> holds at least the parameters' and the results' slots (two per v128).</summary>
    public abstract void Invoke(Caller caller, Span<ulong> slots);

    public override string ToString() => Name is null ? $"host function {Type}" : $"host function {Name} {Type}";
}

/// <summary>A host function given as an untyped callback over <see cref="Value"/>s.</summary>
internal sealed class UntypedHostFunction : HostFunction
{
    private readonly HostCallback callback;

    public UntypedHostFunction(Store store, FunctionType type, HostCallback callback, string? name)
        : base(store, type, name) => this.callback = callback;

    public override void Invoke(Caller caller, Span<ulong> slots)
    {
        var parameters = Type.ParameterSpan;
        var results = Type.ResultSpan;
        // The untyped path allocates its value arrays; typed host functions are the allocation-free path.
        var args = new Value[parameters.Length];
        var outs = new Value[results.Length];
        Value.ReadSlots(Store, parameters, slots, args);
        for (var i = 0; i < results.Length; i++) outs[i] = Value.Default(results[i]);
        callback(caller, args, outs);
        for (var i = 0; i < results.Length; i++)
        {
            if (outs[i].Type != results[i])
                throw new InvalidOperationException($"{this} returned {outs[i].Type.ToWatName()} for result {i}, expected {results[i].ToWatName()}.");
        }
        Value.WriteSlots(Store, outs, slots);
    }
}
