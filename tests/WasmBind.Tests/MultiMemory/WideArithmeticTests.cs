using Xunit;

namespace WasmBind.Tests.MultiMemory;

/// <summary>The wide-arithmetic proposal behind <see cref="WasmFeatures.WideArithmetic"/> (off by default, as in Wasmtime).</summary>
public sealed class WideArithmeticTests
{
    private const string Module = """
        (module
          (func (export "add128") (param i64 i64 i64 i64) (result i64 i64) (i64.add128 (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
          (func (export "sub128") (param i64 i64 i64 i64) (result i64 i64) (i64.sub128 (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
          (func (export "mul_s") (param i64 i64) (result i64 i64) (i64.mul_wide_s (local.get 0) (local.get 1)))
          (func (export "mul_u") (param i64 i64) (result i64 i64) (i64.mul_wide_u (local.get 0) (local.get 1))))
        """;

    private static (long Low, long High) Call(Instance instance, string name, params long[] arguments)
    {
        var results = instance.GetFunction(name)!.Invoke(arguments.Select(Value.I64).ToArray());
        return (results[0].AsInt64(), results[1].AsInt64());
    }

    [Fact]
    public void The_four_instructions_compute_128_bit_results()
    {
        var engine = new Engine(new EngineConfig { Features = EngineConfig.DefaultFeatures | WasmFeatures.WideArithmetic });
        var instance = new Linker(engine).Instantiate(new Store(engine), WasmBind.Module.FromText(engine, Module));

        Assert.Equal((0L, 1L), Call(instance, "add128", -1, 0, 1, 0)); // carry into the high half
        Assert.Equal((-1L, -1L), Call(instance, "sub128", 0, 0, 1, 0)); // borrow: 0 - 1 = 2^128 - 1
        Assert.Equal((-2L, -1L), Call(instance, "mul_s", -1, 2)); // -2 sign-extended to 128 bits
        Assert.Equal((-2L, 1L), Call(instance, "mul_u", -1, 2)); // (2^64 - 1) * 2 = 2^65 - 2
    }

    [Fact]
    public void Off_by_default_the_opcodes_are_malformed()
    {
        var engine = new Engine();

        var error = Assert.Throws<MalformedModuleException>(() => WasmBind.Module.FromText(engine, Module));

        Assert.Contains("illegal opcode", error.Reason);
    }
}
