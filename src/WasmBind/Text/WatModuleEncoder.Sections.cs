using System.Text;
using WasmBind.Binary;

namespace WasmBind.Text;

internal sealed partial class WatModuleEncoder
{
    private byte[] EncodeSections()
    {
        // Imports and bodies may add types (inline signatures), so the type section is written last, placed first.
        var importSection = EncodeImports();
        var functionSection = new ByteBuffer();
        var codeSection = new ByteBuffer();
        EncodeFunctions(functionSection, codeSection);
        var tableSection = Vector(tables, (c, o) => { TableType(c, o); c.ExpectEnd(); });
        var memorySection = Vector(memories, (c, o) => { Limits(c, o); c.ExpectEnd(); });
        var globalSection = Vector(globals, (c, o) =>
        {
            GlobalType(c, o);
            ConstantExpression(c, o);
        });
        var exportSection = Vector(exports, (e, o) =>
        {
            o.Vector(e.Name);
            o.Byte(e.Kind);
            o.U32(e.IndexNode is { } node ? SpaceOf(e.Kind).Resolve(node) : e.Index);
        });
        var elementSection = Vector(elems, EncodeElem);
        var dataSection = Vector(datas, EncodeData);

        var module = new ByteBuffer();
        module.Bytes([0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]);
        AddSection(module, 1, types.Count, Vector(types, (t, o) =>
        {
            o.Byte(0x60);
            o.Vector(t.Parameters);
            o.Vector(t.Results);
        }));
        AddSection(module, 2, imports.Count, importSection);
        AddSection(module, 3, funcs.Count, functionSection);
        AddSection(module, 4, tables.Count, tableSection);
        AddSection(module, 5, memories.Count, memorySection);
        AddSection(module, 6, globals.Count, globalSection);
        AddSection(module, 7, exports.Count, exportSection);
        if (start is not null)
        {
            var startSection = new ByteBuffer();
            startSection.U32(funcSpace.Resolve(start));
            module.Section(8, startSection);
        }
        AddSection(module, 9, elems.Count, elementSection);
        if (usesDataCount)
        {
            var count = new ByteBuffer();
            count.U32((uint)datas.Count);
            module.Section(12, count);
        }
        AddSection(module, 10, funcs.Count, codeSection);
        AddSection(module, 11, datas.Count, dataSection);
        AddNameSection(module);
        return module.ToArray();
    }

    private static void AddSection(ByteBuffer module, byte id, int count, ByteBuffer contents)
    {
        if (count > 0) module.Section(id, contents);
    }

    private static ByteBuffer Vector<T>(List<T> items, Action<T, ByteBuffer> encode)
    {
        var output = new ByteBuffer();
        output.U32((uint)items.Count);
        foreach (var item in items) encode(item, output);
        return output;
    }

    private ByteBuffer EncodeImports() => Vector(imports, (import, o) =>
    {
        o.Vector(import.Module);
        o.Vector(import.Name);
        o.Byte(import.Kind);
        var c = import.Descriptor;
        switch (import.Kind)
        {
            case FuncKind: o.U32(TypeUse(c, allowNames: true, out _, out _)); break;
            case TableKind: TableType(c, o); break;
            case MemoryKind: Limits(c, o); break;
            default: GlobalType(c, o); break;
        }
        c.ExpectEnd();
    });

    private void EncodeFunctions(ByteBuffer functionSection, ByteBuffer codeSection)
    {
        functionSection.U32((uint)funcs.Count);
        codeSection.U32((uint)funcs.Count);
        foreach (var func in funcs)
        {
            var c = func.Rest;
            var scope = new BodyScope();
            functionSection.U32(TypeUse(c, allowNames: true, out var parameterNames, out var parameterCount));
            for (var i = 0; i < parameterCount; i++) scope.Locals.Add(i < parameterNames.Count ? parameterNames[i] : null, func.Node);

            var localTypes = new List<byte>();
            while (c.TakeList("local") is { } local)
            {
                var lc = new SCursor(local, 1);
                if (lc.TakeAtom(AtomKind.Id) is { } id)
                {
                    scope.Locals.Add(id.Text, id);
                    localTypes.Add(ValueType(lc.Next()));
                    lc.ExpectEnd();
                    continue;
                }
                while (!lc.AtEnd)
                {
                    scope.Locals.Add(null, local);
                    localTypes.Add(ValueType(lc.Next()));
                }
            }
            if (c.PeekList("param") || c.PeekList("result") || c.PeekList("type"))
                throw c.Peek!.Error("unexpected token (the function's type must come before its locals)");

            var body = new ByteBuffer();
            EncodeLocals(localTypes, body);
            Instructions(c, scope, body);
            body.Byte(Opcode.End);
            codeSection.U32((uint)body.Length);
            codeSection.Bytes(body.Span);
        }
    }

    // Consecutive locals of one type share an entry, as every producer writes them.
    private static void EncodeLocals(List<byte> types, ByteBuffer output)
    {
        var runs = new List<(uint Count, byte Type)>();
        foreach (var type in types)
        {
            if (runs.Count > 0 && runs[^1].Type == type) runs[^1] = (runs[^1].Count + 1, type);
            else runs.Add((1, type));
        }
        output.U32((uint)runs.Count);
        foreach (var (count, type) in runs)
        {
            output.U32(count);
            output.Byte(type);
        }
    }

    private void EncodeElem(ElemEntry entry, ByteBuffer o)
    {
        if (entry.Field is null)
        {
            // A table's inline segment: active at offset 0 of that table, encoded as its expansion would be.
            var items = entry.InlineItems!;
            var isIndices = IndexSpace.IsIndex(items.Peek) || items.AtEnd;
            var inlineFlags = entry.InlineTable == 0 && (isIndices || entry.InlineType == RefFunc) ? (byte)0x00 : (byte)0x02;
            if (!isIndices) inlineFlags |= 0x04;
            o.Byte(inlineFlags);
            if (inlineFlags is 0x02 or 0x06) o.U32(entry.InlineTable);
            o.Bytes([entry.InlineTable64 ? Opcode.I64Const : Opcode.I32Const, 0x00, Opcode.End]);
            if (inlineFlags == 0x02) o.Byte(0x00);
            else if (inlineFlags == 0x06) o.Byte(entry.InlineType);
            ElemItems(items, isIndices, o);
            return;
        }

        var c = entry.Field;
        var mode = "passive";
        uint table = 0;
        var offset = new ByteBuffer();
        if (c.TakeKeyword("declare"))
        {
            mode = "declare";
        }
        else
        {
            if (c.TakeList("table") is { } tableUse)
            {
                var tc = new SCursor(tableUse, 1);
                table = tableSpace.Resolve(tc.Next());
                tc.ExpectEnd();
                mode = "active";
            }
            else if (IndexSpace.IsIndex(c.Peek) && c.PeekAt(1) is SList)
            {
                // The 1.0 form: a bare table index before the offset.
                table = tableSpace.Resolve(c.Next());
                mode = "active";
            }
            if (c.TakeList("offset") is { } offsetList)
            {
                ConstantExpression(new SCursor(offsetList, 1), offset);
                mode = "active";
            }
            else if (c.Peek is SList { Head: not null } folded && folded.Head != "item" && folded.Head != "ref")
            {
                c.Next();
                Folded(folded, new BodyScope(), offset);
                offset.Byte(Opcode.End);
                mode = "active";
            }
            else if (mode == "active")
            {
                throw (c.Peek ?? c.Owner).Error("unexpected token, expected an offset");
            }
        }

        // The element list: "func idx*", "reftype item*", or (active, 1.0 form) bare function indices.
        bool indices;
        var type = RefFunc;
        if (c.TakeKeyword("func"))
        {
            indices = true;
        }
        else if (c.Peek is SAtom { Kind: AtomKind.Keyword } || c.Peek is SList { Head: "ref" })
        {
            type = RefType(c.Next());
            indices = false;
        }
        else if (mode == "active" && (IndexSpace.IsIndex(c.Peek) || c.AtEnd))
        {
            indices = true;
        }
        else
        {
            throw (c.Peek ?? c.Owner).Error("unexpected token, expected an element list");
        }

        byte flags = mode switch
        {
            "passive" => 0x01,
            "declare" => 0x03,
            _ => table == 0 && (indices || type == RefFunc) ? (byte)0x00 : (byte)0x02,
        };
        if (!indices) flags |= 0x04;
        o.Byte(flags);
        if (flags is 0x02 or 0x06) o.U32(table);
        if (mode == "active") o.Bytes(offset.Span);
        if (flags is not 0x00 and not 0x04) o.Byte(indices ? (byte)0x00 : type);
        ElemItems(c, indices, o);
    }

    private void ElemItems(SCursor c, bool indices, ByteBuffer o)
    {
        var items = new ByteBuffer();
        uint count = 0;
        while (!c.AtEnd)
        {
            count++;
            if (indices)
            {
                items.U32(funcSpace.Resolve(c.Next()));
                continue;
            }
            var node = c.NextList("an element expression");
            if (node.Head == "item")
            {
                ConstantExpression(new SCursor(node, 1), items);
            }
            else
            {
                Folded(node, new BodyScope(), items);
                items.Byte(Opcode.End);
            }
        }
        o.U32(count);
        o.Bytes(items.Span);
    }

    private void EncodeData(DataEntry entry, ByteBuffer o)
    {
        if (entry.Field is null)
        {
            o.Byte(entry.InlineMemory == 0 ? (byte)0x00 : (byte)0x02);
            if (entry.InlineMemory != 0) o.U32(entry.InlineMemory);
            o.Bytes([entry.InlineMemory64 ? Opcode.I64Const : Opcode.I32Const, 0x00, Opcode.End]);
            o.Vector(entry.InlineBytes!);
            return;
        }
        var c = entry.Field;
        uint? memory = null;
        if (c.TakeList("memory") is { } memoryUse)
        {
            var mc = new SCursor(memoryUse, 1);
            memory = memorySpace.Resolve(mc.Next());
            mc.ExpectEnd();
        }
        else if (IndexSpace.IsIndex(c.Peek))
        {
            memory = memorySpace.Resolve(c.Next());
        }

        var offset = new ByteBuffer();
        if (c.TakeList("offset") is { } offsetList)
        {
            ConstantExpression(new SCursor(offsetList, 1), offset);
        }
        else if (c.Peek is SList folded)
        {
            c.Next();
            Folded(folded, new BodyScope(), offset);
            offset.Byte(Opcode.End);
        }
        else if (memory is not null)
        {
            throw (c.Peek ?? c.Owner).Error("unexpected token, expected an offset");
        }

        var bytes = DataStrings(c);
        if (offset.Length == 0)
        {
            o.Byte(0x01);
        }
        else if (memory is null or 0)
        {
            o.Byte(0x00);
        }
        else
        {
            o.Byte(0x02);
            o.U32(memory.Value);
        }
        o.Bytes(offset.Span);
        o.Vector(bytes);
    }

    // Names from $ids, so traps and backtraces of text modules name their functions as a compiled module would.
    private void AddNameSection(ByteBuffer module)
    {
        if (moduleName is null && functionNames.Count == 0) return;
        var content = new ByteBuffer();
        content.Vector("name"u8);
        if (moduleName is not null)
        {
            var sub = new ByteBuffer();
            sub.Vector(Encoding.UTF8.GetBytes(moduleName[1..]));
            content.Section(0, sub);
        }
        if (functionNames.Count > 0)
        {
            var sub = new ByteBuffer();
            sub.U32((uint)functionNames.Count);
            foreach (var (index, name) in functionNames.OrderBy(n => n.Key))
            {
                sub.U32(index);
                sub.Vector(Encoding.UTF8.GetBytes(name));
            }
            content.Section(1, sub);
        }
        module.Section(0, content);
    }
}
