using Xunit;

namespace WasmBind.Tests.MultiMemory;

/// <summary>
/// Wasm 3.0 lets constant expressions read earlier immutable globals, imported or defined
/// (<see cref="WasmFeatures.GlobalsInConstantExpressions"/>, on by default); 2.0 allows imported ones only.
/// </summary>
public sealed class ConstantExpressionGlobalsTests
{
    private const string Module = """
        (module
          (memory 1)
          (global $base i32 (i32.const 16))
          (global $next (export "next") i32 (i32.add (global.get $base) (i32.const 4)))
          (data (global.get $next) "\2a"))
        """;

    [Fact]
    public void A_defined_global_initialises_later_globals_and_segment_offsets()
    {
        var engine = new Engine();
        var module = WasmBind.Module.FromText(engine, Module.Replace("(memory 1)", "(memory (export \"mem\") 1)", StringComparison.Ordinal));
        var instance = new Linker(engine).Instantiate(new Store(engine), module);

        Assert.Equal(20, instance.GetGlobal("next")!.Value.AsInt32());
        Assert.Equal(42, instance.GetMemory("mem")!.ReadByte(20));
    }

    [Theory]
    [InlineData("(module (global i32 (global.get 1)) (global i32 (i32.const 0)))")] // a later global
    [InlineData("(module (global i32 (global.get 0)))")] // itself
    public void A_global_cannot_read_itself_or_a_later_one(string text)
    {
        var error = Assert.Throws<InvalidModuleException>(() => WasmBind.Module.FromText(new Engine(), text));

        Assert.StartsWith("unknown global", error.Reason);
    }

    [Fact]
    public void A_mutable_defined_global_is_not_constant()
    {
        var error = Assert.Throws<InvalidModuleException>(() =>
            WasmBind.Module.FromText(new Engine(), "(module (global $g (mut i32) (i32.const 0)) (global i32 (global.get $g)))"));

        Assert.Equal("constant expression required", error.Reason);
    }

    [Fact]
    public void Under_the_2_0_rule_only_imported_globals_may_be_read()
    {
        var engine = new Engine(new EngineConfig { Features = EngineConfig.DefaultFeatures & ~WasmFeatures.GlobalsInConstantExpressions });

        var error = Assert.Throws<InvalidModuleException>(() => WasmBind.Module.FromText(engine, Module));

        Assert.StartsWith("unknown global", error.Reason);
    }
}
