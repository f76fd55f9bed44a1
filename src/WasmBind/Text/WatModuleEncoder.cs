namespace WasmBind.Text;

/// <summary>
/// Turns one text module (the items of a <c>(module ...)</c> list, or a whole <c>.wat</c> without the wrapper) into
/// the binary format. Two passes: the first gives every field its index and name (so names may be used before their
/// definition) and expands the inline abbreviations; the second encodes the sections.
/// </summary>
/// <remarks>
/// The encoder checks only what the text format itself requires (syntax, names, literal ranges, import order).
/// Everything the binary format leaves to validation (index ranges, types, alignment limits) is left to the validator,
/// so a text module is invalid exactly when its binary encoding is.
/// </remarks>
internal sealed partial class WatModuleEncoder
{
    private const byte FuncKind = 0, TableKind = 1, MemoryKind = 2, GlobalKind = 3;

    private readonly IndexSpace typeSpace = new("type");
    private readonly IndexSpace funcSpace = new("function");
    private readonly IndexSpace tableSpace = new("table");
    private readonly IndexSpace memorySpace = new("memory");
    private readonly IndexSpace globalSpace = new("global");
    private readonly IndexSpace elemSpace = new("elem segment");
    private readonly IndexSpace dataSpace = new("data segment");

    private readonly List<FunctionSignature> types = new();
    private readonly List<ImportEntry> imports = new();
    private readonly List<FuncEntry> funcs = new();
    private readonly List<SCursor> tables = new();
    private readonly List<SCursor> memories = new();
    private readonly List<SCursor> globals = new();
    private readonly List<ExportEntry> exports = new();
    private readonly List<ElemEntry> elems = new();
    private readonly List<DataEntry> datas = new();
    private readonly Dictionary<uint, string> functionNames = new();
    private SNode? start;
    private string? moduleName;
    // The first definition (not import) of a function, table, memory or global: imports may not follow one.
    private string? firstDefinition;
    private bool usesDataCount;

    private sealed record ImportEntry(byte[] Module, byte[] Name, byte Kind, SCursor Descriptor);
    private sealed record FuncEntry(SCursor Rest, SNode Node);
    private sealed record ExportEntry(byte[] Name, byte Kind, SNode? IndexNode, uint Index);
    /// <summary>An elem field (<see cref="Field"/>), or the segment a table's inline <c>(elem ...)</c> stands for.</summary>
    private sealed record ElemEntry(SCursor? Field, uint InlineTable, byte InlineType, SCursor? InlineItems)
    {
        /// <summary>Whether the inline segment's table is 64-bit, so its offset is <c>i64.const 0</c>.</summary>
        public bool InlineTable64 { get; init; }
    }
    /// <summary>A data field, or the segment a memory's inline <c>(data ...)</c> stands for.</summary>
    private sealed record DataEntry(SCursor? Field, uint InlineMemory, byte[]? InlineBytes)
    {
        /// <summary>Whether the inline segment's memory is 64-bit, so its offset is <c>i64.const 0</c>.</summary>
        public bool InlineMemory64 { get; init; }
    }

    /// <summary>
    /// Wasm 3.0's numbers (memory64): limits and memarg offsets are 64-bit, so one past 2^32 - 1 encodes and is left to
    /// validation (invalid for a 32-bit memory) instead of being malformed text as in 2.0.
    /// </summary>
    private bool wideNumbers = true;

    /// <summary>Encodes a module given as the items of its <c>(module $id? field*)</c> list after the keyword.</summary>
    /// <exception cref="MalformedTextException">The text is not a well-formed module.</exception>
    /// <param name="fields">The module's fields.</param>
    /// <param name="wideNumbers">3.0's 64-bit limits and offsets (see <see cref="wideNumbers"/>); false for 2.0's rules.</param>
    public static byte[] Encode(SCursor fields, bool wideNumbers = true)
    {
        var encoder = new WatModuleEncoder { wideNumbers = wideNumbers };
        encoder.moduleName = fields.TakeId();
        encoder.Collect(fields);
        return encoder.EncodeSections();
    }

    /// <summary>Encodes a whole text: a single <c>(module ...)</c>, or module fields without the wrapper.</summary>
    public static byte[] EncodeText(string text, bool wideNumbers = true)
    {
        var nodes = SExpressionReader.Read(text);
        if (nodes.Count == 1 && nodes[0] is SList { Head: "module" } module) return Encode(new SCursor(module, 1), wideNumbers);
        var root = new SList(new TextPosition(1, 1, 0), nodes);
        foreach (var node in nodes)
        {
            if (node is SList { Head: "module" }) throw node.Error("unexpected token: a module inside a module, or more than one module");
        }
        return Encode(new SCursor(root), wideNumbers);
    }

    /// <summary>Encodes module fields given as text, without a <c>(module ...)</c> around them (a quoted module's text).</summary>
    public static byte[] EncodeFields(string text, bool wideNumbers = true)
    {
        var root = new SList(new TextPosition(1, 1, 0), SExpressionReader.Read(text));
        return Encode(new SCursor(root), wideNumbers);
    }

    private void Collect(SCursor fields)
    {
        while (!fields.AtEnd)
        {
            var node = fields.Next();
            if (node is not SList field) throw node.Error("unexpected token, expected a module field");
            var c = new SCursor(field, 1);
            switch (field.Head)
            {
                case "type": CollectType(c, field); break;
                case "import": CollectImport(c, field); break;
                case "func": CollectFunc(c, field); break;
                case "table": CollectTable(c, field); break;
                case "memory": CollectMemory(c, field); break;
                case "global": CollectGlobal(c, field); break;
                case "export":
                    var name = Name(c, "export name");
                    var desc = c.NextList("an export descriptor");
                    c.ExpectEnd();
                    var dc = new SCursor(desc, 1);
                    var kind = desc.Head switch
                    {
                        "func" => FuncKind,
                        "table" => TableKind,
                        "memory" => MemoryKind,
                        "global" => GlobalKind,
                        _ => throw desc.Error("unexpected token, expected func, table, memory or global"),
                    };
                    var index = dc.Next();
                    dc.ExpectEnd();
                    exports.Add(new ExportEntry(name, kind, index, 0));
                    break;
                case "start":
                    if (start is not null) throw field.Error("multiple start sections");
                    start = c.Next();
                    c.ExpectEnd();
                    break;
                case "elem":
                    elemSpace.Add(c.TakeId(), field);
                    elems.Add(new ElemEntry(c, 0, 0, null));
                    break;
                case "data":
                    dataSpace.Add(c.TakeId(), field);
                    datas.Add(new DataEntry(c, 0, null));
                    break;
                case "tag":
                    throw Unsupported(field, "exception handling");
                case "rec":
                    throw Unsupported(field, "GC");
                default:
                    throw field.Error(field.Head is null ? "unexpected token, expected a module field" : $"unknown module field '{field.Head}'");
            }
        }
    }

    private void CollectType(SCursor c, SList field)
    {
        var id = c.TakeId();
        var func = c.NextList("(func ...)");
        if (func.Head is "struct" or "array" or "sub") throw Unsupported(func, "GC");
        if (func.Head != "func") throw func.Error("unexpected token, expected (func ...)");
        var fc = new SCursor(func, 1);
        var signature = ParseSignature(fc, allowNames: true, out _);
        fc.ExpectEnd();
        c.ExpectEnd();
        typeSpace.Add(id, field);
        types.Add(signature);
    }

    private void CollectImport(SCursor c, SList field)
    {
        var module = Name(c, "module name");
        var name = Name(c, "import name");
        var desc = c.NextList("an import descriptor");
        c.ExpectEnd();
        var dc = new SCursor(desc, 1);
        var id = dc.TakeId();
        var kind = desc.Head switch
        {
            "tag" => throw Unsupported(desc, "exception handling"),
            "func" => FuncKind,
            "table" => TableKind,
            "memory" => MemoryKind,
            "global" => GlobalKind,
            _ => throw desc.Error("unexpected token, expected func, table, memory or global"),
        };
        AddImport(module, name, kind, id, dc, field);
    }

    private void AddImport(byte[] module, byte[] name, byte kind, string? id, SCursor descriptor, SNode at)
    {
        if (firstDefinition is not null) throw at.Error($"import after {firstDefinition}");
        var index = SpaceOf(kind).Add(id, at);
        if (kind == FuncKind && id is not null) functionNames[index] = id[1..];
        imports.Add(new ImportEntry(module, name, kind, descriptor));
    }

    private IndexSpace SpaceOf(byte kind) => kind switch
    {
        FuncKind => funcSpace,
        TableKind => tableSpace,
        MemoryKind => memorySpace,
        _ => globalSpace,
    };

    /// <summary>
    /// The part every definition shares: <c>$id? (export "n")* (import "m" "n")?</c>. Returns true when the definition
    /// is an inline import (then <paramref name="c"/> is left at its descriptor).
    /// </summary>
    private bool CollectInlineExportsAndImport(SCursor c, SList field, byte kind, string kindName, out uint index)
    {
        var id = c.TakeId();
        var exported = new List<byte[]>();
        while (c.TakeList("export") is { } export)
        {
            var ec = new SCursor(export, 1);
            exported.Add(Name(ec, "export name"));
            ec.ExpectEnd();
        }
        var imported = c.TakeList("import");
        if (imported is not null)
        {
            var ic = new SCursor(imported, 1);
            var module = Name(ic, "module name");
            var name = Name(ic, "import name");
            ic.ExpectEnd();
            index = SpaceOf(kind).Count;
            AddImport(module, name, kind, id, c, field);
        }
        else
        {
            firstDefinition ??= kindName;
            index = SpaceOf(kind).Add(id, field);
            if (kind == FuncKind && id is not null) functionNames[index] = id[1..];
        }
        foreach (var name in exported) exports.Add(new ExportEntry(name, kind, null, index));
        return imported is not null;
    }

    private void CollectFunc(SCursor c, SList field)
    {
        if (!CollectInlineExportsAndImport(c, field, FuncKind, "function", out _)) funcs.Add(new FuncEntry(c, field));
    }

    private void CollectTable(SCursor c, SList field)
    {
        if (CollectInlineExportsAndImport(c, field, TableKind, "table", out var index)) return;
        // "addrtype? reftype (elem ...)": a table exactly as large as its inline segment.
        var addressType = c.Peek is SAtom { Kind: AtomKind.Keyword, Text: "i64" or "i32" } a && c.PeekAt(2) is SList { Head: "elem" } ? a : null;
        if (addressType is not null) c.Next();
        if (c.Peek is SAtom { Kind: AtomKind.Keyword } && c.PeekAt(1) is SList { Head: "elem" } elem)
        {
            var type = RefType(c.Next());
            c.Next();
            c.ExpectEnd();
            var items = new SCursor(elem, 1);
            var count = elem.Items.Count - 1;
            List<SNode> limits = [
                new SAtom(field.Position, AtomKind.Other, count.ToString(System.Globalization.CultureInfo.InvariantCulture), null),
                new SAtom(field.Position, AtomKind.Other, count.ToString(System.Globalization.CultureInfo.InvariantCulture), null),
                new SAtom(field.Position, AtomKind.Keyword, type == RefFunc ? "funcref" : "externref", null)];
            if (addressType is not null) limits.Insert(0, addressType);
            tables.Add(new SCursor(new SList(field.Position, limits)));
            elemSpace.Add(null, elem);
            elems.Add(new ElemEntry(null, index, type, items) { InlineTable64 = addressType?.Text == "i64" });
            return;
        }
        tables.Add(c);
    }

    private void CollectMemory(SCursor c, SList field)
    {
        if (CollectInlineExportsAndImport(c, field, MemoryKind, "memory", out var index)) return;
        // "addrtype? (data ...)": a memory exactly as large as its inline segment.
        var addressType = c.Peek is SAtom { Kind: AtomKind.Keyword, Text: "i64" or "i32" } a && c.PeekAt(1) is SList { Head: "data" } ? a : null;
        if (addressType is not null) c.Next();
        if (c.TakeList("data") is { } data)
        {
            c.ExpectEnd();
            var bytes = DataStrings(new SCursor(data, 1));
            var pages = ((long)bytes.Length + 65535) / 65536;
            var text = pages.ToString(System.Globalization.CultureInfo.InvariantCulture);
            List<SNode> limits = [new SAtom(field.Position, AtomKind.Other, text, null), new SAtom(field.Position, AtomKind.Other, text, null)];
            if (addressType is not null) limits.Insert(0, addressType);
            memories.Add(new SCursor(new SList(field.Position, limits)));
            dataSpace.Add(null, data);
            datas.Add(new DataEntry(null, index, bytes) { InlineMemory64 = addressType?.Text == "i64" });
            return;
        }
        if (addressType is not null) throw addressType.Error("unexpected token");
        memories.Add(c);
    }

    private void CollectGlobal(SCursor c, SList field)
    {
        if (CollectInlineExportsAndImport(c, field, GlobalKind, "global", out _)) return;
        globals.Add(c);
    }

    /// <summary>A name string: any bytes in the text, but a name must be valid UTF-8.</summary>
    private static byte[] Name(SCursor c, string what)
    {
        var node = c.Peek;
        var bytes = c.NextString(what);
        if (Utf8.Decode(bytes) is null) throw node!.Error("malformed UTF-8 encoding");
        return bytes;
    }

    private static byte[] DataStrings(SCursor c)
    {
        var all = new ByteBuffer();
        while (!c.AtEnd) all.Bytes(c.NextString("a data string"));
        return all.ToArray();
    }
}
