using WasmBind.Text;
using Xunit;

namespace WasmBind.Tests.Text;

/// <summary>Malformed text throws <see cref="MalformedTextException"/> with the line, column and token to blame.</summary>
public sealed class TextErrorTests
{
    [Theory]
    [InlineData("(module\n  (func (i32.bogus)))", 2, 10, "i32.bogus", "unknown operator")]
    [InlineData("(module (func (call $nowhere)))", 1, 21, "$nowhere", "unknown function $nowhere")]
    [InlineData("(module (func $f) (func $f))", 1, 19, "(func", "duplicate function $f")]
    [InlineData("(module (func (i32.const 0x1_0000_0000)))", 1, 26, "0x1_0000_0000", "i32 constant out of range")]
    [InlineData("(module (func (f32.const 1e39)))", 1, 26, "1e39", "f32 constant out of range")]
    [InlineData("(module (func)\n (import \"a\" \"b\" (func)))", 2, 2, "(import", "import after function")]
    [InlineData("(module (func block $a end $b))", 1, 28, "$b", "mismatching label")]
    [InlineData("(module (memory 1) (func (drop (i32.load align=3 (i32.const 0)))))", 1, 42, "align=3", "alignment must be a power of two")]
    [InlineData("(module (func (local.get $x)))", 1, 26, "$x", "unknown local $x")]
    [InlineData("(module (data \"\\q\"))", 1, 16, "\\q", "illegal escape")]
    [InlineData("(module (func)", 1, 1, "(", "unclosed list, unexpected end of text")]
    [InlineData("(module (func)))", 1, 16, ")", "unexpected token, unbalanced ')'")]
    [InlineData("(module (; never closed", 1, 9, "(;", "unclosed comment")]
    [InlineData("(module (export \"a\" (func 0)) (func) \"x\"y)", 1, 38, "\"x\"y", "unknown operator (tokens not separated)")]
    [InlineData("(module (func (nop) (start 0)))", 1, 22, "start", "unknown operator")]
    public void Errors_name_their_line_column_and_token(string text, int line, int column, string token, string reason)
    {
        var error = Assert.Throws<MalformedTextException>(() => WebAssemblyText.ToBinary(text));
        Assert.Equal((line, column, token, reason), (error.Line, error.Column, error.Token, error.Reason));
        Assert.Contains($"{line}:{column}", error.Message);
    }

    [Fact]
    public void Text_errors_are_malformed_module_errors()
    {
        var error = Assert.ThrowsAny<MalformedModuleException>(() => Module.FromText(new Engine(), "(module (func (unknown)))"));
        Assert.IsType<MalformedTextException>(error);
    }

    [Fact]
    public void Well_formed_but_invalid_text_is_invalid_not_malformed()
    {
        var error = Assert.Throws<InvalidModuleException>(() => Module.FromText(new Engine(), "(module (func (result i32) (i64.const 0)))"));
        Assert.Contains("type mismatch", error.Message);
    }

    [Fact]
    public void Invalid_utf8_in_a_file_is_malformed_with_its_position()
    {
        byte[] bytes = [.. "(module\n  (func))"u8.ToArray()[..10], 0xFF, .. "(func))"u8.ToArray()];
        var error = Assert.Throws<MalformedTextException>(() => WebAssemblyText.ToBinary(bytes));
        Assert.Equal((2, 3, "malformed UTF-8 encoding"), (error.Line, error.Column, error.Reason));
    }

    [Fact]
    public void Deep_nesting_is_an_error_not_a_stack_overflow()
    {
        var text = "(module (func " + string.Concat(Enumerable.Repeat("(block ", 100_000)) + new string(')', 100_002);
        var error = Assert.Throws<MalformedTextException>(() => WebAssemblyText.ToBinary(text));
        Assert.Contains("nesting deeper", error.Reason);
    }

    [Fact]
    public void Deep_flat_blocks_need_no_recursion()
    {
        const int Depth = 100_000;
        var text = "(module (func " + string.Concat(Enumerable.Repeat("block ", Depth)) + string.Concat(Enumerable.Repeat("end ", Depth)) + "))";
        var bytes = WebAssemblyText.ToBinary(text);
        Assert.True(bytes.Length > 2 * Depth);
    }
}
