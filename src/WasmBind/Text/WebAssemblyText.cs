namespace WasmBind.Text;

/// <summary>
/// Converts the WebAssembly text format (<c>.wat</c>) to the binary format. <see cref="Module.FromText"/> and
/// <see cref="Module.FromFile"/> use it; call it directly to get the bytes (to cache them, or to inspect them).
/// </summary>
/// <remarks>
/// Covers the text grammar of everything the runtime implements (WebAssembly 2.0 with SIMD, and relaxed SIMD): folded and flat
/// instructions, every abbreviation, <c>$names</c> in every index space, all numeric literal forms. Text that is
/// not well-formed throws <see cref="MalformedTextException"/>; nothing else escapes, whatever the input.
/// Validation is not done here: <see cref="Module.FromText"/> validates the result like any binary.
/// </remarks>
public static class WebAssemblyText
{
    /// <summary>Encodes a text module: one <c>(module ...)</c>, or its fields without the wrapper.</summary>
    /// <exception cref="MalformedTextException">The text is not a well-formed module.</exception>
    public static byte[] ToBinary(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return WatModuleEncoder.EncodeText(text);
    }

    /// <summary>Encodes a text module given as UTF-8 bytes (a <c>.wat</c> file's contents).</summary>
    /// <exception cref="MalformedTextException">The bytes are not valid UTF-8, or the text is not a well-formed module.</exception>
    public static byte[] ToBinary(ReadOnlySpan<byte> utf8) => WatModuleEncoder.EncodeText(DecodeUtf8(utf8));

    /// <summary>Decodes UTF-8 text strictly: a byte sequence that is not UTF-8 is malformed text, with its position.</summary>
    /// <exception cref="MalformedTextException">The bytes are not valid UTF-8.</exception>
    public static string DecodeUtf8(ReadOnlySpan<byte> utf8)
    {
        if (Utf8.Decode(utf8) is { } text) return text;
        var valid = System.Text.Unicode.Utf8.IsValid(utf8) ? utf8.Length : FirstInvalid(utf8);
        var prefix = System.Text.Encoding.UTF8.GetString(utf8[..valid]);
        var line = 1 + prefix.Count(c => c == '\n');
        var column = prefix.Length - (prefix.LastIndexOf('\n') + 1) + 1;
        throw new MalformedTextException(line, column, prefix.Length, $"\\{utf8[valid]:x2}", "malformed UTF-8 encoding");
    }

    private static int FirstInvalid(ReadOnlySpan<byte> utf8)
    {
        var index = 0;
        while (index < utf8.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(utf8[index..], out _, out var used) != System.Buffers.OperationStatus.Done) return index;
            index += used;
        }
        return utf8.Length;
    }
}
