namespace WasmBind.Binary;

// The sections that declare types, imports, functions, tables, memories, globals and exports.
internal static partial class ModuleDecoder
{
    private static FunctionType[] ReadTypeSection(ref WasmReader reader)
    {
        var types = new FunctionType[reader.ReadCount()];
        for (var i = 0; i < types.Length; i++)
        {
            var offset = reader.Offset;
            if (reader.ReadSmallLeb() != 0x60) WasmReader.ThrowAt(offset, "malformed function type");
            var parameters = ReadResultType(ref reader);
            var results = ReadResultType(ref reader);
            types[i] = new FunctionType(parameters, results);
        }
        return types;
    }

    private static ValueType[] ReadResultType(ref WasmReader reader)
    {
        var count = reader.ReadCount();
        if (count == 0) return [];
        var types = new ValueType[count];
        for (var i = 0; i < types.Length; i++) types[i] = reader.ReadValueType();
        return types;
    }

    private static void ReadImportSection(ref WasmReader reader, ModuleDefinition module, LimitsRules limits)
    {
        var imports = new ImportDefinition[reader.ReadCount()];
        for (var i = 0; i < imports.Length; i++)
        {
            var offset = reader.Offset;
            var moduleName = reader.ReadName();
            var name = reader.ReadName();
            var kindOffset = reader.Offset;
            imports[i] = reader.ReadByte() switch
            {
                0 => new ImportDefinition(moduleName, name, ExternKind.Function, offset) { TypeIndex = reader.ReadU32() },
                1 => new ImportDefinition(moduleName, name, ExternKind.Table, offset) { Table = ReadTableType(ref reader, limits) },
                2 => new ImportDefinition(moduleName, name, ExternKind.Memory, offset) { Memory = ReadMemoryType(ref reader, limits) },
                3 => new ImportDefinition(moduleName, name, ExternKind.Global, offset) { Global = ReadGlobalType(ref reader) },
                _ => throw new MalformedModuleException(kindOffset, "malformed import kind"),
            };
            switch (imports[i].Kind)
            {
                case ExternKind.Function: module.ImportedFunctionCount++; break;
                case ExternKind.Table: module.ImportedTableCount++; break;
                case ExternKind.Memory: module.ImportedMemoryCount++; break;
                case ExternKind.Global: module.ImportedGlobalCount++; break;
            }
        }
        module.Imports = imports;
    }

    private static uint[] ReadIndexVector(ref WasmReader reader)
    {
        var indices = new uint[reader.ReadCount()];
        for (var i = 0; i < indices.Length; i++) indices[i] = reader.ReadU32();
        return indices;
    }

    private static TableType[] ReadTableSection(ref WasmReader reader, LimitsRules limits)
    {
        var tables = new TableType[reader.ReadCount()];
        for (var i = 0; i < tables.Length; i++) tables[i] = ReadTableType(ref reader, limits);
        return tables;
    }

    private static MemoryType[] ReadMemorySection(ref WasmReader reader, LimitsRules limits)
    {
        var memories = new MemoryType[reader.ReadCount()];
        for (var i = 0; i < memories.Length; i++) memories[i] = ReadMemoryType(ref reader, limits);
        return memories;
    }

    private static GlobalDefinition[] ReadGlobalSection(ref WasmReader reader)
    {
        var globals = new GlobalDefinition[reader.ReadCount()];
        for (var i = 0; i < globals.Length; i++)
        {
            var type = ReadGlobalType(ref reader);
            globals[i] = new GlobalDefinition(type, ConstantExpressionDecoder.Read(ref reader));
        }
        return globals;
    }

    private static ExportDefinition[] ReadExportSection(ref WasmReader reader)
    {
        var exports = new ExportDefinition[reader.ReadCount()];
        for (var i = 0; i < exports.Length; i++)
        {
            var offset = reader.Offset;
            var name = reader.ReadName();
            var kindOffset = reader.Offset;
            var kind = reader.ReadByte();
            if (kind > (byte)ExternKind.Global) WasmReader.ThrowAt(kindOffset, "malformed export kind");
            exports[i] = new ExportDefinition(name, (ExternKind)kind, reader.ReadU32(), offset);
        }
        return exports;
    }

    private static TableType ReadTableType(ref WasmReader reader, LimitsRules rules)
    {
        // 0x40 0x00 starts a table with an initializer expression, an encoding of typed function references. Naming the
        // proposal (with the text format's "unsupported: " prefix) lets a user and the spec runners tell a module of an
        // unimplemented proposal from a damaged one; it is still a MalformedModuleException, as under Wasm 2.0.
        if (reader.Remaining > 0 && reader.PeekByte() == 0x40)
            WasmReader.ThrowAt(reader.Offset, Text.UnsupportedFeatures.Prefix + "typed function references (a table with an initializer expression) is not implemented");
        var elementType = reader.ReadReferenceType();
        var limits = reader.ReadLimits(allowShared: false, out _, out var is64, allowSharedWithoutMaximum: false, allowAddressType64: rules.Memory64);
        return new TableType(elementType, limits) { Is64 = is64 };
    }

    private static MemoryType ReadMemoryType(ref WasmReader reader, LimitsRules rules)
    {
        var limits = reader.ReadLimits(allowShared: true, out var shared, out var is64, allowSharedWithoutMaximum: rules.Threads, allowAddressType64: rules.Memory64);
        return new MemoryType(limits, shared) { Is64 = is64 };
    }

    private static GlobalType ReadGlobalType(ref WasmReader reader)
    {
        var valueType = reader.ReadValueType();
        var offset = reader.Offset;
        var mutability = reader.ReadByte();
        if (mutability > 1) WasmReader.ThrowAt(offset, "malformed mutability");
        return new GlobalType(valueType, mutability == 1);
    }
}

/// <summary>Which proposals' limits encodings the decoder accepts (see <see cref="ModuleDecoder.Decode"/>).</summary>
internal readonly record struct LimitsRules(bool Threads, bool Memory64);
