using WasmBind.Binary;

namespace WasmBind.Validation;

/// <summary>
/// Module-level validation (spec valid/modules.rst): index spaces, limits, constant expressions, segments, exports,
/// the start function. Function bodies are validated while they are translated, in one pass over each body, so this
/// namespace does not depend on the translator: the compile pipeline (validate, then translate) lives in Compilation.
/// </summary>
internal static class ModuleValidator
{
    private const ulong MaxMemoryPages = 65536;
    /// <summary>2^48 pages: a 64-bit memory's whole address space (the spec's limit; the runtime's is EngineConfig.MaxMemory64Pages).</summary>
    private const ulong MaxMemory64Pages = 1UL << 48;

    /// <summary>
    /// Validates everything but the function bodies and returns what validating and translating a body needs. The
    /// bodies are validated by the one pass that translates them (<c>Compilation.ModuleCompiler</c> drives both).
    /// </summary>
    /// <exception cref="InvalidModuleException">The module is invalid.</exception>
    public static ValidationContext Validate(EngineConfig config, ModuleDefinition module)
    {
        var context = BuildContext(config, module);
        ValidateDefinitions(context);
        return context;
    }

    private static ValidationContext BuildContext(EngineConfig config, ModuleDefinition module)
    {
        var features = config.Features;
        var types = module.Types;
        foreach (var type in types)
        {
            if (type.Results.Count > 1 && (features & WasmFeatures.MultiValue) == 0)
                throw new InvalidModuleException(0, "invalid result arity");
        }

        var functionTypes = new List<int>();
        var tables = new List<TableType>();
        var memories = new List<MemoryType>();
        var globals = new List<GlobalType>();
        foreach (var import in module.Imports)
        {
            switch (import.Kind)
            {
                case ExternKind.Function:
                    if (import.TypeIndex >= types.Length) throw new InvalidModuleException(import.Offset, "unknown type");
                    functionTypes.Add((int)import.TypeIndex);
                    break;
                case ExternKind.Table:
                    ValidateTable(import.Table!, import.Offset);
                    tables.Add(import.Table!);
                    break;
                case ExternKind.Memory:
                    ValidateMemory(import.Memory!, import.Offset, features);
                    memories.Add(import.Memory!);
                    break;
                default:
                    if (import.Global!.Mutable && (features & WasmFeatures.MutableGlobals) == 0)
                        throw new InvalidModuleException(import.Offset, "mutable global import requires the mutable-globals feature");
                    globals.Add(import.Global!);
                    break;
            }
        }
        var importedGlobals = globals.Count;
        foreach (var typeIndex in module.FunctionTypeIndices)
        {
            if (typeIndex >= types.Length) throw new InvalidModuleException(0, "unknown type");
            functionTypes.Add((int)typeIndex);
        }
        foreach (var table in module.Tables) { ValidateTable(table, 0); tables.Add(table); }
        foreach (var memory in module.Memories) { ValidateMemory(memory, 0, features); memories.Add(memory); }
        if (memories.Count > 1 && (features & WasmFeatures.MultiMemory) == 0) throw new InvalidModuleException(0, "multiple memories");
        if (tables.Count > 1 && (features & WasmFeatures.ReferenceTypes) == 0) throw new InvalidModuleException(0, "multiple tables");
        globals.AddRange(module.Globals.Select(g => g.Type));

        var declared = new bool[functionTypes.Count];
        void Declare(ConstantExpression? expression)
        {
            if (expression is null) return;
            foreach (var instruction in expression.Instructions)
            {
                if (instruction.Opcode == Opcode.RefFunc && instruction.Immediate < (ulong)declared.Length) declared[instruction.Immediate] = true;
            }
        }
        foreach (var global in module.Globals) Declare(global.Init);
        foreach (var element in module.Elements) foreach (var item in element.Items) Declare(item);
        foreach (var export in module.Exports)
        {
            if (export.Kind == ExternKind.Function && export.Index < declared.Length) declared[export.Index] = true;
        }

        return new ValidationContext
        {
            Module = module,
            Features = features,
            Types = types,
            FunctionTypeIndices = functionTypes.ToArray(),
            Tables = tables.ToArray(),
            Memories = memories.ToArray(),
            Globals = globals.ToArray(),
            ImportedGlobalCount = importedGlobals,
            ElementTypes = module.Elements.Select(e => e.ElementType).ToArray(),
            DeclaredFunctionReferences = declared,
            ConsumeFuel = config.ConsumeFuel,
            EpochInterruption = config.EpochInterruption,
        };
    }

    private static void ValidateTable(TableType table, long offset)
    {
        if (table.Limits.Maximum is { } max && max < table.Limits.Minimum)
            throw new InvalidModuleException(offset, "size minimum must not be greater than maximum");
        if (!table.Is64 && (table.Limits.Minimum > uint.MaxValue || table.Limits.Maximum > uint.MaxValue))
            throw new InvalidModuleException(offset, "table size must be at most 2^32-1");
    }

    private static void ValidateMemory(MemoryType memory, long offset, WasmFeatures features)
    {
        if (memory.Shared && (features & WasmFeatures.Threads) == 0)
            throw new InvalidModuleException(offset, "shared memory requires the Threads feature");
        if (memory.Is64)
        {
            if (memory.Limits.Minimum > MaxMemory64Pages || memory.Limits.Maximum > MaxMemory64Pages)
                throw new InvalidModuleException(offset, "memory size must be at most 2^48 pages");
        }
        else if (memory.Limits.Minimum > MaxMemoryPages || memory.Limits.Maximum > MaxMemoryPages)
        {
            throw new InvalidModuleException(offset, "memory size must be at most 65536 pages (4GiB)");
        }
        if (memory.Limits.Maximum is { } max && max < memory.Limits.Minimum)
            throw new InvalidModuleException(offset, "size minimum must not be greater than maximum");
        if (memory.Shared && memory.Limits.Maximum is null)
            throw new InvalidModuleException(offset, "shared memory must have maximum");
    }

    private static ValueType AddressType(bool is64) => is64 ? ValueType.I64 : ValueType.I32;

    private static void ValidateDefinitions(ValidationContext context)
    {
        var module = context.Module;
        for (var i = 0; i < module.Globals.Length; i++)
        {
            var global = module.Globals[i];
            ConstantExpressionValidator.Validate(context, global.Init, global.Type.ValueType, context.ImportedGlobalCount + i);
        }

        foreach (var element in module.Elements)
        {
            if (element.Mode == SegmentMode.Active)
            {
                if (element.TableIndex >= context.Tables.Length) throw new InvalidModuleException(element.Offset, "unknown table");
                if (context.Tables[element.TableIndex].ElementType != element.ElementType)
                    throw new InvalidModuleException(element.Offset, "type mismatch");
                ConstantExpressionValidator.Validate(context, element.OffsetExpression!, AddressType(context.Tables[element.TableIndex].Is64));
            }
            foreach (var item in element.Items) ConstantExpressionValidator.Validate(context, item, element.ElementType);
        }

        foreach (var data in module.Datas)
        {
            if (data.Mode != SegmentMode.Active) continue;
            if (data.MemoryIndex >= context.Memories.Length) throw new InvalidModuleException(data.Offset, "unknown memory");
            ConstantExpressionValidator.Validate(context, data.OffsetExpression!, AddressType(context.Memories[data.MemoryIndex].Is64));
        }

        if (module.StartFunction is { } start)
        {
            if (start >= context.FunctionTypeIndices.Length) throw new InvalidModuleException(0, "unknown function");
            var type = context.FunctionType((int)start);
            if (type.Parameters.Count != 0 || type.Results.Count != 0) throw new InvalidModuleException(0, "start function");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var export in module.Exports)
        {
            if (!names.Add(export.Name)) throw new InvalidModuleException(export.Offset, "duplicate export name");
            var count = export.Kind switch
            {
                ExternKind.Function => context.FunctionTypeIndices.Length,
                ExternKind.Table => context.Tables.Length,
                ExternKind.Memory => context.Memories.Length,
                _ => context.Globals.Length,
            };
            if (export.Index >= (uint)count)
                throw new InvalidModuleException(export.Offset, $"unknown {export.Kind.ToString().ToLowerInvariant()}");
        }
    }
}
