using WasmBind.Testing;
using Xunit;
using Xunit.Abstractions;

namespace WasmBind.Tests.Spec;

/// <summary>Runs one proposal's spec scripts (../shared/testsuite/{json,wast}/proposals/NAME) and logs each script.</summary>
/// <remarks>
/// These are the proposals' own scripts, written before Wasm 3.0 merged them: each expects WebAssembly 2.0 plus that
/// one proposal (e.g. multi-memory's scripts expect 2.0's 32-bit limits, memory64's expect a second memory to be
/// invalid, extended-const's expect 2.0's constant-expression globals). So each runs on <see cref="WasmFeatures.Wasm2Scalar"/>
/// plus its proposal; the merged 3.0 rules are checked by the wast-3.0 suite on the default engine.
/// </remarks>
internal static class ProposalScripts
{
    /// <summary>
    /// The summary of every script of <paramref name="proposal"/> in <paramref name="form"/> ("json" or "wast"), or null
    /// where the testsuite is absent (a failure when CI=true, since CI must run it).
    /// </summary>
    /// <param name="output">Where each script's line goes.</param>
    /// <param name="form">"json" or "wast".</param>
    /// <param name="proposal">The proposal's folder name.</param>
    /// <param name="proposalFeatures">The proposal's features, added to 2.0's.</param>
    /// <param name="predates">2.0 features the proposal's scripts were written before, removed.</param>
    public static WastRunSummary? Run(ITestOutputHelper output, string form, string proposal, WasmFeatures proposalFeatures, WasmFeatures predates = WasmFeatures.None)
    {
        if (SpecSuiteLocator.CoreRoot is null)
        {
            if (SpecSuiteLocator.IsCi) Assert.Fail("testsuite not found (CI=true requires it)");
            output.WriteLine("testsuite not found; not run");
            return null;
        }
        var root = Path.GetFullPath(Path.Combine(SpecSuiteLocator.CoreRoot, "..", "..", form, "proposals", proposal));

        var config = new EngineConfig { Features = (WasmFeatures.Wasm2Scalar & ~predates) | proposalFeatures };
        var summary = new WastRunner(new WastRunOptions { EngineConfig = config }).RunPath(root);

        foreach (var script in summary.Scripts)
        {
            output.WriteLine(WastReport.ScriptLine(script));
            foreach (var failure in script.Failures.Take(10)) output.WriteLine($"  {failure}");
        }
        return summary;
    }
}
