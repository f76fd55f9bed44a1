using Xunit;
using Xunit.Abstractions;

namespace WasmBind.Tests.Spec;

/// <summary>
/// The relaxed-SIMD proposal's spec scripts pass in both forms, with the deterministic choices (the default) and with
/// the hardware's own (<see cref="EngineConfig.RelaxedSimdNative"/>): the scripts accept every allowed result.
/// The .wast form has one script more than the json one (relaxed_dot_product has no converted form).
/// </summary>
public sealed class RelaxedSimdSpecTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("json", false, 6)]
    [InlineData("json", true, 6)]
    [InlineData("wast", false, 7)]
    [InlineData("wast", true, 7)]
    public void The_proposal_scripts_pass(string form, bool native, int scripts)
    {
        var summary = ProposalScripts.Run(output, form, "relaxed-simd", new EngineConfig { RelaxedSimdNative = native });
        if (summary is null) return;

        Assert.Equal(scripts, summary.Scripts.Count);
        Assert.Equal((0, 0), (summary.Totals.Failed, summary.Totals.Skipped));
        Assert.True(summary.Totals.Passed >= 41, $"{summary.Totals.Passed} passed");
    }
}
