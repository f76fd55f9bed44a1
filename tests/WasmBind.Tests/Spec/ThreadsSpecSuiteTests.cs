using System.Text.Json;
using WasmBind.Testing;
using Xunit;
using Xunit.Abstractions;

namespace WasmBind.Tests.Spec;

/// <summary>Runs the threads proposal's spec scripts (json/proposals/threads) like the core suite.</summary>
public sealed class ThreadsSpecSuiteTests(ITestOutputHelper output)
{
    /// <summary>
    /// The threads proposal's scripts were written against the MVP plus threads, before reference types: with
    /// reference types on, their "multiple tables" modules would be valid. So they run with everything in 2.0 except
    /// reference types, plus threads.
    /// </summary>
    private static readonly EngineConfig ThreadsConfig = new()
    {
        Features = (WasmFeatures.Wasm2Scalar & ~WasmFeatures.ReferenceTypes) | WasmFeatures.Threads,
    };

    public static TheoryData<string> Scripts()
    {
        var rows = new TheoryData<string>();
        var root = SpecSuiteLocator.ProposalRoot("threads");
        if (root is null) rows.Add(SpecSuiteLocator.AbsentRow);
        else foreach (var folder in Directory.GetDirectories(root).Order(StringComparer.Ordinal)) rows.Add(Path.GetFileName(folder));
        return rows;
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Threads_script_passes(string script)
    {
        var root = SpecSuiteLocator.ProposalRoot("threads");
        if (root is null)
        {
            if (SpecSuiteLocator.IsCi) Assert.Fail($"threads suite not found beside {SpecSuiteLocator.SearchDescription}");
            output.WriteLine("threads suite not found; not run");
            return;
        }
        var path = Path.Combine(root, script, script + ".json");

        var result = new WastRunner(new WastRunOptions { EngineConfig = ThreadsConfig }).RunScript(path);

        output.WriteLine(WastReport.ScriptLine(result));
        Assert.True(result.Failed == 0, string.Join(Environment.NewLine, result.Failures.Take(50)));
        // Every command is counted and none is skipped: the text-format modules go through the text parser too.
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var commands = document.RootElement.GetProperty("commands").EnumerateArray().ToList();
        Assert.Equal(commands.Count, result.Passed + result.Failed + result.Skipped);
        Assert.Equal(0, result.Skipped);
    }
}
