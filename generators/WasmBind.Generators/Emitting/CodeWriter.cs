using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace WasmBind.Generators.Emitting;

/// <summary>Builds indented source text with "\n" line ends, whatever the platform, so output is deterministic.</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder text = new StringBuilder();
    private int indent;

    public void Line(string line = "")
    {
        if (line.Length > 0) text.Append(' ', indent * 4).Append(line);
        text.Append('\n');
    }

    /// <summary>Writes <paramref name="line"/> and an opening brace, and indents.</summary>
    public void Open(string line)
    {
        Line(line);
        Line("{");
        indent++;
    }

    /// <summary>Unindents and writes a closing brace followed by <paramref name="suffix"/>.</summary>
    public void Close(string suffix = "")
    {
        indent--;
        Line("}" + suffix);
    }

    public void Indent() => indent++;

    public void Unindent() => indent--;

    public override string ToString() => text.ToString();
}

/// <summary>Hands out identifiers that do not clash with each other or with reserved names.</summary>
internal sealed class NameScope
{
    private readonly HashSet<string> used = new HashSet<string>(System.StringComparer.Ordinal);

    public NameScope(params string[] reserved)
    {
        foreach (var name in reserved) used.Add(name);
    }

    /// <summary>A fresh identifier based on <paramref name="preferred"/>, escaped with <c>@</c> if it is a keyword.</summary>
    public string Use(string preferred)
    {
        var name = preferred;
        for (var i = 2; !used.Add(name); i++) name = preferred + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Escape(name);
    }

    /// <summary><paramref name="name"/> as an identifier: <c>@</c>-prefixed when it is a keyword.</summary>
    public static string Escape(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    /// <summary><paramref name="name"/> with a lower-case first letter.</summary>
    public static string Camel(string name) =>
        name.Length == 0 || !char.IsUpper(name[0]) ? name : char.ToLowerInvariant(name[0]) + name.Substring(1);
}
