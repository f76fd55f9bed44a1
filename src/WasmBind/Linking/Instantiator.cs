using WasmBind.Binary;
using WasmBind.Runtime;

namespace WasmBind.Linking;

/// <summary>
/// Module instantiation as the spec's exec/modules.rst describes it, given imports that are already resolved and
/// matched: allocate the instance's functions, tables, memories and globals, export them, initialise tables and
/// memories from active segments, then run the start function.
/// </summary>
internal static class Instantiator
{
    /// <param name="store">The store to allocate in.</param>
    /// <param name="module">The validated module.</param>
    /// <param name="imports">One definition per import, in import order, each already matched against its import's type.</param>
    /// <param name="runStart">Whether to run the start function synchronously (false when the caller runs it async).</param>
    /// <exception cref="LinkException">A definition belongs to another store.</exception>
    /// <exception cref="TrapException">A segment did not fit its table or memory, or the start function trapped.</exception>
    public static Instance Instantiate(Store store, Module module, LinkDefinition[] imports, bool runStart)
    {
        // Instantiation allocates in the store like a call runs in it: the same one-thread-at-a-time check applies,
        // and it covers resolving the imports too, which binds host functions into the store.
        store.Stack.EnterStore();
        try
        {
            var instance = Initialize(store, module, Resolve(store, module, imports));
            if (runStart && StartFunction(instance) is { } start)
            {
                // The start function takes and returns nothing; one slot satisfies the interpreter's minimum.
                Span<ulong> slots = stackalloc ulong[1];
                store.Stack.Invoke(start, slots);
            }
            return instance;
        }
        finally
        {
            store.Stack.ExitStore();
        }
    }

    /// <summary>Instantiates, running the start function as an async call so it may reach async imports.</summary>
    public static async ValueTask<Instance> InstantiateAsync(Store store, Module module, LinkDefinition[] imports, CancellationToken cancellationToken)
    {
        var instance = Instantiate(store, module, imports, runStart: false);
        if (StartFunction(instance) is { } start) await start.CallAsync([], cancellationToken).ConfigureAwait(false);
        return instance;
    }

    /// <summary>The store objects that satisfy already-matched imports in <paramref name="store"/>.</summary>
    private static Extern[] Resolve(Store store, Module module, LinkDefinition[] matched)
    {
        var imports = module.Imports;
        // At most this many new functions: imported host functions (unless the store has them already) and the module's own.
        store.ReserveFunctions(module.Definition.TotalFunctionCount);
        ReserveHostFunctions(store, matched);
        var resolved = new Extern[matched.Length];
        for (var i = 0; i < resolved.Length; i++) resolved[i] = matched[i].Resolve(store, imports[i].Module, imports[i].Name);
        return resolved;
    }

    /// <summary>Sizes the store's bindings of the (usually one) linker the host imports come from to fit them at once.</summary>
    private static void ReserveHostFunctions(Store store, LinkDefinition[] matched)
    {
        HostFunctionSlots? slots = null;
        var count = 0;
        foreach (var definition in matched)
        {
            if (definition is not HostFunctionDefinition host) continue;
            // Imports from a second linker (rare) are left to grow on demand.
            slots ??= host.Slots;
            if (ReferenceEquals(slots, host.Slots)) count = Math.Max(count, host.Slot + 1);
        }
        if (slots is not null) store.ReserveHostFunctions(slots, count);
    }

    private static Function? StartFunction(Instance instance) =>
        instance.Module.Definition.StartFunction is { } start ? instance.Functions[(int)start] : null;

    /// <summary>Everything instantiation does before the start function.</summary>
    private static Instance Initialize(Store store, Module module, Extern[] imports)
    {
        var definition = module.Definition;
        store.CountInstance();
        var instance = new Instance(store, module)
        {
            Functions = new Function[definition.TotalFunctionCount],
            Tables = new Table[definition.TotalTableCount],
            Memories = new Memory[definition.TotalMemoryCount],
            Globals = new Global[definition.TotalGlobalCount],
        };

        AddImports(instance, imports);
        AllocateDefinitions(instance, definition);
        AddExports(instance, definition);
        var activeElements = PrepareElementSegments(instance, definition);
        instance.DataSegments = Array.ConvertAll(definition.Datas, d => d.Data);

        foreach (var index in activeElements) InitializeTable(instance, definition.Elements[index], index);
        for (var i = 0; i < definition.Datas.Length; i++)
        {
            if (definition.Datas[i].Mode == SegmentMode.Active) InitializeMemory(instance, definition.Datas[i], i);
        }

        return instance;
    }

    private static void AddImports(Instance instance, Extern[] imports)
    {
        int functions = 0, tables = 0, memories = 0, globals = 0;
        foreach (var item in imports)
        {
            switch (item)
            {
                case Function f: instance.Functions[functions++] = f; break;
                case Table t: instance.Tables[tables++] = t; break;
                case Memory m: instance.Memories[memories++] = m; break;
                case Global g: instance.Globals[globals++] = g; break;
            }
        }
    }

    private static void AllocateDefinitions(Instance instance, ModuleDefinition definition)
    {
        var store = instance.Store;
        for (var i = 0; i < definition.FunctionTypeIndices.Length; i++)
            instance.Functions[definition.ImportedFunctionCount + i] = new WasmFunction(instance, i);
        for (var i = 0; i < definition.Tables.Length; i++)
            instance.Tables[definition.ImportedTableCount + i] = new Table(store, definition.Tables[i]);
        for (var i = 0; i < definition.Memories.Length; i++)
            instance.Memories[definition.ImportedMemoryCount + i] = new Memory(store, definition.Memories[i]);
        // In index order, so an initialiser may read any global before it (imports in Wasm 2.0; earlier ones with extended-const/GC).
        for (var i = 0; i < definition.Globals.Length; i++)
        {
            var global = definition.Globals[i];
            var created = new Global(store, global.Type, ConstantEvaluator.Evaluate(global.Init, instance));
            if (global.Type.ValueType == ValueType.V128) created.HighBits = ConstantEvaluator.EvaluateHigh(global.Init, instance);
            instance.Globals[definition.ImportedGlobalCount + i] = created;
        }
    }

    private static void AddExports(Instance instance, ModuleDefinition definition)
    {
        foreach (var export in definition.Exports)
        {
            var index = (int)export.Index;
            Extern item = export.Kind switch
            {
                ExternKind.Function => instance.Functions[index],
                ExternKind.Table => instance.Tables[index],
                ExternKind.Memory => instance.Memories[index],
                _ => instance.Globals[index],
            };
            instance.AddExport(export.Name, item);
        }
    }

    /// <summary>Evaluates every segment's items; returns the indices of active segments, which the caller applies in order.</summary>
    private static List<int> PrepareElementSegments(Instance instance, ModuleDefinition definition)
    {
        var segments = new ulong[definition.Elements.Length][];
        var active = new List<int>();
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = definition.Elements[i];
            // A declarative segment is dropped at once and nothing can observe its items, so they are not evaluated.
            if (segment.Mode == SegmentMode.Declarative) { segments[i] = []; continue; }
            var items = new ulong[segment.Items.Length];
            for (var j = 0; j < items.Length; j++) items[j] = ConstantEvaluator.Evaluate(segment.Items[j], instance);
            segments[i] = items;
            if (segment.Mode == SegmentMode.Active) active.Add(i);
        }
        instance.ElementSegments = segments;
        return active;
    }

    /// <summary><c>table.init</c> then <c>elem.drop</c>. A trap leaves earlier segments' writes in place (Wasm 2.0 semantics).</summary>
    private static void InitializeTable(Instance instance, ElementSegment segment, int index)
    {
        var table = instance.Tables[(int)segment.TableIndex];
        var raw = ConstantEvaluator.Evaluate(segment.OffsetExpression!, instance);
        var offset = table.Type.Is64 ? raw : (uint)raw;
        var items = instance.ElementSegments[index];
        // Compared by subtraction: a 64-bit table's offset plus the length could wrap.
        if ((ulong)items.Length > table.Size || offset > table.Size - (ulong)items.Length) throw new TrapException(TrapCode.TableOutOfBounds);
        items.CopyTo(table.Live[(int)offset..]);
        instance.ElementSegments[index] = [];
    }

    /// <summary><c>memory.init</c> then <c>data.drop</c>.</summary>
    private static void InitializeMemory(Instance instance, DataSegment segment, int index)
    {
        var memory = instance.Memories[(int)segment.MemoryIndex];
        var raw = ConstantEvaluator.Evaluate(segment.OffsetExpression!, instance);
        var offset = memory.Type.Is64 ? raw : (uint)raw;
        var bytes = instance.DataSegments[index].Span;
        // Compared by subtraction: a 64-bit memory's offset plus the length could wrap.
        if ((ulong)bytes.Length > (ulong)memory.Length || offset > (ulong)memory.Length - (ulong)bytes.Length)
            throw new TrapException(TrapCode.MemoryOutOfBounds);
        bytes.CopyTo(memory.GetSpan((long)offset, bytes.Length));
        instance.DataSegments[index] = ReadOnlyMemory<byte>.Empty;
    }
}
