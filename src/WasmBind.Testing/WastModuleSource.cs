using WasmBind.Text;

namespace WasmBind.Testing;

/// <summary>Where a script's module comes from. Text is converted only when the command runs, so a module that
/// does not parse fails its own command and nothing else.</summary>
internal abstract record WastModuleSource
{
    /// <summary>The module's binary form. Throws <see cref="MalformedModuleException"/> for text that does not parse.</summary>
    /// <param name="features">
    /// The engine's features: with memory64, text limits and offsets are 64-bit numbers (3.0), else 2.0's 32-bit ones.
    /// </param>
    public abstract byte[] ToBinary(WasmFeatures features);

    private protected static bool Wide(WasmFeatures features) => (features & WasmFeatures.Memory64) != 0;
}

/// <summary>A module file beside a wast2json script: a <c>.wasm</c>, or the <c>.wat</c> of a <c>(module quote ...)</c>.</summary>
internal sealed record WastModuleFile(string Path, bool IsText) : WastModuleSource
{
    // wast2json writes a quoted module's text as is: module fields, without a (module ...) around them.
    public override byte[] ToBinary(WasmFeatures features)
    {
        var bytes = File.ReadAllBytes(Path);
        return IsText ? WatModuleEncoder.EncodeFields(WebAssemblyText.DecodeUtf8(bytes), Wide(features)) : bytes;
    }
}

/// <summary><c>(module binary "...")</c>: the bytes are given.</summary>
internal sealed record WastBinaryModule(byte[] Bytes) : WastModuleSource
{
    public override byte[] ToBinary(WasmFeatures features) => Bytes;
}

/// <summary>
/// <c>(module quote "...")</c>: the strings' bytes, joined, are the module's fields as text. They are decoded only
/// when the command runs: bytes that are not UTF-8 make the quoted module malformed, not the script.
/// </summary>
internal sealed record WastQuotedModule(byte[] Utf8Text) : WastModuleSource
{
    public override byte[] ToBinary(WasmFeatures features) => WatModuleEncoder.EncodeFields(WebAssemblyText.DecodeUtf8(Utf8Text), Wide(features));
}

/// <summary><c>(module ...)</c> written in the script: its fields, already read as S-expressions.</summary>
internal sealed record WastTextModule(SList Module, int FirstField) : WastModuleSource
{
    public override byte[] ToBinary(WasmFeatures features) => WatModuleEncoder.Encode(new SCursor(Module, FirstField), Wide(features));
}
