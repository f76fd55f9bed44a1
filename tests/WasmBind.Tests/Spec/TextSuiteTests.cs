using WasmBind.Testing;
using Xunit;
using Xunit.Abstractions;

namespace WasmBind.Tests.Spec;

/// <summary>
/// The core suite read as <c>.wast</c> text must give exactly what its wast2json form gives, script by script, and the
/// text-format assert_malformed commands of the JSON form (modules given as .wat) must all pass.
/// </summary>
public sealed class TextSuiteTests(ITestOutputHelper output)
{
    /// <summary>One row per core script, the simd_* ones included.</summary>
    public static TheoryData<string> Scripts()
    {
        var rows = new TheoryData<string>();
        var scripts = SpecSuiteLocator.Scripts().ToArray();
        if (scripts.Length == 0) rows.Add(SpecSuiteLocator.AbsentRow);
        foreach (var script in scripts) rows.Add(script);
        return rows;
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Text_script_gives_the_same_counts_as_its_json_form(string script)
    {
        if (!SuitePresent()) return;
        // The Wasm 2.0 scripts expect 2.0's rules (e.g. memory limits flag 0x02 is malformed, not a threads-era shared memory).
        var runner = new WastRunner(new WastRunOptions { SkipSimd = false, EngineConfig = SpecSuiteTests.Wasm2Config });

        var json = runner.RunScript(SpecSuiteLocator.ScriptPath(script));
        var text = runner.RunScript(Path.Combine(SpecSuiteLocator.WastCoreRoot!, script + ".wast"));

        output.WriteLine($"json: {WastReport.ScriptLine(json)}");
        output.WriteLine($"text: {WastReport.ScriptLine(text)}");
        foreach (var failure in text.Failures.Take(20)) output.WriteLine($"  text {failure}");
        Assert.Equal((json.Passed, json.Failed, json.Skipped), (text.Passed, text.Failed, text.Skipped));
        Assert.Equal(json.ByCommand.ToDictionary(p => p.Key, p => (p.Value.Passed, p.Value.Failed, p.Value.Skipped)),
                     text.ByCommand.ToDictionary(p => p.Key, p => (p.Value.Passed, p.Value.Failed, p.Value.Skipped)));
        Assert.Equal(0, text.Failed);
    }

    [Fact]
    public void Every_text_format_assert_malformed_of_the_json_suite_passes()
    {
        if (!SuitePresent()) return;
        var engine = new Engine(SpecSuiteTests.Wasm2Config);
        var passed = 0;
        var failures = new List<string>();
        foreach (var script in SpecSuiteLocator.Scripts())
        {
            var commands = WastScript.Load(SpecSuiteLocator.ScriptPath(script)).Commands
                .Where(c => c.Type == "assert_malformed" && c.Module is WastModuleFile { IsText: true });
            foreach (var command in commands)
            {
                var outcome = new WastSession(engine, null).Execute(command);
                if (outcome.Kind == OutcomeKind.Passed) passed++;
                else failures.Add($"{script} line {command.Line}: {outcome.Text}");
            }
        }
        output.WriteLine($"{passed} passed, {failures.Count} failed");
        Assert.Empty(failures);
        Assert.Equal(1077, passed);
    }

    private bool SuitePresent()
    {
        if (SpecSuiteLocator.CoreRoot is not null && SpecSuiteLocator.WastCoreRoot is not null) return true;
        var message = $"testsuite (json/core and wast/core) not found at {SpecSuiteLocator.SearchDescription}; text suite tests not run";
        if (SpecSuiteLocator.IsCi) Assert.Fail(message + " (CI=true requires the suite)");
        output.WriteLine(message);
        return false;
    }
}
