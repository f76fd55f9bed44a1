using System.Collections.Generic;
using Microsoft.CodeAnalysis.Text;

namespace WasmBind.Generators.Wit;

/// <summary>The kinds of WIT tokens.</summary>
internal enum WitTokenKind : byte
{
    Identifier,

    /// <summary>An identifier written with a leading <c>%</c>: never a keyword.</summary>
    EscapedIdentifier,
    Number,
    Symbol,
    End,
}

/// <summary>A token: its kind, text (a symbol's characters; an identifier without <c>%</c>) and span in the file.</summary>
internal readonly struct WitToken
{
    public WitToken(WitTokenKind kind, string text, TextSpan span)
    {
        Kind = kind;
        Text = text;
        Span = span;
    }

    public WitTokenKind Kind { get; }

    public string Text { get; }

    public TextSpan Span { get; }

    public bool Is(string symbolOrKeyword) => Kind is WitTokenKind.Symbol or WitTokenKind.Identifier && Text == symbolOrKeyword;

    public override string ToString() => Kind switch
    {
        WitTokenKind.End => "the end of the file",
        WitTokenKind.EscapedIdentifier => "'%" + Text + "'",
        _ => "'" + Text + "'",
    };
}

/// <summary>
/// Splits WIT text into tokens, skipping whitespace and comments (<c>//</c>, <c>///</c> and nested <c>/* */</c>).
/// An identifier is letters, digits and hyphens (its validity as a label is checked where it is used).
/// </summary>
internal static class WitLexer
{
    private const string Symbols = "{}()<>,;:.=*/@_";

    /// <summary>The tokens of <paramref name="text"/>, ending with an <see cref="WitTokenKind.End"/> token; or the first lexical error.</summary>
    public static List<WitToken> Tokenize(string text, out (string Message, TextSpan Span)? error)
    {
        var tokens = new List<WitToken>();
        error = null;
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            if (i >= text.Length) break;
            var c = text[i];
            var start = i;
            if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                while (i < text.Length && text[i] != '\n') i++;
                continue;
            }
            if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var depth = 0;
                while (i < text.Length)
                {
                    if (text[i] == '/' && i + 1 < text.Length && text[i + 1] == '*')
                    {
                        depth++;
                        i += 2;
                    }
                    else if (text[i] == '*' && i + 1 < text.Length && text[i + 1] == '/')
                    {
                        depth--;
                        i += 2;
                        if (depth == 0) break;
                    }
                    else
                    {
                        i++;
                    }
                }
                if (depth != 0)
                {
                    error = ("the comment is not closed with */", new TextSpan(start, 2));
                    return tokens;
                }
                continue;
            }
            if (c == '-' && i + 1 < text.Length && text[i + 1] == '>')
            {
                tokens.Add(new WitToken(WitTokenKind.Symbol, "->", new TextSpan(i, 2)));
                i += 2;
                continue;
            }
            if (c == '%' || char.IsLetter(c) || (c == '_' && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1])))
            {
                var escaped = c == '%';
                if (escaped) i++;
                var wordStart = i;
                while (i < text.Length && (IsAsciiLetterOrDigit(text[i]) || text[i] == '-' || text[i] == '_')) i++;
                if (i == wordStart)
                {
                    error = ("'%' must be followed by an identifier", new TextSpan(start, 1));
                    return tokens;
                }
                tokens.Add(new WitToken(escaped ? WitTokenKind.EscapedIdentifier : WitTokenKind.Identifier, text.Substring(wordStart, i - wordStart), new TextSpan(start, i - start)));
                continue;
            }
            if (char.IsDigit(c))
            {
                while (i < text.Length && (IsAsciiLetterOrDigit(text[i]) || text[i] == '.' || text[i] == '-' || text[i] == '+')) i++;
                tokens.Add(new WitToken(WitTokenKind.Number, text.Substring(start, i - start), new TextSpan(start, i - start)));
                continue;
            }
            if (Symbols.IndexOf(c) >= 0)
            {
                tokens.Add(new WitToken(WitTokenKind.Symbol, c.ToString(), new TextSpan(i, 1)));
                i++;
                continue;
            }
            error = ($"unexpected character '{c}'", new TextSpan(i, 1));
            return tokens;
        }
        tokens.Add(new WitToken(WitTokenKind.End, "", new TextSpan(text.Length, 0)));
        return tokens;
    }

    private static bool IsAsciiLetterOrDigit(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9';
}
