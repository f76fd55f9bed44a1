using System.Text;

namespace WasmBind.Generators.Parsing;

/// <summary>Default wasm names for members, and the rule for valid ones.</summary>
internal static class WasmNames
{
    /// <summary>
    /// The default wasm name of a member: its name in snake_case, with a trailing <c>Async</c> dropped from async
    /// members (<c>FetchAsync</c> → <c>fetch</c>).
    /// </summary>
    public static string DefaultName(string memberName, bool isAsync)
    {
        const string suffix = "Async";
        if (isAsync && memberName.Length > suffix.Length && memberName.EndsWith(suffix, System.StringComparison.Ordinal))
            memberName = memberName.Substring(0, memberName.Length - suffix.Length);
        return ToSnakeCase(memberName);
    }

    /// <summary>
    /// snake_case: a word starts at an upper-case letter that follows a lower-case letter or a digit, and at the
    /// last upper-case letter of a run that a lower-case letter follows, so acronyms stay one word
    /// (<c>GetUserName</c> → <c>get_user_name</c>, <c>GetHTTPStatus</c> → <c>get_http_status</c>,
    /// <c>IOStream</c> → <c>io_stream</c>, <c>Utf8Decode</c> → <c>utf8_decode</c>). Underscores are kept, never doubled.
    /// </summary>
    public static string ToSnakeCase(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c == '_')
            {
                if (text.Length > 0 && text[text.Length - 1] != '_') text.Append('_');
                continue;
            }
            if (char.IsUpper(c))
            {
                var previous = i > 0 ? name[i - 1] : '\0';
                var next = i + 1 < name.Length ? name[i + 1] : '\0';
                var startsWord = i > 0 && (char.IsLower(previous) || char.IsDigit(previous) || (char.IsUpper(previous) && char.IsLower(next)));
                if (startsWord && text.Length > 0 && text[text.Length - 1] != '_') text.Append('_');
                text.Append(char.ToLowerInvariant(c));
            }
            else
            {
                text.Append(c);
            }
        }
        while (text.Length > 1 && text[text.Length - 1] == '_') text.Length--;
        return text.ToString();
    }

    /// <summary>
    /// Why <paramref name="name"/> is not a valid wasm name, or null when it is. Valid: non-empty, no control
    /// characters (U+0000-U+001F, U+007F-U+009F), no unpaired surrogates (so it encodes to UTF-8 as core names must).
    /// </summary>
    public static string? Validate(string? name)
    {
        if (name is null) return "it is null";
        if (name.Length == 0) return "it is empty";
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsControl(c)) return "it contains the control character U+" + ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture);
            if (char.IsHighSurrogate(c) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsSurrogate(c)) return "it contains an unpaired surrogate, which has no UTF-8 encoding";
        }
        return null;
    }
}
