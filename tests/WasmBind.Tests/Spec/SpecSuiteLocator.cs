namespace WasmBind.Tests.Spec;

/// <summary>
/// Finds the wast2json core suite: <c>WASMBIND_TESTSUITE</c> if set, else the first <c>shared/testsuite/json/core</c>
/// found walking up from the test binaries (<c>../shared</c>, beside the repository).
/// </summary>
internal static class SpecSuiteLocator
{
    public const string EnvironmentVariable = "WASMBIND_TESTSUITE";

    /// <summary>The theory row that stands for "no suite here", since xunit 2 cannot skip a row at run time.</summary>
    public const string AbsentRow = "(testsuite not found)";

    public static string? CoreRoot { get; } = Find();

    /// <summary>Where we looked, for the message when nothing was found.</summary>
    public static string SearchDescription =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured
            ? $"{configured} (from {EnvironmentVariable})"
            : $"shared/testsuite/json/core above {AppContext.BaseDirectory}";

    /// <summary>CI machines always have the suite; there, its absence is an error rather than a pass.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The .wast form of the core suite (<c>wast/core</c> beside <c>json/core</c>), when present.</summary>
    public static string? WastCoreRoot { get; } =
        CoreRoot is null ? null : Path.GetFullPath(Path.Combine(CoreRoot, "..", "..", "wast", "core")) is var wast && Directory.Exists(wast) ? wast : null;

    public static bool IsSimd(string script) => script.StartsWith("simd_", StringComparison.Ordinal);

    /// <summary>The core script folders, in name order.</summary>
    public static IReadOnlyList<string> Scripts() =>
        CoreRoot is null ? [] : Directory.GetDirectories(CoreRoot).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();

    /// <summary>The wast2json folder of a proposal (<c>json/proposals/name</c> beside <c>json/core</c>), or null when absent.</summary>
    public static string? ProposalRoot(string proposal) =>
        CoreRoot is null ? null : Path.GetFullPath(Path.Combine(CoreRoot, "..", "proposals", proposal)) is var path && Directory.Exists(path) ? path : null;

    public static string ScriptPath(string script) => Path.Combine(CoreRoot!, script, script + ".json");

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured)
        {
            // Accept the testsuite folder, its json/core, or the shared folder above it: all are natural to type.
            string[] candidates = [Path.Combine(configured, "json", "core"), Path.Combine(configured, "testsuite", "json", "core"), configured];
            return candidates.FirstOrDefault(c => Directory.Exists(c) && Directory.Exists(Path.Combine(c, "i32")));
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "testsuite", "json", "core");
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }
}
