using WasmBind.Linking;
using WasmBind.Runtime;

namespace WasmBind;

/// <summary>
/// Named definitions that satisfy modules' imports, by (module, name). Build it once, then share it: host functions
/// defined here belong to no store and are created in each store on first use, so one linker serves many stores.
/// Defining is not thread-safe; resolving and instantiating from several threads (each with its own store) is.
/// </summary>
public partial class Linker
{
    private readonly Dictionary<(string Module, string Name), LinkDefinition> definitions = new();
    private readonly HostFunctionSlots hostFunctionSlots = new();

    /// <summary>Creates an empty linker for modules and stores of <paramref name="engine"/>.</summary>
    public Linker(Engine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        Engine = engine;
    }

    /// <summary>The engine whose modules and stores this linker works with.</summary>
    public Engine Engine { get; }

    /// <summary>
    /// Whether a later definition of the same module and name replaces the earlier one. When false (the default)
    /// redefining throws, because a silent replacement is usually a mistake.
    /// </summary>
    public bool AllowShadowing { get; set; }

    /// <summary>Defines <paramref name="item"/> (a function, table, memory or global of one store) under <paramref name="module"/>::<paramref name="name"/>.</summary>
    /// <returns>This linker, for chaining.</returns>
    /// <exception cref="ArgumentException"><paramref name="item"/> belongs to a store of another engine.</exception>
    /// <exception cref="InvalidOperationException">The name is already defined and <see cref="AllowShadowing"/> is false.</exception>
    public Linker Define(string module, string name, Extern item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!ReferenceEquals(item.Store.Engine, Engine))
            throw new ArgumentException("The item belongs to a store of another engine.", nameof(item));
        return Add(module, name, new ExternDefinition(item));
    }

    /// <summary>
    /// Defines a shared memory: every store instantiating through this linker imports the same bytes (each store sees
    /// them through its own <see cref="Memory"/> view, <see cref="SharedMemory.In"/>).
    /// </summary>
    /// <returns>This linker, for chaining.</returns>
    /// <exception cref="InvalidOperationException">The name is already defined and <see cref="AllowShadowing"/> is false.</exception>
    public Linker Define(string module, string name, SharedMemory memory)
    {
        ArgumentNullException.ThrowIfNull(memory);
        return Add(module, name, new SharedMemoryDefinition(memory));
    }

    /// <summary>
    /// Defines a host function whose arguments and results pass as <see cref="Value"/>s. Prefer the typed
    /// <c>DefineFunction</c> overloads where the signature is known at compile time: they do not convert per call.
    /// </summary>
    /// <returns>This linker, for chaining.</returns>
    /// <exception cref="InvalidOperationException">The name is already defined and <see cref="AllowShadowing"/> is false.</exception>
    public Linker DefineFunction(string module, string name, FunctionType type, HostCallback callback)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(callback);
        return DefineHost(module, name, type, (t, n) => new UntypedHostFunctionCode(t, callback, n));
    }

    /// <summary>
    /// Defines an asynchronous host function. When WebAssembly calls it and the returned task is still pending, the
    /// WebAssembly call suspends (no thread waits) and resumes with the results once the task completes. It can be
    /// reached only from async calls (<c>CallAsync</c>, <see cref="InstantiateAsync"/>); a synchronous call that reaches
    /// it throws <see cref="InvalidOperationException"/> naming it.
    /// </summary>
    /// <returns>This linker, for chaining.</returns>
    /// <exception cref="InvalidOperationException">The name is already defined and <see cref="AllowShadowing"/> is false.</exception>
    public Linker DefineAsyncFunction(string module, string name, FunctionType type, AsyncHostCallback callback)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(callback);
        return DefineHost(module, name, type, (t, n) => new UntypedAsyncHostFunctionCode(t, callback, n));
    }

    /// <summary>Defines every export of <paramref name="instance"/> under <paramref name="moduleName"/>, as the spec's <c>register</c> does.</summary>
    /// <returns>This linker, for chaining.</returns>
    /// <exception cref="InvalidOperationException">An export's name is already defined under <paramref name="moduleName"/> and <see cref="AllowShadowing"/> is false.</exception>
    public Linker DefineInstance(string moduleName, Instance instance)
    {
        ArgumentNullException.ThrowIfNull(moduleName);
        ArgumentNullException.ThrowIfNull(instance);
        // Checked up front so a clash leaves the linker as it was rather than half-registered.
        if (!AllowShadowing)
        {
            foreach (var name in instance.Exports.Keys)
                if (definitions.ContainsKey((moduleName, name))) throw AlreadyDefined(moduleName, name);
        }
        foreach (var (name, item) in instance.Exports) Define(moduleName, name, item);
        return this;
    }

    /// <summary>Instantiates <paramref name="module"/> in <paramref name="store"/>, resolving its imports from this linker's definitions.</summary>
    /// <exception cref="ArgumentException">The module, the store and this linker do not share one engine.</exception>
    /// <exception cref="LinkException">An import is not defined, or its definition does not match the imported type or belongs to another store.</exception>
    /// <exception cref="TrapException">Initialising a table or memory from an active segment trapped, or the start function trapped.
    /// Effects on imported tables and memories made before the trap remain.</exception>
    public Instance Instantiate(Store store, Module module)
    {
        CheckEngines(store, module);
        return Instantiator.Instantiate(store, module, MatchImports(module), runStart: true);
    }

    /// <summary>
    /// Instantiates <paramref name="module"/> and runs its start function as an async call, so the start function may
    /// call async host functions (see <see cref="DefineAsyncFunction(string, string, FunctionType, AsyncHostCallback)"/>).
    /// </summary>
    /// <exception cref="LinkException">An import is missing or does not match.</exception>
    /// <exception cref="TrapException">Segment initialisation or the start function trapped.</exception>
    public ValueTask<Instance> InstantiateAsync(Store store, Module module, CancellationToken cancellationToken = default)
    {
        CheckEngines(store, module);
        return Instantiator.InstantiateAsync(store, module, MatchImports(module), cancellationToken);
    }

    /// <summary>
    /// Resolves and type-checks <paramref name="module"/>'s imports once, so that instantiating it in many stores
    /// (<see cref="InstancePre.Instantiate"/>) skips the name lookups and type matching.
    /// </summary>
    /// <exception cref="LinkException">An import is missing or does not match.</exception>
    public InstancePre InstantiatePre(Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        if (!ReferenceEquals(module.Engine, Engine))
            throw new ArgumentException("The module was compiled for another engine than the linker's.", nameof(module));
        return new InstancePre(module, MatchImports(module));
    }

    private void CheckEngines(Store store, Module module)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(module);
        if (!ReferenceEquals(module.Engine, store.Engine))
            throw new ArgumentException("The module was compiled for another engine than the store's.", nameof(module));
        if (!ReferenceEquals(store.Engine, Engine))
            throw new ArgumentException("The store belongs to another engine than the linker's.", nameof(store));
    }

    /// <summary>Finds each import's definition and checks its type, without touching any store.</summary>
    private LinkDefinition[] MatchImports(Module module)
    {
        var imports = module.Imports;
        var matched = new LinkDefinition[imports.Count];
        for (var i = 0; i < matched.Length; i++)
        {
            var import = imports[i];
            if (!definitions.TryGetValue((import.Module, import.Name), out var definition))
                throw ImportMatcher.Unknown(import.Module, import.Name);
            // Matched before resolving so a mismatch does not leave a host function behind in the store.
            if (!ImportMatcher.Matches(import.Type, definition.Type))
                throw ImportMatcher.Incompatible(import.Module, import.Name, import.Type, definition.Type);
            matched[i] = definition;
        }
        return matched;
    }

    /// <summary>
    /// Shared by every host-function overload: <paramref name="createCode"/> runs once, here, and its code (with the
    /// type's engine-wide id) is shared by every store that imports the function; a store only binds it.
    /// </summary>
    internal Linker DefineHost(string module, string name, FunctionType type, Func<FunctionType, string, HostFunctionCode> createCode)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(name);
        return Add(module, name, new HostFunctionDefinition(createCode(type, $"{module}.{name}"), Engine.Types.GetId(type), hostFunctionSlots));
    }

    private Linker Add(string module, string name, LinkDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(name);
        if (AllowShadowing) definitions[(module, name)] = definition;
        else if (!definitions.TryAdd((module, name), definition))
            throw AlreadyDefined(module, name);
        return this;
    }

    private static InvalidOperationException AlreadyDefined(string module, string name) =>
        new($"`{module}::{name}` is already defined; set {nameof(AllowShadowing)} to replace definitions.");
}
