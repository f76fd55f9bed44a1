namespace WasmBind;

/// <summary>An instantiated module: its functions, tables, memories and globals, living in a store.</summary>
public sealed partial class Instance
{
    private readonly Dictionary<string, Extern> exports = new(StringComparer.Ordinal);

    internal Instance(Store store, Module module)
    {
        Store = store;
        Module = module;
    }

    /// <summary>The store the instance lives in.</summary>
    public Store Store { get; }

    /// <summary>The module this is an instance of.</summary>
    public Module Module { get; }

    // Index spaces as the module sees them (imports first). Filled during instantiation.
    internal Function[] Functions = [];
    internal Table[] Tables = [];
    internal Memory[] Memories = [];
    internal Global[] Globals = [];

    /// <summary>Each element segment's references (store handles); emptied by <c>elem.drop</c> and after active initialisation.</summary>
    internal ulong[][] ElementSegments = [];

    /// <summary>Each data segment's bytes; emptied by <c>data.drop</c> and after active initialisation.</summary>
    internal ReadOnlyMemory<byte>[] DataSegments = [];

    /// <summary>The instance's exports by name.</summary>
    public IReadOnlyDictionary<string, Extern> Exports => exports;

    internal void AddExport(string name, Extern value) => exports[name] = value;

    /// <summary>The export named <paramref name="name"/>, or null.</summary>
    public Extern? GetExport(string name) => exports.GetValueOrDefault(name);

    /// <summary>The exported function named <paramref name="name"/>, or null if there is none.</summary>
    public Function? GetFunction(string name) => GetExport(name) as Function;

    /// <summary>The exported memory named <paramref name="name"/>, or null if there is none.</summary>
    public Memory? GetMemory(string name) => GetExport(name) as Memory;

    /// <summary>The exported table named <paramref name="name"/>, or null if there is none.</summary>
    public Table? GetTable(string name) => GetExport(name) as Table;

    /// <summary>The exported global named <paramref name="name"/>, or null if there is none.</summary>
    public Global? GetGlobal(string name) => GetExport(name) as Global;
}
