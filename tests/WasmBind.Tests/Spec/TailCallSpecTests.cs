using WasmBind.Testing;
using Xunit;
using Xunit.Abstractions;

namespace WasmBind.Tests.Spec;

/// <summary>The tail-call proposal's spec scripts pass in both their forms (the converted .json and the .wast text).</summary>
public sealed class TailCallSpecTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("json")]
    [InlineData("wast")]
    public void The_proposal_scripts_pass(string form)
    {
        if (SpecSuiteLocator.CoreRoot is null)
        {
            if (SpecSuiteLocator.IsCi) Assert.Fail("testsuite not found (CI=true requires it)");
            output.WriteLine("testsuite not found; not run");
            return;
        }
        var root = Path.GetFullPath(Path.Combine(SpecSuiteLocator.CoreRoot, "..", "..", form, "proposals", "tail-call"));

        var summary = new WastRunner().RunPath(root);

        foreach (var script in summary.Scripts)
        {
            output.WriteLine(WastReport.ScriptLine(script));
            foreach (var failure in script.Failures.Take(10)) output.WriteLine($"  {failure}");
        }
        Assert.Equal(2, summary.Scripts.Count);
        Assert.Equal((0, 0), (summary.Totals.Failed, summary.Totals.Skipped));
        Assert.Equal(119, summary.Totals.Passed);
    }
}
