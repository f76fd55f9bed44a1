namespace WasmBind.Cli.Commands;

/// <summary>Reading a module file the way every command wants it: a missing file is a one-line error, not a stack trace.</summary>
internal static class ModuleFile
{
    public static byte[] ReadBytes(string path) =>
        File.Exists(path) ? File.ReadAllBytes(path) : throw new FileNotFoundException($"no such file: {path}", path);

    public static Module Load(Engine engine, string path) => Module.FromBytes(engine, ReadBytes(path));
}
