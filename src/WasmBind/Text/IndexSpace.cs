namespace WasmBind.Text;

/// <summary>One index space (functions, tables, locals, ...): how many entries it has and which have <c>$names</c>.</summary>
internal sealed class IndexSpace(string kind)
{
    private readonly Dictionary<string, uint> names = new(StringComparer.Ordinal);

    /// <summary>The space's name in errors: "func", "table", "local", ...</summary>
    public string Kind { get; } = kind;

    public uint Count { get; private set; }

    /// <summary>Adds an entry, named if <paramref name="id"/> is given; a name used twice is malformed.</summary>
    public uint Add(string? id, SNode at)
    {
        if (id is not null && !names.TryAdd(id, Count)) throw at.Error($"duplicate {Kind} {id}");
        return Count++;
    }

    public bool TryGet(string id, out uint index) => names.TryGetValue(id, out index);

    /// <summary>
    /// The index an atom denotes: a u32 literal (which may be out of range: the validator reports that as invalid)
    /// or a <c>$name</c> defined in this space (an unknown name is malformed: it cannot be encoded at all).
    /// </summary>
    public uint Resolve(SNode node)
    {
        if (node is SAtom { Kind: AtomKind.Id } id)
            return names.TryGetValue(id.Text, out var index) ? index : throw id.Error($"unknown {Kind} {id.Text}");
        return ParseIndex(node);
    }

    public static uint ParseIndex(SNode node)
    {
        if (node is SAtom { Kind: AtomKind.Other } atom && NumberLiterals.TryParseUnsigned(atom.Text, uint.MaxValue, out var value))
            return (uint)value;
        throw node.Error("unexpected token, expected an index");
    }

    /// <summary>Whether <paramref name="node"/> can be an index: a <c>$name</c> or an unsigned number.</summary>
    public static bool IsIndex(SNode? node) =>
        node is SAtom { Kind: AtomKind.Id } || node is SAtom { Kind: AtomKind.Other, Text: [>= '0' and <= '9', ..] };
}
