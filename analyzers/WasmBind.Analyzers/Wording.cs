namespace WasmBind.Analyzers;

/// <summary>English for diagnostic messages built from type names.</summary>
internal static class Wording
{
    /// <summary>
    /// <paramref name="noun"/> with "a" or "an" chosen by how it is spoken: "an Instance", "an IRenderer", "a Store",
    /// "a UserPlugin" (a "you" sound), "an Hour"-style silent letters are not guessed.
    /// </summary>
    public static string WithArticle(string noun)
    {
        if (noun.Length == 0) return noun;
        return (StartsWithVowelSound(noun) ? "an " : "a ") + noun;
    }

    private static bool StartsWithVowelSound(string noun)
    {
        switch (char.ToUpperInvariant(noun[0]))
        {
            case 'A':
            case 'E':
            case 'I':
            case 'O':
                return true;
            case 'U':
                // "Use", "Uni", "Uri", "Utf" sound like "you"; "Unsafe", "Update" do not.
                return !(noun.Length > 2 && IsConsonant(noun[1]) && IsVowel(noun[2]) && !noun.StartsWith("Und", System.StringComparison.OrdinalIgnoreCase));
            default:
                return false;
        }
    }

    private static bool IsVowel(char c) => "aeiouAEIOU".IndexOf(c) >= 0;

    private static bool IsConsonant(char c) => char.IsLetter(c) && !IsVowel(c);
}
