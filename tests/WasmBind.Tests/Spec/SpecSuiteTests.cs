using System.Text;
using System.Text.Json;
using WasmBind.Testing;
using Xunit;
using Xunit.Abstractions;

namespace WasmBind.Tests.Spec;

/// <summary>Runs the WebAssembly core spec suite (wast2json form) through the CLI's spec-test runner.</summary>
public sealed class SpecSuiteTests(ITestOutputHelper output)
{
    /// <summary>
    /// The core suite is the Wasm 2.0 suite, so it runs with the 2.0 feature set (SIMD included): with threads on, a
    /// memory limits flag 0x02 decodes (and is invalid) where 2.0 calls it malformed. The threads scripts run in
    /// <see cref="ThreadsSpecSuiteTests"/>.
    /// </summary>
    internal static readonly EngineConfig Wasm2Config = new() { Features = WasmFeatures.Wasm2 };

    /// <summary>One row per core script (the simd_* ones included), so a failure names its script.</summary>
    public static TheoryData<string> Scripts()
    {
        var rows = new TheoryData<string>();
        var scripts = SpecSuiteLocator.Scripts();
        if (scripts.Count == 0) rows.Add(SpecSuiteLocator.AbsentRow);
        foreach (var script in scripts) rows.Add(script);
        return rows;
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Script_passes(string script)
    {
        if (!SuitePresent()) return;

        var result = new WastRunner(new WastRunOptions { SkipSimd = false, EngineConfig = Wasm2Config }).RunScript(SpecSuiteLocator.ScriptPath(script));

        output.WriteLine(WastReport.ScriptLine(result));
        Assert.True(result.Failed == 0, FailureReport(result));
    }

    [Fact]
    public void Whole_core_suite_counts_every_command_once()
    {
        if (!SuitePresent()) return;

        var summary = new WastRunner(new WastRunOptions { SkipSimd = false, EngineConfig = Wasm2Config }).RunPath(SpecSuiteLocator.CoreRoot!);
        WriteSummary(summary);

        var totals = summary.Totals;
        Assert.Equal(CountCommands(SpecSuiteLocator.CoreRoot!), totals.Total);
        foreach (var script in summary.Scripts)
        {
            Assert.Equal(CountCommands(script.Path), script.Passed + script.Failed + script.Skipped);
            Assert.Equal(script.Failed, script.Failures.Count);
        }
        Assert.Equal(totals.Total, summary.ByCommand.Values.Sum(t => t.Total));
        Assert.Equal(totals.Skipped, summary.SkippedByReason.Values.Sum());

        var exhaustion = summary.ByCommand["assert_exhaustion"];
        Assert.Equal((15, 0, 0), (exhaustion.Passed, exhaustion.Failed, exhaustion.Skipped));
    }

    private bool SuitePresent()
    {
        if (SpecSuiteLocator.CoreRoot is not null) return true;
        var message = $"testsuite not found at {SpecSuiteLocator.SearchDescription}; spec tests not run";
        if (SpecSuiteLocator.IsCi) Assert.Fail(message + " (CI=true requires the suite)");
        output.WriteLine(message);
        return false;
    }

    private void WriteSummary(WastRunSummary summary)
    {
        var t = summary.Totals;
        output.WriteLine($"{t.Passed} passed, {t.Failed} failed, {t.Skipped} skipped ({t.Total} commands)");
        foreach (var (reason, count) in summary.SkippedByReason) output.WriteLine($"  skipped {count}: {reason}");
        foreach (var (type, tally) in summary.ByCommand)
            output.WriteLine($"  {type}: {tally.Passed} passed, {tally.Failed} failed, {tally.Skipped} skipped");
        foreach (var script in summary.Scripts.Where(s => s.Failed > 0)) output.WriteLine(WastReport.ScriptLine(script));
    }

    private static string FailureReport(ScriptResult result)
    {
        const int Shown = 50;
        var text = new StringBuilder($"{result.Failed} failed command(s) in {result.Name}:");
        foreach (var failure in result.Failures.Take(Shown)) text.AppendLine().Append("  ").Append(failure);
        if (result.Failures.Count > Shown) text.AppendLine().Append($"  ... and {result.Failures.Count - Shown} more");
        return text.ToString();
    }

    // Counted from the JSON independently of the runner, so a command the runner drops or counts twice shows up.
    private static int CountCommands(string path)
    {
        if (Directory.Exists(path)) return Directory.EnumerateFiles(path, "*.json", SearchOption.AllDirectories).Sum(CountCommands);
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return document.RootElement.GetProperty("commands").GetArrayLength();
    }
}
