using WasmBind.Testing;
using Xunit;

namespace WasmBind.Tests.Spec;

/// <summary>The runner's value matching, which every spec result goes through: NaN classes, references, types.</summary>
public sealed class WastValuesTests
{
    private readonly ExternObjects externs = new();

    [Theory]
    [InlineData(0x7FC0_0000u, true)]   // +canonical
    [InlineData(0xFFC0_0000u, true)]   // -canonical
    [InlineData(0x7FC0_0001u, false)]  // quiet, but a payload
    [InlineData(0x7FA0_0000u, false)]  // signalling
    [InlineData(0x3F80_0000u, false)]  // 1.0
    public void F32_canonical_nan(uint bits, bool matches) =>
        Assert.Equal(matches, WastValues.Mismatch(Expected("f32", "nan:canonical"), Value.F32Bits(bits), externs) is null);

    [Theory]
    [InlineData(0x7FC0_0000u, true)]
    [InlineData(0xFFC0_0001u, true)]   // any payload with the quiet bit
    [InlineData(0x7F80_0001u, false)]  // signalling
    [InlineData(0x7F80_0000u, false)]  // infinity
    public void F32_arithmetic_nan(uint bits, bool matches) =>
        Assert.Equal(matches, WastValues.Mismatch(Expected("f32", "nan:arithmetic"), Value.F32Bits(bits), externs) is null);

    [Theory]
    [InlineData(0x7FF8_0000_0000_0000ul, "nan:canonical", true)]
    [InlineData(0xFFF8_0000_0000_0000ul, "nan:canonical", true)]
    [InlineData(0x7FF8_0000_0000_0001ul, "nan:canonical", false)]
    [InlineData(0x7FF8_0000_0000_0001ul, "nan:arithmetic", true)]
    [InlineData(0x7FF4_0000_0000_0000ul, "nan:arithmetic", false)]
    public void F64_nan_classes(ulong bits, string expected, bool matches) =>
        Assert.Equal(matches, WastValues.Mismatch(Expected("f64", expected), Value.F64Bits(bits), externs) is null);

    [Fact]
    public void Floats_compare_by_bits_so_zero_signs_differ()
    {
        Assert.Null(WastValues.Mismatch(Expected("f32", "2147483648"), Value.F32Bits(0x8000_0000), externs));
        Assert.NotNull(WastValues.Mismatch(Expected("f32", "0"), Value.F32Bits(0x8000_0000), externs));
    }

    [Fact]
    public void Integers_are_unsigned_decimal_bits()
    {
        Assert.Equal(Value.I32(-1), WastValues.ToValue(Expected("i32", "4294967295"), externs));
        Assert.Equal(Value.I64(long.MinValue), WastValues.ToValue(Expected("i64", "9223372036854775808"), externs));
        Assert.Null(WastValues.Mismatch(Expected("i32", "4294967295"), Value.I32(-1), externs));
    }

    [Fact]
    public void A_type_mismatch_fails_even_with_equal_bits()
    {
        var problem = WastValues.Mismatch(Expected("i64", "1"), Value.I32(1), externs);
        Assert.Contains("wrong type", problem);
    }

    [Fact]
    public void Extern_references_are_one_object_per_number()
    {
        var arg = WastValues.ToValue(Expected("externref", "1"), externs);
        Assert.Same(arg.AsExternObject(), WastValues.ToValue(Expected("externref", "1"), externs).AsExternObject());
        Assert.Null(WastValues.Mismatch(Expected("externref", "1"), arg, externs));
        Assert.NotNull(WastValues.Mismatch(Expected("externref", "2"), arg, externs));
        Assert.NotNull(WastValues.Mismatch(Expected("externref", "null"), arg, externs));
        Assert.Null(WastValues.Mismatch(Expected("externref", null), arg, externs));
        Assert.Null(WastValues.Mismatch(Expected("externref", "null"), Value.ExternRef(null), externs));
    }

    [Fact]
    public void A_non_null_expected_funcref_only_checks_non_null() =>
        Assert.NotNull(WastValues.Mismatch(Expected("funcref", null), Value.FuncRef(null), externs));

    [Theory]
    [InlineData("undefined element", TrapCode.UndefinedElement, true)]
    [InlineData("undefined element", TrapCode.UninitializedElement, false)]
    [InlineData("uninitialized element 2", TrapCode.UninitializedElement, true)]
    [InlineData("uninitialized element", TrapCode.UndefinedElement, false)]
    [InlineData("out of bounds memory access", TrapCode.TableOutOfBounds, false)]
    [InlineData("integer overflow", TrapCode.IntegerOverflow, true)]
    [InlineData("some message we do not know", TrapCode.Unreachable, true)]
    public void Trap_texts_match_by_code(string text, TrapCode code, bool matches) =>
        Assert.Equal(matches, TrapExpectations.Mismatch(text, new TrapException(code)) is null);

    private static WastValue Expected(string type, string? value) => new(type, value, null, null);
}
