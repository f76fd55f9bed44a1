using WasmBind.Runtime;

namespace WasmBind;

/// <summary>A WebAssembly or host function that belongs to a store.</summary>
public abstract partial class Function : Extern
{
    private protected Function(Store store, FunctionType type) : this(store, type, store.Engine.Types.GetId(type)) { }

    /// <param name="store">The owning store.</param>
    /// <param name="type">The signature.</param>
    /// <param name="typeId">The id of <paramref name="type"/> in <paramref name="store"/>'s engine, when the caller already has it
    /// (a linker's host function computes it once, not once per store).</param>
    private protected Function(Store store, FunctionType type, int typeId) : base(store)
    {
        ArgumentNullException.ThrowIfNull(type);
        Type = type;
        TypeId = typeId;
        Handle = store.RegisterFunction(this);
    }

    /// <summary>The function's signature.</summary>
    public FunctionType Type { get; }

    /// <inheritdoc />
    public override ExternKind Kind => ExternKind.Function;

    /// <inheritdoc />
    public override ExternType ExternType => Type;

    /// <summary>Engine-wide id of <see cref="Type"/>; equal ids mean equal types.</summary>
    internal int TypeId { get; }

    /// <summary>Index in the store's function list; a funcref to this function is <c>Handle + 1</c>.</summary>
    internal int Handle { get; }

    /// <summary>Calls the function with untyped values, returning its results.</summary>
    /// <exception cref="ArgumentException">The arguments do not match the function's parameters.</exception>
    /// <exception cref="TrapException">Execution trapped.</exception>
    public Value[] Invoke(params ReadOnlySpan<Value> arguments)
    {
        var results = new Value[Type.Results.Count];
        Invoke(arguments, results);
        return results;
    }

    /// <summary>Calls the function with untyped values, writing its results into <paramref name="results"/>.</summary>
    /// <exception cref="ArgumentException">The arguments or the results span do not match the function's type.</exception>
    /// <exception cref="TrapException">Execution trapped.</exception>
    public void Invoke(ReadOnlySpan<Value> arguments, Span<Value> results)
    {
        var parameters = Type.ParameterSpan;
        var resultTypes = Type.ResultSpan;
        if (arguments.Length != parameters.Length)
            throw new ArgumentException($"{this} takes {parameters.Length} argument(s), got {arguments.Length}.", nameof(arguments));
        if (results.Length < resultTypes.Length)
            throw new ArgumentException($"{this} returns {resultTypes.Length} result(s); the results span holds {results.Length}.", nameof(results));

        var slotCount = Type.CallSlotCount;
        var slots = slotCount <= 16 ? stackalloc ulong[slotCount] : new ulong[slotCount];
        for (var i = 0; i < parameters.Length; i++)
        {
            if (arguments[i].Type != parameters[i])
                throw new ArgumentException($"argument {i} of {this} must be {parameters[i].ToWatName()}, got {arguments[i].Type.ToWatName()}.", nameof(arguments));
        }
        Value.WriteSlots(Store, arguments, slots);
        Store.Stack.Invoke(this, slots);
        Value.ReadSlots(Store, resultTypes, slots, results);
    }

    /// <inheritdoc />
    public override string ToString() => $"function {Type}";
}
