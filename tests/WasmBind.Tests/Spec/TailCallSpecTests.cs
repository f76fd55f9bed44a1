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
        var summary = ProposalScripts.Run(output, form, "tail-call", WasmFeatures.TailCall);
        if (summary is null) return;

        Assert.Equal(2, summary.Scripts.Count);
        Assert.Equal((0, 0), (summary.Totals.Failed, summary.Totals.Skipped));
        Assert.Equal(119, summary.Totals.Passed);
    }
}
