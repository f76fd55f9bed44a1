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
/// A host function that is not yet in any store. A linker is shared by many stores, so the definition holds the
/// store-independent code (signature, delegate, typed thunk) and its type id, made once when the function is defined;
/// resolving in a store only binds that code to the store. The store keeps the binding in an array indexed by
/// <see cref="Slot"/> (one per store and definition), so later instantiations in that store reuse it rather than
/// adding another copy to the store's function list, and a store and its functions are collected together.
/// </summary>
internal sealed class HostFunctionDefinition(HostFunctionCode code, int typeId, HostFunctionSlots slots) : LinkDefinition
{
    /// <summary>The shared code every store's copy of this function runs.</summary>
    public HostFunctionCode Code { get; } = code;

    /// <summary>The id of the function's type in the linker's engine, computed once.</summary>
    public int TypeId { get; } = typeId;

    /// <summary>The numbering of the linker that made this definition.</summary>
    public HostFunctionSlots Slots { get; } = slots;

    /// <summary>This definition's index in a store's bindings for <see cref="Slots"/>.</summary>
    public int Slot { get; } = slots.Count++;

    public override ExternType Type => Code.Type;

    public override Extern Resolve(Store store, string module, string name) => store.GetOrBindHostFunction(this);
}

/// <summary>
/// Numbers one linker's host-function definitions densely (0, 1, 2, ...), so a store can keep its bindings of them in
/// an array rather than a hash table. A replaced (shadowed) definition keeps its number, unused.
/// </summary>
internal sealed class HostFunctionSlots
{
    /// <summary>How many numbers have been handed out.</summary>
    public int Count { get; set; }
}

/// <summary>An engine-wide shared memory: resolves to each store's view of it.</summary>
internal sealed class SharedMemoryDefinition(SharedMemory memory) : LinkDefinition
{
    public override ExternType Type => memory.Type with { Limits = memory.Type.Limits with { Minimum = memory.Pages } };

    public override Extern Resolve(Store store, string module, string name) =>
        ReferenceEquals(memory.Engine, store.Engine) ? memory.In(store)
            : throw new LinkException($"cannot use the shared memory `{module}::{name}`: it belongs to another engine", module, name);
}
