namespace WasmBind;

/// <summary>
/// A <see cref="Caller"/> whose store is a <see cref="Store{TData}"/>: what host functions defined on a
/// <see cref="Linker{TData}"/> see. Valid only while the host function runs.
/// </summary>
/// <typeparam name="TData">The type of the store's host data.</typeparam>
public readonly struct Caller<TData>
{
    internal Caller(Caller caller)
    {
        Untyped = caller;
        Store = caller.Store as Store<TData> ?? throw new InvalidOperationException(
            $"This host function was defined on a Linker<{typeof(TData).Name}> and needs a Store<{typeof(TData).Name}>; the calling store is a {caller.Store.GetType().Name}.");
    }

    /// <summary>The same caller, untyped.</summary>
    public Caller Untyped { get; }

    /// <summary>The store the call runs in.</summary>
    public Store<TData> Store { get; }

    /// <summary>The store's host data.</summary>
    public TData Data
    {
        get => Store.Data;
        set => Store.Data = value;
    }

    /// <summary>The instance whose code made the call, or null when the host called the function directly.</summary>
    public Instance? Instance => Untyped.Instance;

    /// <summary>The calling instance's export named <paramref name="name"/>, or null.</summary>
    public Extern? GetExport(string name) => Untyped.GetExport(name);

    /// <summary>The calling instance's exported memory named <paramref name="name"/> (by convention <c>memory</c>), or null.</summary>
    public Memory? GetMemory(string name = "memory") => Untyped.GetMemory(name);

    /// <summary>The calling instance's exported function named <paramref name="name"/>, or null.</summary>
    public Function? GetFunction(string name) => Untyped.GetFunction(name);
}
