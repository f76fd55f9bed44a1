namespace WasmBind.Runtime;

/// <summary>
/// The store-independent part of a host function: its signature, the name it was defined under and the thunk that
/// moves arguments and results between value slots and the host's callback. A linker creates one when a function is
/// defined, and every store that imports the function binds the same instance (<see cref="HostFunction"/>), so a new
/// store pays only for a small per-store object. It must hold no per-store state: the store comes from the
/// <see cref="Caller"/> of each call.
/// </summary>
internal abstract class HostFunctionCode
{
    protected HostFunctionCode(FunctionType type, string? name)
    {
        Type = type;
        Name = name;
    }

    /// <summary>The function's signature.</summary>
    public FunctionType Type { get; }

    /// <summary>The name the host registered it under ("module.name"), used in traps and errors.</summary>
    public string? Name { get; }

    /// <summary>Runs the host code. <paramref name="slots"/> holds at least the parameters' and the results' slots (two per v128).</summary>
    public abstract void Invoke(Caller caller, Span<ulong> slots);

    /// <summary>Creates this code's function in <paramref name="store"/>; <paramref name="typeId"/> is <see cref="Type"/>'s id in the store's engine.</summary>
    public virtual HostFunction Bind(Store store, int typeId) => new(store, this, typeId);

    public override string ToString() => Name is null ? $"host function {Type}" : $"host function {Name} {Type}";
}

/// <summary>The store-independent part of a host function that returns a task (see <see cref="AsyncHostFunction"/>).</summary>
internal abstract class AsyncHostFunctionCode : HostFunctionCode
{
    protected AsyncHostFunctionCode(FunctionType type, string? name) : base(type, name) { }

    /// <summary>
    /// Starts the host function with its arguments in <paramref name="slots"/>. Returns true when it completed
    /// synchronously (results already written), false with <paramref name="pending"/> when it must be awaited.
    /// </summary>
    public abstract bool TryStart(Caller caller, Span<ulong> slots, out PendingHostCall? pending);

    public sealed override void Invoke(Caller caller, Span<ulong> slots) =>
        throw new InvalidOperationException($"{this} is asynchronous; call it through CallAsync.");

    public override HostFunction Bind(Store store, int typeId) => new AsyncHostFunction(store, this, typeId);
}
