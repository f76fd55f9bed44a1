namespace WasmBind.Testing;

internal enum OutcomeKind { Passed, Failed, Skipped }

/// <summary>What became of one command: passed, failed with a message, or skipped for a reason.</summary>
internal readonly record struct Outcome(OutcomeKind Kind, string? Text)
{
    public static Outcome Pass => new(OutcomeKind.Passed, null);
    public static Outcome Fail(string message) => new(OutcomeKind.Failed, message);
    public static Outcome Skip(string reason) => new(OutcomeKind.Skipped, reason);
}

/// <summary>
/// The script itself cannot be followed (it names a module that failed to load, or an export that does not exist).
/// A failure of the command, but not an exception the runtime threw.
/// </summary>
internal sealed class ScriptException(string message) : Exception(message);

/// <summary>
/// The command needs something the runtime does not implement (a module written with a proposal's constructs, or an
/// instance of such a module): it is skipped with the reason, not failed.
/// </summary>
internal sealed class SkipException(string reason) : Exception(reason)
{
    /// <summary>The skip reason when <paramref name="ex"/> rejects text for using an unimplemented proposal, else null.</summary>
    public static string? ReasonFor(Exception ex) => ex switch
    {
        SkipException skip => skip.Message,
        MalformedModuleException malformed when malformed.Reason.StartsWith(Text.UnsupportedFeatures.Prefix, StringComparison.Ordinal) =>
            malformed.Reason[Text.UnsupportedFeatures.Prefix.Length..],
        // A module that declares more than one memory is the multi-memory proposal, which the validator rejects as such.
        InvalidModuleException { Reason: "multiple memories" } => "multi-memory is not implemented",
        _ => null,
    };
}

/// <summary>Turns exceptions into failure text: runtime errors by type and message, anything else (a bug) with where it came from.</summary>
internal static class ExceptionText
{
    public static string Describe(Exception ex) => ex switch
    {
        ScriptException => ex.Message,
        TrapException trap => $"trap {trap.Code}: {trap.Message}",
        WasmException => $"{ex.GetType().Name}: {ex.Message}",
        _ => $"unexpected {ex.GetType().FullName}: {ex.Message}{Origin(ex)}",
    };

    // The throwing frame is what a runtime developer needs first; the whole trace would drown the report.
    private static string Origin(Exception ex)
    {
        var frame = ex.StackTrace?.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return frame is null ? "" : $" ({frame})";
    }
}
