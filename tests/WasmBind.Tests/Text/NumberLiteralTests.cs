using WasmBind.Text;
using Xunit;

namespace WasmBind.Tests.Text;

/// <summary>Every numeric literal form of the text format, including the rounding of long and hex floats.</summary>
public sealed class NumberLiteralTests
{
    [Theory]
    [InlineData("0", 0ul)]
    [InlineData("1_000", 1000ul)]
    [InlineData("+42", 42ul)]
    [InlineData("-1", 0xFFFF_FFFFul)]
    [InlineData("0xFFFF_ffff", 0xFFFF_FFFFul)]
    [InlineData("-0x8000_0000", 0x8000_0000ul)]
    [InlineData("4294967295", 0xFFFF_FFFFul)]
    public void I32_literals(string text, ulong bits)
    {
        Assert.True(NumberLiterals.TryParseInteger(text, 32, out var value, out _));
        Assert.Equal(bits, value);
    }

    [Theory]
    [InlineData("4294967296", true)]
    [InlineData("-2147483649", true)]
    [InlineData("0x1_0000_0000", true)]
    [InlineData("1__0", false)]
    [InlineData("_1", false)]
    [InlineData("1_", false)]
    [InlineData("0x", false)]
    [InlineData("0x_1", false)]
    [InlineData("1.0", false)]
    [InlineData("--1", false)]
    [InlineData("", false)]
    public void Bad_i32_literals(string text, bool outOfRange)
    {
        Assert.False(NumberLiterals.TryParseInteger(text, 32, out _, out var range));
        Assert.Equal(outOfRange, range);
    }

    [Theory]
    [InlineData("18446744073709551615", 0xFFFF_FFFF_FFFF_FFFFul)]
    [InlineData("-9223372036854775808", 0x8000_0000_0000_0000ul)]
    [InlineData("0x7fff_ffff_ffff_ffff", 0x7FFF_FFFF_FFFF_FFFFul)]
    public void I64_literals(string text, ulong bits)
    {
        Assert.True(NumberLiterals.TryParseInteger(text, 64, out var value, out _));
        Assert.Equal(bits, value);
    }

    [Fact]
    public void I64_overflow_is_out_of_range()
    {
        Assert.False(NumberLiterals.TryParseInteger("18446744073709551616", 64, out _, out var outOfRange));
        Assert.True(outOfRange);
        Assert.False(NumberLiterals.TryParseInteger("-9223372036854775809", 64, out _, out outOfRange));
        Assert.True(outOfRange);
    }

    [Theory]
    [InlineData("0", 0x0000_0000u)]
    [InlineData("-0", 0x8000_0000u)]
    [InlineData("1.5", 0x3FC0_0000u)]
    [InlineData("1e1", 0x4120_0000u)]
    [InlineData("1.", 0x3F80_0000u)]
    [InlineData("1_0.0_1", 0x4120_28F6u)]
    [InlineData("0x1p-149", 0x0000_0001u)]                   // smallest subnormal
    [InlineData("0x1p-150", 0x0000_0000u)]                   // half of it: tie, rounds to even (zero)
    [InlineData("0x1.000001p-149", 0x0000_0001u)]            // above the tie: rounds up
    [InlineData("0x1.fffffep127", 0x7F7F_FFFFu)]             // largest finite
    [InlineData("0x1.fffffefffffffffffffp127", 0x7F7F_FFFFu)] // below the rounding boundary
    [InlineData("0x1.000001p0", 0x3F80_0000u)]               // tie between 1 and next: even
    [InlineData("0x1.000003p0", 0x3F80_0002u)]               // tie: rounds up to even
    [InlineData("0x1.0000010000000000001p0", 0x3F80_0001u)]   // just above a tie
    [InlineData("0x.8p1", 0)]                                  // not a literal: no digit before the point (checked below)
    [InlineData("inf", 0x7F80_0000u)]
    [InlineData("-inf", 0xFF80_0000u)]
    [InlineData("nan", 0x7FC0_0000u)]
    [InlineData("-nan", 0xFFC0_0000u)]
    [InlineData("nan:0x1", 0x7F80_0001u)]
    [InlineData("nan:0x7f_ffff", 0x7FFF_FFFFu)]
    [InlineData("0x1P+2", 0x4080_0000u)]
    [InlineData("1E-1", 0x3DCC_CCCDu)]
    public void F32_literals(string text, uint bits)
    {
        if (text.StartsWith("0x.", StringComparison.Ordinal))
        {
            Assert.False(NumberLiterals.TryParseF32(text, out _, out _));
            return;
        }
        Assert.True(NumberLiterals.TryParseF32(text, out var value, out _), text);
        Assert.Equal(bits, value);
    }

    [Theory]
    [InlineData("0x1p128", true)]
    [InlineData("0x1.ffffffp127", true)]   // rounds up to 2^128
    [InlineData("1e39", true)]
    [InlineData("nan:0x0", true)]
    [InlineData("nan:0x80_0000", true)]
    [InlineData("1._0", false)]
    [InlineData("1e", false)]
    [InlineData("1e_1", false)]
    [InlineData("0x1.p", false)]
    [InlineData("nan:1", false)]
    [InlineData("infinity", false)]
    public void Bad_f32_literals(string text, bool outOfRange)
    {
        Assert.False(NumberLiterals.TryParseF32(text, out _, out var range), text);
        Assert.Equal(outOfRange, range);
    }

    [Theory]
    [InlineData("0x1p-1074", 0x0000_0000_0000_0001ul)]
    [InlineData("0x1.fffffffffffffp1023", 0x7FEF_FFFF_FFFF_FFFFul)]
    [InlineData("0x1.8p1", 0x4008_0000_0000_0000ul)]
    [InlineData("0x1p-1022", 0x0010_0000_0000_0000ul)]   // smallest normal
    [InlineData("0x0.fffffffffffff8p-1022", 0x0010_0000_0000_0000ul)] // rounds up from the largest subnormal's tie
    [InlineData("2.2250738585072014e-308", 0x0010_0000_0000_0000ul)]
    [InlineData("nan:0xf_ffff_ffff_ffff", 0x7FFF_FFFF_FFFF_FFFFul)]
    [InlineData("1e-400", 0ul)]
    [InlineData("0x1p-99999999999999999999", 0ul)]
    public void F64_literals(string text, ulong bits)
    {
        Assert.True(NumberLiterals.TryParseF64(text, out var value, out _), text);
        Assert.Equal(bits, value);
    }

    [Theory]
    [InlineData("1e309")]
    [InlineData("0x1p1024")]
    [InlineData("0x1p99999999999999999999")]
    [InlineData("nan:0x10_0000_0000_0000")]
    public void F64_out_of_range(string text)
    {
        Assert.False(NumberLiterals.TryParseF64(text, out _, out var outOfRange));
        Assert.True(outOfRange);
    }
}
