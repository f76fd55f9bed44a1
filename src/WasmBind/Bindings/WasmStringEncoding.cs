namespace WasmBind;

/// <summary>
/// How the guest encodes strings in its memory: the Canonical ABI's <c>string-encoding</c> canonical option. Set it
/// with <see cref="WasmImportsAttribute.StringEncoding"/> or <see cref="WasmExportsAttribute.StringEncoding"/>.
/// </summary>
public enum WasmStringEncoding
{
    /// <summary><c>utf8</c>: a string is <c>(ptr, byte length)</c>, 1-aligned. The default.</summary>
    Utf8,

    /// <summary><c>utf16</c>: a string is <c>(ptr, code unit count)</c> of little-endian UTF-16, 2-aligned.</summary>
    Utf16,

    /// <summary>
    /// <c>latin1+utf16</c>: a string is Latin-1 bytes, or UTF-16 code units when its length has bit 31 set
    /// (the length's other bits count code units); 2-aligned.
    /// </summary>
    Latin1Utf16,
}
