namespace WasmBind.Text;

/// <summary>A node of the text's S-expression tree: an atom or a parenthesised list.</summary>
internal abstract class SNode(TextPosition position)
{
    public TextPosition Position { get; } = position;

    /// <summary>The node as written, for error messages (a list shows its head).</summary>
    public abstract string Shown { get; }

    public MalformedTextException Error(string reason) => Position.Error(Shown, reason);
}

/// <summary>What kind of token an atom is.</summary>
internal enum AtomKind
{
    /// <summary>Starts with a lowercase letter: <c>func</c>, <c>i32.add</c>, <c>offset=4</c>, <c>inf</c>, <c>nan:0x1</c>.</summary>
    Keyword,
    /// <summary>An identifier <c>$name</c> (or 3.0's <c>$"quoted"</c>); <see cref="SAtom.Text"/> keeps the <c>$</c>.</summary>
    Id,
    /// <summary>A string literal; <see cref="SAtom.Bytes"/> holds its bytes after escapes.</summary>
    String,
    /// <summary>Anything else made of identifier characters: numbers, and reserved tokens.</summary>
    Other,
}

/// <summary>A token other than a parenthesis.</summary>
internal sealed class SAtom(TextPosition position, AtomKind kind, string text, byte[]? bytes) : SNode(position)
{
    public AtomKind Kind { get; } = kind;

    /// <summary>The token as written (for a string, with its quotes and escapes; for a quoted id, the decoded name).</summary>
    public string Text { get; } = text;

    /// <summary>A string literal's bytes.</summary>
    public byte[]? Bytes { get; } = bytes;

    public override string Shown => Text;

    public bool IsKeyword(string keyword) => Kind == AtomKind.Keyword && Text == keyword;
}

/// <summary>A parenthesised list.</summary>
internal sealed class SList(TextPosition position, List<SNode> items) : SNode(position)
{
    public List<SNode> Items { get; } = items;

    /// <summary>The list's first item when it is a keyword, else null.</summary>
    public string? Head => Items.Count > 0 && Items[0] is SAtom { Kind: AtomKind.Keyword } a ? a.Text : null;

    public override string Shown => Head is { } head ? "(" + head : "(";
}

/// <summary>Walks the items of a list (or of a whole text) left to right.</summary>
internal sealed class SCursor(IReadOnlyList<SNode> items, int start, SNode owner)
{
    private int index = start;

    public SCursor(SList list, int start = 0) : this(list.Items, start, list) { }

    public SNode Owner { get; } = owner;

    public bool AtEnd => index >= items.Count;

    public SNode? Peek => index < items.Count ? items[index] : null;

    public SNode? PeekAt(int ahead) => index + ahead < items.Count ? items[index + ahead] : null;

    public SNode Next() => index < items.Count ? items[index++] : throw EndError();

    /// <summary>The next item when it is a list headed by <paramref name="keyword"/>; consumes it.</summary>
    public SList? TakeList(string keyword)
    {
        if (Peek is SList list && list.Head == keyword)
        {
            index++;
            return list;
        }
        return null;
    }

    public bool PeekList(string keyword) => Peek is SList list && list.Head == keyword;

    /// <summary>The next item when it is the keyword <paramref name="keyword"/>; consumes it.</summary>
    public bool TakeKeyword(string keyword)
    {
        if (Peek is SAtom atom && atom.IsKeyword(keyword))
        {
            index++;
            return true;
        }
        return false;
    }

    public SAtom? TakeAtom(AtomKind kind)
    {
        if (Peek is SAtom atom && atom.Kind == kind)
        {
            index++;
            return atom;
        }
        return null;
    }

    public string? TakeId() => TakeAtom(AtomKind.Id)?.Text;

    public SAtom NextAtom(string what) => Next() is SAtom atom ? atom : throw items[index - 1].Error($"unexpected token, expected {what}");

    public string NextKeyword(string what)
    {
        var atom = NextAtom(what);
        return atom.Kind == AtomKind.Keyword ? atom.Text : throw atom.Error($"unexpected token, expected {what}");
    }

    public void ExpectKeyword(string keyword)
    {
        if (!TakeKeyword(keyword)) throw (Peek?.Error($"unexpected token, expected {keyword}") ?? EndError());
    }

    public SList NextList(string what) => Next() is SList list ? list : throw items[index - 1].Error($"unexpected token, expected {what}");

    public byte[] NextString(string what)
    {
        var node = Next();
        return node is SAtom { Kind: AtomKind.String, Bytes: { } bytes } ? bytes : throw node.Error($"unexpected token, expected {what}");
    }

    /// <summary>Fails unless every item has been consumed: anything left is a token the grammar does not allow here.</summary>
    public void ExpectEnd()
    {
        if (Peek is { } extra) throw extra.Error("unexpected token");
    }

    public MalformedTextException EndError() =>
        Owner.Position.Error(Owner.Shown, "unexpected end of list");
}
