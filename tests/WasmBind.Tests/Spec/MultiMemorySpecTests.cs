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
        // SIMD is part of 2.0: memory-multi's last module loads a vector lane from memory $m (v128.load8_lane $m ...),
        // in text "v128.load8_lane 1 offset=0 1" (memory 1, lane 1).
        var summary = ProposalScripts.Run(output, form, "multi-memory", WasmFeatures.MultiMemory | WasmFeatures.Simd);
        if (summary is null) return;

        Assert.Equal(9, summary.Scripts.Count);
        Assert.Equal((0, 0), (summary.Totals.Failed, summary.Totals.Skipped));
        Assert.Equal(919, summary.Totals.Passed);
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
