namespace WasmBind;

/// <summary>
/// What a host function sees of its caller: the calling instance's exports and the store.
/// Valid only while the host function runs.
/// </summary>
public readonly struct Caller
{
    internal Caller(Store store, Instance? instance)
    {
        Store = store;
        Instance = instance;
    }

    /// <summary>The store the call runs in.</summary>
    public Store Store { get; }

    /// <summary>The instance whose code made the call, or null when the host called the function directly.</summary>
    public Instance? Instance { get; }

    /// <summary>The store's host data, for a <see cref="Store{T}"/>.</summary>
    public T GetData<T>() => Store is Store<T> typed ? typed.Data
        : throw new InvalidOperationException($"The store does not hold data of type {typeof(T).Name}.");

    /// <summary>The calling instance's export named <paramref name="name"/>, or null.</summary>
    public Extern? GetExport(string name) => Instance?.GetExport(name);

    /// <summary>The calling instance's exported memory named <paramref name="name"/> (by convention <c>memory</c>), or null.</summary>
    public Memory? GetMemory(string name = "memory") => GetExport(name) as Memory;

    /// <summary>The calling instance's exported function named <paramref name="name"/>, or null.</summary>
    public Function? GetFunction(string name) => GetExport(name) as Function;
}
