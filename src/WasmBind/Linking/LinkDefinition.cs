using System.Runtime.CompilerServices;
using WasmBind.Runtime;

namespace WasmBind.Linking;

/// <summary>One name a <see cref="Linker"/> can resolve an import to.</summary>
internal abstract class LinkDefinition
{
    /// <summary>The type an import is matched against, without creating anything in a store.</summary>
    public abstract ExternType Type { get; }

    /// <summary>The store object that satisfies the import in <paramref name="store"/>.</summary>
    /// <exception cref="LinkException">The definition cannot be used in that store.</exception>
    public abstract Extern Resolve(Store store, string module, string name);
}

/// <summary>An existing store object: usable only in its own store.</summary>
internal sealed class ExternDefinition(Extern item) : LinkDefinition
{
    // Tables and memories report their current size as their minimum, so this is read at each link, not cached.
    public override ExternType Type => item.ExternType;

    public override Extern Resolve(Store store, string module, string name) =>
        ReferenceEquals(item.Store, store) ? item
            // A shared memory belongs to the engine, so another store of that engine gets its own view of it.
            : item is Memory { SharedMemory: { } shared } && ReferenceEquals(shared.Engine, store.Engine) ? shared.In(store)
            : throw new LinkException($"cannot use the definition of `{module}::{name}`: it belongs to another store", module, name);
}

/// <summary>
/// A host function that is not yet in any store. A linker is shared by many stores, so it keeps a factory and creates
/// the function the first time each store needs it; the cache keeps later instantiations in that store from adding
/// another copy to the store's function list, and lets a store and its functions be collected together.
/// </summary>
internal sealed class HostFunctionDefinition : LinkDefinition
{
    private readonly FunctionType type;
    private readonly string displayName;
    private readonly Func<Store, FunctionType, string, HostFunction> factory;
    private readonly ConditionalWeakTable<Store, HostFunction> perStore = new();

    public HostFunctionDefinition(FunctionType type, string displayName, Func<Store, FunctionType, string, HostFunction> factory)
    {
        this.type = type;
        this.displayName = displayName;
        this.factory = factory;
    }

    public override ExternType Type => type;

    public override Extern Resolve(Store store, string module, string name)
    {
        if (perStore.TryGetValue(store, out var function)) return function;
        function = factory(store, type, displayName);
        // Only a store misused from two threads at once could lose this race; keep whichever copy won.
        return perStore.TryAdd(store, function) ? function : perStore.TryGetValue(store, out var first) ? first : function;
    }
}

/// <summary>An engine-wide shared memory: resolves to each store's view of it.</summary>
internal sealed class SharedMemoryDefinition(SharedMemory memory) : LinkDefinition
{
    public override ExternType Type => memory.Type with { Limits = memory.Type.Limits with { Minimum = memory.Pages } };

    public override Extern Resolve(Store store, string module, string name) =>
        ReferenceEquals(memory.Engine, store.Engine) ? memory.In(store)
            : throw new LinkException($"cannot use the shared memory `{module}::{name}`: it belongs to another engine", module, name);
}
