namespace WasmBind.Text;

/// <summary>A function type as the binary format encodes it: value type bytes of parameters and results.</summary>
internal sealed record FunctionSignature(byte[] Parameters, byte[] Results)
{
    public bool Matches(FunctionSignature other) =>
        Parameters.AsSpan().SequenceEqual(other.Parameters) && Results.AsSpan().SequenceEqual(other.Results);
}

internal sealed partial class WatModuleEncoder
{
    private const byte RefFunc = 0x70, RefExtern = 0x6F;

    /// <summary>A value type keyword (or 3.0's <c>(ref null func|extern)</c> spelling of the two reference types).</summary>
    private static byte ValueType(SNode node) => node switch
    {
        SAtom { Kind: AtomKind.Keyword, Text: "i32" } => 0x7F,
        SAtom { Kind: AtomKind.Keyword, Text: "i64" } => 0x7E,
        SAtom { Kind: AtomKind.Keyword, Text: "f32" } => 0x7D,
        SAtom { Kind: AtomKind.Keyword, Text: "f64" } => 0x7C,
        SAtom { Kind: AtomKind.Keyword, Text: "v128" } => 0x7B,
        _ => RefType(node),
    };

    private static byte RefType(SNode node)
    {
        switch (node)
        {
            case SAtom { Kind: AtomKind.Keyword, Text: "funcref" }: return RefFunc;
            case SAtom { Kind: AtomKind.Keyword, Text: "externref" }: return RefExtern;
            case SList { Head: "ref" } list when list.Items.Count == 3 && list.Items[1] is SAtom { Text: "null" }:
                return HeapType(list.Items[2]);
            case SList { Head: "ref" } list:
                throw Unsupported(list, "typed function references (non-null and indexed reference types)");
            case SAtom { Kind: AtomKind.Keyword, Text: "anyref" or "eqref" or "i31ref" or "structref" or "arrayref" or "nullref" or "nullfuncref" or "nullexternref" }:
                throw Unsupported(node, "GC");
            case SAtom { Kind: AtomKind.Keyword, Text: "exnref" or "nullexnref" }:
                throw Unsupported(node, "exception handling");
            default:
                throw node.Error("unexpected token, expected a value type");
        }
    }

    private static byte HeapType(SNode node) => node switch
    {
        SAtom { Kind: AtomKind.Keyword, Text: "func" } => RefFunc,
        SAtom { Kind: AtomKind.Keyword, Text: "extern" } => RefExtern,
        SAtom { Kind: AtomKind.Keyword, Text: "any" or "eq" or "i31" or "struct" or "array" or "none" or "nofunc" or "noextern" } =>
            throw Unsupported(node, "GC"),
        SAtom { Kind: AtomKind.Keyword, Text: "exn" or "noexn" } => throw Unsupported(node, "exception handling"),
        SAtom { Kind: AtomKind.Id } or SAtom { Kind: AtomKind.Other } => throw Unsupported(node, "typed function references"),
        _ => throw node.Error("unexpected token, expected a heap type"),
    };

    /// <summary>
    /// <c>(param ...)* (result ...)*</c>: parameters (each <c>(param $id t)</c> or <c>(param t*)</c>) then results.
    /// <paramref name="names"/> gets each parameter's id (or null); ids are a syntax error where <paramref name="allowNames"/> is false.
    /// </summary>
    private static FunctionSignature ParseSignature(SCursor c, bool allowNames, out List<string?> names)
    {
        var parameters = new List<byte>();
        var results = new List<byte>();
        names = new List<string?>();
        while (c.TakeList("param") is { } param)
        {
            var pc = new SCursor(param, 1);
            if (pc.Peek is SAtom { Kind: AtomKind.Id } id)
            {
                if (!allowNames) throw id.Error("unexpected token (a parameter name is not allowed here)");
                pc.Next();
                parameters.Add(ValueType(pc.Next()));
                names.Add(id.Text);
                pc.ExpectEnd();
                continue;
            }
            while (!pc.AtEnd)
            {
                parameters.Add(ValueType(pc.Next()));
                names.Add(null);
            }
        }
        while (c.TakeList("result") is { } result)
        {
            var rc = new SCursor(result, 1);
            while (!rc.AtEnd) results.Add(ValueType(rc.Next()));
        }
        if (c.PeekList("param")) throw c.Peek!.Error("unexpected token (param after result)");
        return new FunctionSignature(parameters.ToArray(), results.ToArray());
    }

    /// <summary>
    /// A type use <c>(type x)? (param ...)* (result ...)*</c>: the index of <c>x</c> (whose signature any inline one
    /// must repeat), or of the first type equal to the inline signature, appended when there is none.
    /// </summary>
    /// <remarks>
    /// An index past the type section is left for the validator (invalid, "unknown type"), unless an inline signature
    /// is given too: that signature cannot be checked against a type that does not exist, which the text format
    /// makes malformed.
    /// </remarks>
    private uint TypeUse(SCursor c, bool allowNames, out List<string?> parameterNames, out int parameterCount)
    {
        var typeList = c.TakeList("type");
        var hasInline = c.PeekList("param") || c.PeekList("result");
        var signature = ParseSignature(c, allowNames, out parameterNames);
        if (typeList is not null)
        {
            var tc = new SCursor(typeList, 1);
            var index = typeSpace.Resolve(tc.Next());
            tc.ExpectEnd();
            if (index < types.Count)
            {
                if (hasInline && !types[(int)index].Matches(signature)) throw typeList.Error("inline function type does not match the type use");
                parameterCount = types[(int)index].Parameters.Length;
                if (!hasInline) parameterNames = new List<string?>(new string?[parameterCount]);
            }
            else if (hasInline)
            {
                throw typeList.Error("unknown type");
            }
            else
            {
                parameterCount = signature.Parameters.Length;
            }

            return index;
        }
        parameterCount = signature.Parameters.Length;
        return TypeIndexOf(signature);
    }

    private uint TypeIndexOf(FunctionSignature signature)
    {
        for (var i = 0; i < types.Count; i++)
        {
            if (types[i].Matches(signature)) return (uint)i;
        }
        types.Add(signature);
        return (uint)(types.Count - 1);
    }

    /// <summary>
    /// <c>addrtype? min max?</c>. An <c>i64</c> address type sets flag 0x04 and allows 64-bit numbers; so does
    /// <see cref="wideNumbers"/> (3.0) for <c>i32</c>, leaving a limit past 2^32 - 1 to validation. Numbers are
    /// encoded as LEB128, which reads the same as a u32 for a 32-bit value.
    /// </summary>
    private void Limits(SCursor c, ByteBuffer output)
    {
        var is64 = false;
        if (c.Peek is SAtom { Kind: AtomKind.Keyword, Text: "i64" or "i32" } addressType)
        {
            c.Next();
            is64 = addressType.Text == "i64";
        }
        if (c.Peek is SList { Head: "pagesize" } leadingPageSize) throw Unsupported(leadingPageSize, "custom page sizes");
        var wide = is64 || wideNumbers;
        var min = LimitValue(c.Next(), wide);
        var flags = is64 ? (byte)0x04 : (byte)0x00;
        if (IsNumber(c.Peek))
        {
            var max = LimitValue(c.Next(), wide);
            output.Byte((byte)(flags | 0x01));
            output.U64(min);
            output.U64(max);
        }
        else
        {
            output.Byte(flags);
            output.U64(min);
        }
        if (c.Peek is SAtom { Kind: AtomKind.Keyword, Text: "shared" } shared) throw Unsupported(shared, "threads (shared memory)");
        if (c.Peek is SList { Head: "pagesize" } pageSize) throw Unsupported(pageSize, "custom page sizes");
    }

    private static bool IsNumber(SNode? node) => node is SAtom { Kind: AtomKind.Other };

    private static ulong LimitValue(SNode node, bool wide)
    {
        if (node is SAtom { Kind: AtomKind.Other } atom)
        {
            if (NumberLiterals.TryParseUnsigned(atom.Text, wide ? ulong.MaxValue : uint.MaxValue, out var value)) return value;
            if (NumberLiterals.TryParseUnsigned(atom.Text, ulong.MaxValue, out _)) throw atom.Error("constant out of range");
            var unsigned = atom.Text.Length > 0 && atom.Text[0] is not ('+' or '-');
            if (unsigned && !NumberLiterals.TryParseInteger(atom.Text, 64, out _, out var outOfRange) && outOfRange) throw atom.Error("constant out of range");
        }
        throw node.Error("unexpected token, expected a limit");
    }

    /// <summary><c>valtype</c> or <c>(mut valtype)</c>.</summary>
    private static void GlobalType(SCursor c, ByteBuffer output)
    {
        var node = c.Next();
        if (node is SList { Head: "mut" } mut)
        {
            var mc = new SCursor(mut, 1);
            output.Byte(ValueType(mc.Next()));
            mc.ExpectEnd();
            output.Byte(0x01);
            return;
        }
        output.Byte(ValueType(node));
        output.Byte(0x00);
    }

    /// <summary><c>limits reftype</c>, encoded reftype first.</summary>
    private void TableType(SCursor c, ByteBuffer output)
    {
        var limits = new ByteBuffer();
        Limits(c, limits);
        output.Byte(RefType(c.Next()));
        output.Bytes(limits.Span);
        if (c.Peek is SList initializer) throw Unsupported(initializer, "table initializer expressions (typed function references)");
    }
}
