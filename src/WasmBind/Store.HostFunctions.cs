using WasmBind.Linking;
using WasmBind.Runtime;

namespace WasmBind;

public partial class Store
{
    // This store's bindings of linker host functions: one array per linker the store has instantiated through,
    // indexed by the definition's slot in that linker. Usually one linker, so one entry; a store that imports no
    // host function through a linker pays nothing.
    private HostFunctionBindings? hostFunctionBindings;

    /// <summary>
    /// Makes room for <paramref name="count"/> more functions, so instantiating a module grows the store's function
    /// list once rather than by doubling.
    /// </summary>
    internal void ReserveFunctions(int count) => functions.EnsureCapacity(functions.Count + count);

    /// <summary>
    /// This store's function for a linker's host-function <paramref name="definition"/>: bound on first use, then
    /// reused, so every instance in the store that imports it sees the same <see cref="Function"/>.
    /// </summary>
    internal HostFunction GetOrBindHostFunction(HostFunctionDefinition definition)
    {
        var bindings = hostFunctionBindings;
        while (bindings is not null && !ReferenceEquals(bindings.Slots, definition.Slots)) bindings = bindings.Next;
        if (bindings is null) hostFunctionBindings = bindings = new HostFunctionBindings(definition.Slots, hostFunctionBindings);
        // The linker may have gained definitions since this store last used it.
        if (definition.Slot >= bindings.Functions.Length)
            Array.Resize(ref bindings.Functions, Math.Max(definition.Slot + 1, definition.Slots.Count));
        return bindings.Functions[definition.Slot] ??= definition.Code.Bind(this, definition.TypeId);
    }

    /// <summary>One linker's host functions as bound in this store.</summary>
    private sealed class HostFunctionBindings(HostFunctionSlots slots, HostFunctionBindings? next)
    {
        public HostFunctionSlots Slots { get; } = slots;

        public HostFunctionBindings? Next { get; } = next;

        public HostFunction?[] Functions = new HostFunction?[slots.Count];
    }
}
