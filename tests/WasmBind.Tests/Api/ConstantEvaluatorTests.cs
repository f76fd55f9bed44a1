using WasmBind.Binary;
using WasmBind.Linking;
using Xunit;

namespace WasmBind.Tests.Api;

/// <summary>Extended-const arithmetic, which the fixtures cannot reach unless the validator accepts that proposal.</summary>
public sealed class ConstantEvaluatorTests
{
    private static ulong Evaluate(params ConstantInstruction[] instructions)
    {
        var engine = new Engine();
        var store = new Store(engine);
        var instance = new Linker(engine).Instantiate(store, Wat.Load(engine, "exports"));
        instance.Globals = [new Global(store, new GlobalType(ValueType.I32, false), Value.I32(10))];
        return ConstantEvaluator.Evaluate(new ConstantExpression(instructions, 0), instance);
    }

    private static ConstantInstruction I32(int value) => new(0x41, (ulong)(long)value, 0);
    private static ConstantInstruction I64(long value) => new(0x42, (ulong)value, 0);
    private static ConstantInstruction Op(byte opcode, ulong immediate = 0) => new(opcode, immediate, 0);

    [Fact]
    public void I32Arithmetic_WrapsTo32Bits()
    {
        Assert.Equal(0xFFFF_FFFFul, Evaluate(I32(-1)));
        Assert.Equal(13ul, Evaluate(Op(0x23, 0), I32(3), Op(0x6A)));
        Assert.Equal(0xFFFF_FFFDul, Evaluate(I32(2), I32(5), Op(0x6B)));
        Assert.Equal(0ul, Evaluate(I32(int.MinValue), I32(2), Op(0x6C)));
        Assert.Equal(1ul, Evaluate(I32(-1), I32(2), Op(0x6A)));
    }

    [Fact]
    public void I64Arithmetic_Nests()
    {
        // (i64.mul (i64.sub 10 4) (i64.add -1 3)) = 12
        Assert.Equal(12ul, Evaluate(I64(10), I64(4), Op(0x7D), I64(-1), I64(3), Op(0x7C), Op(0x7E)));
        Assert.Equal(unchecked((ulong)long.MinValue), Evaluate(I64(long.MaxValue), I64(1), Op(0x7C)));
    }
}
