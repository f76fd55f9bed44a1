using WasmBind.Testing;
using Xunit;
using Xunit.Abstractions;

namespace WasmBind.Tests.Spec;

/// <summary>
/// Extended constant expressions (i32/i64 add, sub, mul in constant expressions): on by default, off with the
/// <see cref="WasmFeatures.ExtendedConst"/> switch; the proposal's spec scripts pass in both their forms.
/// </summary>
public sealed class ExtendedConstTests(ITestOutputHelper output)
{
    private const string Module = """
        (module
          (global (export "g") i64 (i64.mul (i64.add (i64.const 2) (i64.const 3)) (i64.sub (i64.const 10) (i64.const 3))))
          (memory 1)
          (data (i32.add (i32.const 1) (i32.mul (i32.const 2) (i32.const 3))) "x"))
        """;

    [Fact]
    public void Arithmetic_in_constant_expressions_is_on_by_default()
    {
        var engine = new Engine();
        var instance = new Linker(engine).Instantiate(new Store(engine), WasmBind.Module.FromText(engine, Module));
        Assert.Equal(35L, instance.GetGlobal("g")!.Value.AsInt64());
    }

    [Fact]
    public void Turning_the_switch_off_makes_arithmetic_in_constant_expressions_invalid()
    {
        var engine = new Engine(new EngineConfig { Features = WasmFeatures.Wasm2Scalar });
        var error = Assert.Throws<InvalidModuleException>(() => WasmBind.Module.FromText(engine, Module));
        Assert.Contains("constant expression required", error.Message);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("wast")]
    public void The_proposal_scripts_pass(string form)
    {
        var summary = ProposalScripts.Run(output, form, "extended-const", WasmFeatures.ExtendedConst);
        if (summary is null) return;

        Assert.Equal(3, summary.Scripts.Count);
        Assert.Equal((0, 0), (summary.Totals.Failed, summary.Totals.Skipped));
        Assert.Equal(271, summary.Totals.Passed);
    }
}
