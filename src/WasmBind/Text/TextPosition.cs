namespace WasmBind.Text;

/// <summary>Where a token starts in the text: 1-based line and column, and the character offset.</summary>
internal readonly record struct TextPosition(int Line, int Column, int Offset)
{
    public MalformedTextException Error(string token, string reason)
    {
        const int MaxShown = 40;
        var shown = token.Length > MaxShown ? token[..MaxShown] + "..." : token;
        return new MalformedTextException(Line, Column, Offset, shown, reason);
    }
}
