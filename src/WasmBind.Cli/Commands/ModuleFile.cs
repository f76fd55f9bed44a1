namespace WasmBind.Cli.Commands;

/// <summary>
/// Reading a module file the way every command wants it: a missing file is a one-line error, not a stack trace, and
/// a <c>.wat</c> file is text (converted to the binary format), anything else binary.
/// </summary>
internal static class ModuleFile
{
    /// <summary>The module's binary form: the file's bytes, or for a <c>.wat</c> file its text encoded.</summary>
    /// <exception cref="Text.MalformedTextException">A <c>.wat</c> file is not well-formed text.</exception>
    public static byte[] ReadBytes(string path)
    {
        var bytes = File.Exists(path) ? File.ReadAllBytes(path) : throw new FileNotFoundException($"no such file: {path}", path);
        return Module.IsTextFile(path) ? Text.WebAssemblyText.ToBinary(bytes) : bytes;
    }

    public static Module Load(Engine engine, string path) => Module.FromBytes(engine, ReadBytes(path));
}
