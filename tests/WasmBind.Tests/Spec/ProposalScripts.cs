using WasmBind.Testing;
using Xunit;
using Xunit.Abstractions;

namespace WasmBind.Tests.Spec;

/// <summary>Runs one proposal's spec scripts (../shared/testsuite/{json,wast}/proposals/NAME) and logs each script.</summary>
internal static class ProposalScripts
{
    /// <summary>
    /// The summary of every script of <paramref name="proposal"/> in <paramref name="form"/> ("json" or "wast"), or null
    /// where the testsuite is absent (a failure when CI=true, since CI must run it).
    /// </summary>
    public static WastRunSummary? Run(ITestOutputHelper output, string form, string proposal, EngineConfig? config = null)
    {
        if (SpecSuiteLocator.CoreRoot is null)
        {
            if (SpecSuiteLocator.IsCi) Assert.Fail("testsuite not found (CI=true requires it)");
            output.WriteLine("testsuite not found; not run");
            return null;
        }
        var root = Path.GetFullPath(Path.Combine(SpecSuiteLocator.CoreRoot, "..", "..", form, "proposals", proposal));

        var summary = new WastRunner(new WastRunOptions { EngineConfig = config }).RunPath(root);

        foreach (var script in summary.Scripts)
        {
            output.WriteLine(WastReport.ScriptLine(script));
            foreach (var failure in script.Failures.Take(10)) output.WriteLine($"  {failure}");
        }
        return summary;
    }
}
