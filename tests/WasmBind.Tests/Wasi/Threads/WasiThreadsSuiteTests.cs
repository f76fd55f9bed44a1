using System.Text.Json;
using WasmBind.Tests.Support;
using WasmBind.Wasi;
using WasmBind.Wasi.Threads;
using Xunit;
using Xunit.Abstractions;

namespace WasmBind.Tests.Wasi.Threads;

/// <summary>
/// ../shared/wasi-testsuite/proposals/wasi-threads: each text program (compiled by <see cref="Module.FromText"/>) runs
/// as a wasi-threads program on a fresh copy of its folder and must exit with the code of its <c>.json</c> (0 where it
/// has none). Absent suite: one placeholder row that passes with an explanation, and a fact that fails on CI.
/// </summary>
/// <remarks>
/// The folder's one C program (<c>thread_spawn-simple.c</c>) ships as source only, built by the suite with a
/// wasi-threads sysroot this machine lacks; <c>CThreadsProgramTests</c> builds and runs a C program with threads instead.
/// </remarks>
public sealed class WasiThreadsSuiteTests(ITestOutputHelper output)
{
    private static string? SuiteRoot { get; } = SharedData.TestsuiteRoot is { } spec
        ? Path.Combine(Path.GetDirectoryName(spec)!, "wasi-testsuite", "proposals", "wasi-threads") is var root && Directory.Exists(root) ? root : null
        : null;

    public static IEnumerable<object[]> Programs()
    {
        if (SuiteRoot is not { } root)
        {
            yield return [SharedData.AbsentRow];
            yield break;
        }
        foreach (var file in Directory.GetFiles(root, "*.wat").Concat(Directory.GetFiles(root, "*.wasm")).Order(StringComparer.Ordinal))
            yield return [Path.GetFileName(file)];
    }

    [Fact]
    public void The_suite_is_present_on_CI()
    {
        Assert.False(SharedData.IsCi && SuiteRoot is null, "shared/wasi-testsuite/proposals/wasi-threads is missing on a CI machine.");
    }

    [Fact]
    public void The_suite_has_its_fourteen_text_programs()
    {
        if (SuiteRoot is null) return;
        Assert.Equal(14, Programs().Count(r => ((string)r[0]).EndsWith(".wat", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public async Task Program_exits_with_its_expected_code(string file)
    {
        if (file == SharedData.AbsentRow)
        {
            output.WriteLine("wasi-threads suite not found: no 'shared/wasi-testsuite/proposals/wasi-threads' beside 'shared/testsuite'. Passing without running (fails on CI).");
            return;
        }
        using var copy = new TempDirectory();
        var name = Path.GetFileNameWithoutExtension(file);
        foreach (var own in Directory.EnumerateFiles(SuiteRoot!, name + ".*"))
        {
            var target = copy[Path.GetFileName(own)];
            File.Copy(own, target);
            File.SetAttributes(target, FileAttributes.Normal);
        }
        var expected = ExpectedExitCode(copy[name + ".json"]);
        var engine = new Engine(new EngineConfig { EpochInterruption = true });
        var path = copy[file];
        var module = Module.IsTextFile(path) ? Module.FromText(engine, File.ReadAllText(path)) : Module.FromFile(engine, path);
        using var stdin = new BlockingStdin();
        var wasi = new WasiConfig().WithArgs(file).WithStdin(stdin).CaptureStdout().CaptureStderr();
        var program = WasiThreadsProgram.Create(module, wasi);

        var exit = program.Run();

        output.WriteLine($"exit {exit}; spawned {program.ThreadsSpawned}, refused {program.SpawnsRefused}\nstdout: {program.Wasi.GetStdoutText()}\nstderr: {program.Wasi.GetStderrText()}");
        Assert.Equal(expected, exit);
        // Every thread stops once the program has ended (a stdin read stays blocked until its stream is closed).
        stdin.Dispose();
        await program.AllThreadsStopped.WaitAsync(TimeSpan.FromSeconds(20));
    }

    private static int ExpectedExitCode(string jsonPath)
    {
        if (!File.Exists(jsonPath)) return 0;
        using var json = JsonDocument.Parse(File.ReadAllText(jsonPath));
        return json.RootElement.TryGetProperty("exit_code", out var code) ? code.GetInt32() : 0;
    }
}
