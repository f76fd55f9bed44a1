using System.Collections.Generic;
using System.Text;
using WasmBind.Generators.Parsing;

namespace WasmBind.Generators.Wit;

/// <summary>WIT identifiers (kebab-case) and how they map to and from C# names.</summary>
internal static class WitNames
{
    private static readonly HashSet<string> Keywords = new(System.StringComparer.Ordinal)
    {
        "as", "bool", "borrow", "char", "constructor", "enum", "export", "f32", "f64", "flags", "from", "func", "future",
        "import", "include", "interface", "list", "option", "own", "package", "record", "resource", "result", "s16", "s32",
        "s64", "s8", "static", "stream", "string", "tuple", "type", "u16", "u32", "u64", "u8", "use", "variant", "with", "world",
    };

    /// <summary>Whether <paramref name="name"/> is a WIT keyword (written <c>%name</c> as an identifier).</summary>
    public static bool IsKeyword(string name) => Keywords.Contains(name);

    /// <summary>
    /// Whether <paramref name="name"/> is a WIT label: words of <c>[a-z][a-z0-9]*</c> or <c>[A-Z][A-Z0-9]*</c> joined
    /// by single hyphens.
    /// </summary>
    public static bool IsLabel(string name)
    {
        if (name.Length == 0) return false;
        foreach (var word in name.Split('-'))
        {
            if (word.Length == 0 || !(IsLower(word[0]) || IsUpper(word[0]))) return false;
            var lower = IsLower(word[0]);
            foreach (var c in word)
            {
                if (!(char.IsDigit(c) && c < 128) && (lower ? !IsLower(c) : !IsUpper(c))) return false;
            }
        }
        return true;
    }

    /// <summary>A C# name as a WIT label: <c>OrderItem</c> → <c>order-item</c>, <c>GetHTTPStatus</c> → <c>get-http-status</c>.</summary>
    public static string FromPascal(string name) => WasmNames.ToSnakeCase(name).Replace('_', '-');

    /// <summary>
    /// The WIT name of a core function name: itself when it is a label (<c>get-user</c>), its snake_case turned
    /// kebab (<c>get_user</c> → <c>get-user</c>), or null when neither gives a label.
    /// </summary>
    public static string? FromWasmName(string wasmName)
    {
        if (IsLabel(wasmName)) return wasmName;
        var kebab = wasmName.Replace('_', '-');
        return IsLabel(kebab) ? kebab : null;
    }

    /// <summary>A WIT label as a C# name: <c>order-item</c> → <c>OrderItem</c>, <c>HTTP-status</c> → <c>HttpStatus</c>.</summary>
    public static string ToPascal(string label)
    {
        var text = new StringBuilder(label.Length);
        foreach (var word in label.Split('-'))
        {
            if (word.Length == 0) continue;
            text.Append(char.ToUpperInvariant(word[0]));
            text.Append(word.Substring(1).ToLowerInvariant());
        }
        return text.ToString();
    }

    /// <summary>A WIT label as a C# parameter name: <c>max-items</c> → <c>maxItems</c> (a keyword gets <c>@</c>).</summary>
    public static string ToCamel(string label)
    {
        var pascal = ToPascal(label);
        var camel = char.ToLowerInvariant(pascal[0]) + pascal.Substring(1);
        return Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(camel) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ? "@" + camel : camel;
    }

    private static bool IsLower(char c) => c is >= 'a' and <= 'z';

    private static bool IsUpper(char c) => c is >= 'A' and <= 'Z';
}
