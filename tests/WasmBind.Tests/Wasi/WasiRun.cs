using WasmBind.Wasi;

namespace WasmBind.Tests.Wasi;

/// <summary>Runs a WASI command in-process with stdout and stderr captured.</summary>
internal static class WasiRun
{
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "wasi", name);

    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result Command(string wasmPath, WasiConfig config)
    {
        var engine = new Engine();
        var module = Module.FromFile(engine, wasmPath);
        var linker = new Linker(engine).AddWasi(config.CaptureStdout().CaptureStderr());
        var store = new Store(engine);
        var exit = WasiCommand.Run(linker.Instantiate(store, module));
        using var context = WasiContext.Find(store)!;
        return new Result(exit, context.GetStdoutText(), context.GetStderrText());
    }
}

/// <summary>A temporary directory for one test, deleted (with anything a guest left in it) when disposed.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "wasmbind-wasi-" + Guid.NewGuid().ToString("N"));

    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder must not fail the test that made it.
        }
    }
}
