using System.Text;

namespace WasmBind.Text;

/// <summary>
/// Lexes WebAssembly text and builds its S-expression tree, skipping whitespace, comments and annotations.
/// Iterative, with a nesting limit, so hostile text cannot exhaust the .NET stack here or in the parsers after it.
/// </summary>
internal sealed class SExpressionReader
{
    /// <summary>How deeply lists may nest. The parsers recurse once per level, so this bounds their stack use.</summary>
    public const int MaxDepth = 1000;

    private readonly string text;
    private int pos;
    private int line = 1;
    private int lineStart;

    private SExpressionReader(string text) => this.text = text;

    /// <summary>The top-level nodes of <paramref name="text"/>.</summary>
    /// <exception cref="MalformedTextException">The text is not a well-formed sequence of S-expressions.</exception>
    public static List<SNode> Read(string text) => new SExpressionReader(text).ReadAll();

    private TextPosition Here => new(line, pos - lineStart + 1, pos);

    private List<SNode> ReadAll()
    {
        var top = new List<SNode>();
        var open = new Stack<(TextPosition Position, List<SNode> Items)>();
        var items = top;
        while (true)
        {
            SkipBlank();
            if (pos >= text.Length) break;
            var start = Here;
            var c = text[pos];
            if (c == '(')
            {
                if (pos + 1 < text.Length && text[pos + 1] == '@')
                {
                    SkipAnnotation();
                    continue;
                }
                pos++;
                if (open.Count >= MaxDepth) throw start.Error("(", $"nesting deeper than {MaxDepth} lists");
                open.Push((start, items));
                items = new List<SNode>();
                continue;
            }
            if (c == ')')
            {
                pos++;
                if (open.Count == 0) throw start.Error(")", "unexpected token, unbalanced ')'");
                var (listStart, outer) = open.Pop();
                outer.Add(new SList(listStart, items));
                items = outer;
                continue;
            }
            items.Add(ReadAtom(start));
        }
        if (open.Count > 0) throw open.Peek().Position.Error("(", "unclosed list, unexpected end of text");
        return top;
    }

    private static bool IsIdChar(char c) => c is >= '0' and <= '9' or >= 'a' and <= 'z' or >= 'A' and <= 'Z'
        or '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '/' or ':' or '<' or '=' or '>'
        or '?' or '@' or '\\' or '^' or '_' or '`' or '|' or '~';

    private SAtom ReadAtom(TextPosition start)
    {
        var c = text[pos];
        if (c == '"')
        {
            var bytes = ReadString(start);
            var atom = new SAtom(start, AtomKind.String, text[start.Offset..pos], bytes);
            RequireSeparator(start);
            return atom;
        }
        if (c == '$' && pos + 1 < text.Length && text[pos + 1] == '"')
        {
            pos++;
            var nameStart = Here;
            var bytes = ReadString(nameStart);
            if (bytes.Length == 0) throw start.Error("$\"\"", "empty identifier");
            var name = Utf8.Decode(bytes) ?? throw start.Error(text[start.Offset..pos], "malformed UTF-8 encoding");
            RequireSeparator(start);
            return new SAtom(start, AtomKind.Id, "$" + name, null);
        }
        if (!IsIdChar(c))
        {
            var shown = char.IsSurrogate(c) && pos + 1 < text.Length ? text.Substring(pos, 2) : c.ToString();
            throw start.Error(shown, c > 0x7E || c < 0x20 ? "malformed UTF-8 encoding or illegal character" : "unknown operator (illegal character)");
        }
        while (pos < text.Length && IsIdChar(text[pos])) pos++;
        var token = text[start.Offset..pos];
        RequireSeparator(start);
        var kind = token[0] switch
        {
            '$' when token.Length > 1 => AtomKind.Id,
            >= 'a' and <= 'z' => AtomKind.Keyword,
            _ => AtomKind.Other,
        };
        return new SAtom(start, kind, token, null);
    }

    // Tokens must be separated by whitespace, a parenthesis or a comment: "a"b or 1"x" is one malformed token.
    private void RequireSeparator(TextPosition start)
    {
        if (pos >= text.Length) return;
        var c = text[pos];
        if (c is ' ' or '\t' or '\n' or '\r' or '(' or ')' || (c == ';' && pos + 1 < text.Length && text[pos + 1] == ';')) return;
        var end = pos;
        while (end < text.Length && (IsIdChar(text[end]) || text[end] == '"')) end++;
        throw start.Error(text[start.Offset..Math.Max(end, pos + 1)], "unknown operator (tokens not separated)");
    }

    private byte[] ReadString(TextPosition start)
    {
        pos++; // opening quote
        var bytes = new List<byte>();
        Span<byte> utf8 = stackalloc byte[4];
        while (true)
        {
            if (pos >= text.Length || text[pos] == '\n') throw start.Error(text[start.Offset..pos], "unclosed string");
            var c = text[pos];
            if (c == '"')
            {
                pos++;
                return bytes.ToArray();
            }
            if (c < 0x20 || c == 0x7F) throw Here.Error(((int)c).ToString("x2"), "illegal control character in string");
            if (c != '\\')
            {
                var rune = ReadRune(start);
                var n = rune.EncodeToUtf8(utf8);
                for (var i = 0; i < n; i++) bytes.Add(utf8[i]);
                continue;
            }
            var escape = Here;
            pos++;
            if (pos >= text.Length) throw start.Error(text[start.Offset..pos], "unclosed string");
            var e = text[pos++];
            switch (e)
            {
                case 't': bytes.Add(0x09); break;
                case 'n': bytes.Add(0x0A); break;
                case 'r': bytes.Add(0x0D); break;
                case '"': bytes.Add(0x22); break;
                case '\'': bytes.Add(0x27); break;
                case '\\': bytes.Add(0x5C); break;
                case 'u': bytes.AddRange(ReadUnicodeEscape(escape, utf8)); break;
                default:
                    if (pos < text.Length && HexValue(e) >= 0 && HexValue(text[pos]) >= 0)
                    {
                        bytes.Add((byte)(HexValue(e) * 16 + HexValue(text[pos])));
                        pos++;
                        break;
                    }
                    throw escape.Error(text[escape.Offset..pos], "illegal escape");
            }
        }
    }

    private byte[] ReadUnicodeEscape(TextPosition escape, Span<byte> utf8)
    {
        if (pos >= text.Length || text[pos] != '{') throw escape.Error("\\u", "illegal escape");
        pos++;
        long value = 0;
        var digits = 0;
        var lastUnderscore = true;
        while (pos < text.Length && text[pos] != '}')
        {
            var ch = text[pos];
            if (ch == '_' && !lastUnderscore)
            {
                lastUnderscore = true;
            }
            else if (HexValue(ch) is var h and >= 0)
            {
                value = Math.Min(value * 16 + h, 0x11_0000);
                digits++;
                lastUnderscore = false;
            }
            else
            {
                throw escape.Error(text[escape.Offset..(pos + 1)], "illegal escape");
            }

            pos++;
        }
        if (pos >= text.Length || digits == 0 || lastUnderscore) throw escape.Error(text[escape.Offset..pos], "illegal escape");
        pos++;
        if (value >= 0x11_0000 || value is >= 0xD800 and < 0xE000) throw escape.Error(text[escape.Offset..pos], "illegal escape (not a Unicode scalar value)");
        var n = new Rune((int)value).EncodeToUtf8(utf8);
        return utf8[..n].ToArray();
    }

    private Rune ReadRune(TextPosition start)
    {
        if (Rune.DecodeFromUtf16(text.AsSpan(pos), out var rune, out var used) != System.Buffers.OperationStatus.Done)
            throw Here.Error(text[pos].ToString(), "malformed UTF-8 encoding");
        pos += used;
        return rune;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    private void SkipBlank()
    {
        while (pos < text.Length)
        {
            var c = text[pos];
            if (c == '\n')
            {
                pos++;
                line++;
                lineStart = pos;
            }
            else if (c is ' ' or '\t' or '\r')
            {
                pos++;
            }
            else if (c == ';' && pos + 1 < text.Length && text[pos + 1] == ';')
            {
                SkipLineComment();
            }
            else if (c == '(' && pos + 1 < text.Length && text[pos + 1] == ';')
            {
                SkipBlockComment();
            }
            else if (c == ';')
            {
                throw Here.Error(";", "unexpected character ';'");
            }
            else
            {
                return;
            }
        }
    }

    // A line comment ends at a line feed or a carriage return (either ends a line in the text format).
    private void SkipLineComment()
    {
        while (pos < text.Length && text[pos] != '\n' && text[pos] != '\r') pos++;
    }

    // Block comments nest, and may hold any text; only their delimiters matter.
    private void SkipBlockComment()
    {
        var start = Here;
        var depth = 0;
        while (pos < text.Length)
        {
            var c = text[pos];
            if (c == '(' && pos + 1 < text.Length && text[pos + 1] == ';')
            {
                depth++;
                pos += 2;
            }
            else if (c == ';' && pos + 1 < text.Length && text[pos + 1] == ')')
            {
                depth--;
                pos += 2;
                if (depth == 0) return;
            }
            else
            {
                if (c == '\n')
                {
                    line++;
                    lineStart = pos + 1;
                }
                else if (char.IsSurrogate(c) && Rune.DecodeFromUtf16(text.AsSpan(pos), out _, out _) != System.Buffers.OperationStatus.Done)
                {
                    throw Here.Error(c.ToString(), "malformed UTF-8 encoding");
                }

                pos++;
            }
        }
        throw start.Error("(;", "unclosed comment");
    }

    // An annotation (@id ...) is skipped as a whole: its contents are tokens and nested lists, balanced.
    private void SkipAnnotation()
    {
        var start = Here;
        pos += 2;
        var nameStart = pos;
        if (pos < text.Length && text[pos] == '"')
        {
            var name = ReadString(start);
            if (name.Length == 0) throw start.Error(text[start.Offset..pos], "empty annotation id");
            if (Utf8.Decode(name) is null) throw start.Error(text[start.Offset..pos], "malformed UTF-8 encoding");
        }
        else
        {
            while (pos < text.Length && IsIdChar(text[pos])) pos++;
            if (pos == nameStart) throw start.Error("(@", "empty annotation id");
        }
        // The body is skipped token by token: lists nest, strings and comments are read as such, and any other run of
        // identifier characters or , ; [ ] { } is a "reserved" token, which an annotation may hold.
        var depth = 1;
        while (true)
        {
            if (pos >= text.Length) throw start.Error(text[start.Offset..nameStart], "unclosed annotation");
            var c = text[pos];
            var next = pos + 1 < text.Length ? text[pos + 1] : '\0';
            if (c == '(' && next == ';')
            {
                SkipBlockComment();
            }
            else if (c == ';' && next == ';')
            {
                SkipLineComment();
            }
            else if (c == '\n')
            {
                pos++;
                line++;
                lineStart = pos;
            }
            else if (c is ' ' or '\t' or '\r')
            {
                pos++;
            }
            else if (c == '(')
            {
                pos++;
                if (++depth > MaxDepth) throw Here.Error("(", $"nesting deeper than {MaxDepth} lists");
            }
            else if (c == ')')
            {
                pos++;
                if (--depth == 0) return;
            }
            else if (c == '"')
            {
                ReadString(Here);
            }
            else if (IsIdChar(c) || c is ',' or ';' or '[' or ']' or '{' or '}')
            {
                pos++;
            }
            else
            {
                throw Here.Error(c.ToString(), "malformed UTF-8 encoding or illegal character");
            }
        }
    }
}

/// <summary>Strict UTF-8 decoding: names and quoted ids must be valid UTF-8.</summary>
internal static class Utf8
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The decoded text, or null when <paramref name="bytes"/> are not valid UTF-8.</summary>
    public static string? Decode(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return Strict.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
