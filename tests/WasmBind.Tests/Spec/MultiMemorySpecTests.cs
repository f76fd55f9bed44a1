using WasmBind.Testing;
using Xunit;
using Xunit.Abstractions;

namespace WasmBind.Tests.Spec;

/// <summary>
/// The multi-memory and memory64 proposals' spec scripts pass in both their forms (the converted .json and the .wast
/// text), each on WebAssembly 2.0 plus its proposal as the scripts were written (see <see cref="ProposalScripts"/>).
/// </summary>
public sealed class MultiMemorySpecTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("json")]
    [InlineData("wast")]
    public void The_multi_memory_scripts_pass(string form)
    {
        var summary = ProposalScripts.Run(output, form, "multi-memory", WasmFeatures.MultiMemory);
        if (summary is null) return;

        Assert.Equal(9, summary.Scripts.Count);
        // memory-multi's last module also uses SIMD (v128.load): until SIMD is implemented the text form skips it
        // ("SIMD is not implemented") and the binary form fails to decode its 0xFD opcode; with SIMD it passes.
        // Nothing else may fail or be skipped.
        var simd = summary.Scripts.Single(s => s.Name == "memory-multi");
        Assert.Equal(simd.Failed, summary.Totals.Failed);
        Assert.Equal(simd.Skipped, summary.Totals.Skipped);
        Assert.All(simd.Failures, failure => Assert.Contains("illegal opcode 0xfd", failure.Message));
        Assert.InRange(simd.Failed + simd.Skipped, 0, 1);
        Assert.Equal(919, summary.Totals.Passed + summary.Totals.Failed + summary.Totals.Skipped);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("wast")]
    public void The_memory64_scripts_pass(string form)
    {
        // The proposal's binary.wast predates reference types (call_indirect's table byte must be zero).
        var summary = ProposalScripts.Run(output, form, "memory64", WasmFeatures.Memory64, WasmFeatures.ReferenceTypes);
        if (summary is null) return;

        Assert.Equal(13, summary.Scripts.Count);
        Assert.Equal((0, 0), (summary.Totals.Failed, summary.Totals.Skipped));
        Assert.Equal(1475, summary.Totals.Passed);
    }
}
