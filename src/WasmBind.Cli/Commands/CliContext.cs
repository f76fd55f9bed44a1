namespace WasmBind.Cli.Commands;

/// <summary>Where a command writes. Passed in rather than using <see cref="Console"/> so tests can capture it.</summary>
internal sealed record CliContext(TextWriter Out, TextWriter Error)
{
    /// <summary>
    /// Runs a command body, turning the failures a user can cause (a missing file, a bad module, a bad argument)
    /// into one line on stderr and exit code 1. Anything else is a bug and keeps its stack trace.
    /// </summary>
    public int Guard(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception ex) when (IsExpected(ex))
        {
            Error.WriteLine($"error: {ex.Message}");
            return 1;
        }
    }

    private static bool IsExpected(Exception ex) =>
        ex is IOException or UnauthorizedAccessException or WasmException or UsageException or FormatException;
}

/// <summary>The user asked for something that cannot be done (an unknown export, an argument of the wrong form).</summary>
internal sealed class UsageException(string message) : Exception(message);
