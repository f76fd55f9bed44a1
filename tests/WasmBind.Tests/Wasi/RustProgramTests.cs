using WasmBind.Wasi;
using Xunit;

namespace WasmBind.Tests.Wasi;

/// <summary>
/// Programs built from Rust's standard library (Fixtures/wasi-rust, rebuilt by its build.sh with Debian's rustc 1.63 for
/// wasm32-wasi) run and print what they should. Each runs on a fresh temporary copy of its fixture's sandbox folder, so
/// a run can change files freely and the test can inspect what it left.
/// </summary>
public sealed class RustProgramTests
{
    private static string Folder(string program) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "wasi-rust", program);

    private static string Program(string program) => Path.Combine(Folder(program), program + ".wasm");

    /// <summary>A temporary directory holding a copy of the program's <c>sandbox</c> folder (empty if it has none).</summary>
    private static TempDirectory SandboxOf(string program)
    {
        var temp = new TempDirectory();
        var source = Path.Combine(Folder(program), "sandbox");
        if (!Directory.Exists(source)) return temp;
        foreach (var directory in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(temp.Path, Path.GetRelativePath(source, directory)));
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(temp.Path, Path.GetRelativePath(source, file)));
        return temp;
    }

    [Fact]
    public void Fs_creates_reads_writes_renames_removes_lists_links_and_truncates()
    {
        using var sandbox = SandboxOf("fs");
        var result = WasiRun.Command(Program("fs"), new WasiConfig().WithArgs("fs", "/sandbox").WithPreopenedDirectory(sandbox.Path, "/sandbox"));
        Assert.Equal("", result.Stderr);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            """
            read: from the fixture
            create: hello world
            create_new existing: AlreadyExists
            create_new fresh: true
            create_new read-only: true
            write to read-only handle fails: true
            seek+read: world
            seek end: 18
            truncated: "hello" len 5
            extended: [104, 101, 108, 108, 111, 0, 0, 0]
            create truncates: len 0
            metadata: file true dir false len 17
            metadata dir: true
            metadata missing: NotFound
            modified readable: true
            create_dir existing: AlreadyExists
            read_dir: ["a.txt", "b.txt"]
            remove_dir non-empty fails: true
            remove_dir_all: true
            rename: false true
            remove_file: false
            remove_file missing: NotFound
            read_link: "input.txt"
            through link: from the fixture
            symlink_metadata: true
            link leading out refused: true
            hard_link: from the fixture
            outside: true

            """.ReplaceLineEndings("\n"),
            result.Stdout);

        // What the program left behind, seen from the host.
        Assert.Equal("", File.ReadAllText(sandbox["created.txt"]));
        Assert.True(File.Exists(sandbox["read-only-new.txt"]));
        Assert.Equal("from the fixture\n", File.ReadAllText(sandbox["hard.txt"]));
        Assert.False(File.Exists(sandbox["link"]));
        Assert.False(File.Exists(sandbox["escape"]));
        Assert.False(Directory.Exists(sandbox["made"]));
        // The fixture's own copy is untouched: the run had a copy.
        Assert.False(File.Exists(Path.Combine(Folder("fs"), "sandbox", "created.txt")));
    }

    [Fact]
    public void Env_io_sees_arguments_environment_and_stdin_and_exits_with_the_code_asked_for()
    {
        var config = new WasiConfig().WithArgs("env_io", "two words", "ünï", "3")
            .WithEnvironment("GREETING", "hi there").WithEnvironment("EMPTY", "")
            .WithStdinText("some input\nsecond line\n");
        var result = WasiRun.Command(Program("env_io"), config);
        Assert.Equal(3, result.ExitCode);
        Assert.Equal(
            """
            args: ["env_io", "two words", "ünï", "3"]
            GREETING=Ok("hi there")
            MISSING=true
            vars: [("EMPTY", ""), ("GREETING", "hi there")]
            stdin: SOME INPUT
            SECOND LINE

            """.ReplaceLineEndings("\n"),
            result.Stdout);
        Assert.Equal("to stderr: 23 bytes read\n", result.Stderr);
    }

    [Fact]
    public void Env_io_with_empty_stdin_exits_zero()
    {
        var result = WasiRun.Command(Program("env_io"), new WasiConfig().WithArgs("env_io"));
        Assert.Equal(0, result.ExitCode);
        Assert.EndsWith("vars: []\nstdin: ", result.Stdout);
        Assert.Equal("to stderr: 0 bytes read\n", result.Stderr);
    }

    [Fact]
    public void Time_exit_sees_the_clocks_advance_across_a_sleep()
    {
        var result = WasiRun.Command(Program("time_exit"), new WasiConfig().WithArgs("time_exit", "sleep"));
        Assert.Equal(new WasiRun.Result(0, "after 2020: true\nslept at least 30ms: true\nmonotonic: true\n", ""), result);
    }

    [Fact]
    public void Time_exit_returning_from_main_exits_zero()
    {
        var result = WasiRun.Command(Program("time_exit"), new WasiConfig().WithArgs("time_exit"));
        Assert.Equal(new WasiRun.Result(0, "normal return\n", ""), result);
    }

    [Fact]
    public void Time_exit_panicking_traps_after_printing_the_panic()
    {
        var engine = new Engine();
        var linker = new Linker(engine).AddWasi(new WasiConfig().WithArgs("time_exit", "panic").CaptureStdout().CaptureStderr());
        var store = new Store(engine);
        var instance = linker.Instantiate(store, Module.FromFile(engine, Program("time_exit")));
        // Rust's wasm32-wasi panics abort, and abort is the unreachable instruction: a trap, not an exit code.
        var trap = Assert.Throws<TrapException>(() => WasiCommand.Run(instance));
        Assert.Equal(TrapCode.Unreachable, trap.Code);
        using var context = WasiContext.Find(store)!;
        Assert.Contains("deliberate panic", context.GetStderrText());
        Assert.Null(context.ExitCode);
    }
}
