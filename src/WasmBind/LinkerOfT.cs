namespace WasmBind;

/// <summary>
/// A <see cref="Linker"/> for stores that carry host data of type <typeparamref name="TData"/>: its host functions
/// receive a <see cref="Caller{TData}"/> with typed access to that data, and it instantiates into
/// <see cref="Store{TData}"/>s.
/// </summary>
/// <typeparam name="TData">The type of the stores' host data.</typeparam>
public sealed partial class Linker<TData> : Linker
{
    /// <summary>Creates an empty linker for modules of <paramref name="engine"/>.</summary>
    public Linker(Engine engine) : base(engine) { }

    /// <summary>Instantiates <paramref name="module"/> in <paramref name="store"/>, resolving its imports by name.</summary>
    /// <exception cref="LinkException">An import is missing or does not match.</exception>
    /// <exception cref="TrapException">Segment initialisation or the start function trapped.</exception>
    public Instance Instantiate(Store<TData> store, Module module) => base.Instantiate(store, module);

    /// <summary>Instantiates <paramref name="module"/> in <paramref name="store"/>, running its start function as an async call.</summary>
    public ValueTask<Instance> InstantiateAsync(Store<TData> store, Module module, CancellationToken cancellationToken = default) =>
        base.InstantiateAsync(store, module, cancellationToken);
}
