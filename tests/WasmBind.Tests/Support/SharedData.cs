using Xunit.Abstractions;

namespace WasmBind.Tests.Support;

/// <summary>
/// Locates the read-only WebAssembly spec test data that lives next to the repository
/// (<c>../shared/testsuite</c> from the repository root), without copying it into the project.
/// </summary>
/// <remarks>
/// xunit 2.9 cannot skip a test at run time (its <c>SkipException</c> only works under xunit v3), so tests
/// over this data take their rows from <see cref="CoreScriptRows"/>: when the data is absent that yields one
/// <see cref="AbsentRow"/> row, which the test recognises with <see cref="IsAbsent"/>, explains in its output
/// and passes. A separate fact fails when the data is absent on CI (env var <c>CI</c> set), so a CI machine
/// cannot go green by not having the suite.
/// </remarks>
internal static class SharedData
{
    public const string AbsentRow = "(testsuite absent)";

    public static string? TestsuiteRoot { get; } = FindTestsuiteRoot();

    /// <summary>The wast2json output of the core suite, one folder per script.</summary>
    public static string? CoreJsonRoot => TestsuiteRoot is null ? null : Path.Combine(TestsuiteRoot, "json", "core");

    public static bool IsCi => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

    public static string AbsentMessage =>
        $"Spec test data not found: no 'shared/testsuite/json/core' in any parent of {AppContext.BaseDirectory}. " +
        "Tests over it pass without running (and fail on CI); put the suite at ../shared/testsuite next to the repository.";

    /// <summary>Theory rows: the core script names (folder names), or the single <see cref="AbsentRow"/>.</summary>
    public static IEnumerable<object[]> CoreScriptRows()
    {
        if (CoreJsonRoot is not { } root)
        {
            yield return [AbsentRow];
            yield break;
        }
        foreach (var dir in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
            yield return [Path.GetFileName(dir)];
    }

    /// <summary>True (after writing why to <paramref name="output"/>) when <paramref name="row"/> stands for absent data.</summary>
    public static bool IsAbsent(string row, ITestOutputHelper output)
    {
        if (row != AbsentRow) return false;
        output.WriteLine(AbsentMessage);
        return true;
    }

    private static string? FindTestsuiteRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "testsuite");
            if (Directory.Exists(Path.Combine(candidate, "json", "core"))) return candidate;
        }
        return null;
    }
}
