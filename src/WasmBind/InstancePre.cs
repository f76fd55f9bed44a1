using WasmBind.Linking;

namespace WasmBind;

/// <summary>
/// A module whose imports a <see cref="Linker"/> has already resolved and type-checked: instantiating it in a store
/// only allocates and initialises. Thread-safe; share one across stores.
/// </summary>
public sealed class InstancePre
{
    private readonly LinkDefinition[] definitions;

    internal InstancePre(Module module, LinkDefinition[] definitions)
    {
        Module = module;
        this.definitions = definitions;
    }

    /// <summary>The module this instantiates.</summary>
    public Module Module { get; }

    /// <summary>Instantiates the module in <paramref name="store"/> and runs its start function.</summary>
    /// <exception cref="LinkException">A definition belongs to another store.</exception>
    /// <exception cref="TrapException">Segment initialisation or the start function trapped.</exception>
    public Instance Instantiate(Store store)
    {
        CheckStore(store);
        return Instantiator.Instantiate(store, Module, definitions, runStart: true);
    }

    /// <summary>Instantiates the module in <paramref name="store"/>, running its start function as an async call.</summary>
    public ValueTask<Instance> InstantiateAsync(Store store, CancellationToken cancellationToken = default)
    {
        CheckStore(store);
        return Instantiator.InstantiateAsync(store, Module, definitions, cancellationToken);
    }

    private void CheckStore(Store store)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!ReferenceEquals(store.Engine, Module.Engine))
            throw new ArgumentException("The store belongs to another engine than the module's.", nameof(store));
    }
}
