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
        var bindings = BindingsOf(definition.Slots);
        if (definition.Slot >= bindings.Functions.Length)
        {
            // Not reserved (see ReserveHostFunctions): grow by doubling, never past the linker's definitions.
            var size = Math.Max(definition.Slot + 1, Math.Min(bindings.Functions.Length * 2, definition.Slots.Count));
            Array.Resize(ref bindings.Functions, size);
        }
        return bindings.Functions[definition.Slot] ??= definition.Code.Bind(this, definition.TypeId);
    }

    /// <summary>
    /// Makes room for bindings of <paramref name="slots"/> up to slot <paramref name="count"/> - 1, so binding a
    /// module's imports allocates one array that fits them rather than one sized to the whole linker (a WASI linker
    /// defines dozens of functions; a module usually imports a few).
    /// </summary>
    internal void ReserveHostFunctions(HostFunctionSlots slots, int count)
    {
        var bindings = BindingsOf(slots);
        if (count > bindings.Functions.Length) Array.Resize(ref bindings.Functions, count);
    }

    private HostFunctionBindings BindingsOf(HostFunctionSlots slots)
    {
        var bindings = hostFunctionBindings;
        while (bindings is not null && !ReferenceEquals(bindings.Slots, slots)) bindings = bindings.Next;
        return bindings ?? (hostFunctionBindings = new HostFunctionBindings(slots, hostFunctionBindings));
    }

    /// <summary>One linker's host functions as bound in this store.</summary>
    private sealed class HostFunctionBindings(HostFunctionSlots slots, HostFunctionBindings? next)
    {
        public HostFunctionSlots Slots { get; } = slots;

        public HostFunctionBindings? Next { get; } = next;

        public HostFunction?[] Functions = [];
    }
}
