namespace WasmBind.Text;

/// <summary>
/// WebAssembly text (<c>.wat</c> or a <c>.wast</c> script) that does not follow the text format: a lexical error,
/// a syntax error, an unknown name, a constant out of range. <see cref="MalformedModuleException.Offset"/> is the
/// character offset in the text.
/// </summary>
public sealed class MalformedTextException : MalformedModuleException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="line">1-based line of the offending token.</param>
    /// <param name="column">1-based column (in UTF-16 code units) of the offending token.</param>
    /// <param name="offset">Character offset of the offending token in the text.</param>
    /// <param name="token">The offending token as written (shortened if long), or empty at the end of the text.</param>
    /// <param name="reason">What was wrong, in the reference interpreter's words where it has them.</param>
    public MalformedTextException(int line, int column, long offset, string token, string reason)
        : base(FormatMessage(line, column, token, reason), offset, reason)
    {
        Line = line;
        Column = column;
        Token = token;
    }

    /// <summary>1-based line of the offending token.</summary>
    public int Line { get; }

    /// <summary>1-based column of the offending token.</summary>
    public int Column { get; }

    /// <summary>The offending token as written (at most 40 characters), or empty at the end of the text.</summary>
    public string Token { get; }

    private static string FormatMessage(int line, int column, string token, string reason) =>
        token.Length == 0
            ? $"malformed text at {line}:{column}: {reason}"
            : $"malformed text at {line}:{column} near '{token}': {reason}";
}
