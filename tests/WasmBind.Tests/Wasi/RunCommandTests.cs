using WasmBind.Cli;
using WasmBind.Cli.Commands;
using Xunit;

namespace WasmBind.Tests.Wasi;

/// <summary><c>wasmbind run</c>, in-process: arguments, environment, directories, exit codes and traps.</summary>
public sealed class RunCommandTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = Program.Run(args, stdout, stderr);
        return (exit, stdout.ToString().ReplaceLineEndings("\n"), stderr.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Run_prints_the_programs_output()
    {
        Assert.Equal((0, "Hello, WASI!\n", ""), Run("run", WasiRun.Fixture("hello.wasm")));
    }

    [Fact]
    public void Run_passes_arguments_after_the_separator_and_only_the_given_environment()
    {
        var module = WasiRun.Fixture("argsenv.wasm");
        var (exit, stdout, _) = Run("run", module, "--env", "GREETING=hello", "--", "-x", "y");
        Assert.Equal(2, exit);
        Assert.Equal($"argc=3\nargv[0]={module}\nargv[1]=-x\nargv[2]=y\nenv GREETING=hello\nGREETING=hello\n", stdout);
    }

    [Fact]
    public void Run_preopens_directories_under_guest_names()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp["a.txt"], "text");
        var (exit, stdout, stderr) = Run("run", "--dir", $"{temp.Path}::/work", WasiRun.Fixture("copy.wasm"), "--", "/work/a.txt", "/work/b.txt");
        Assert.Equal((0, "copied 4 bytes\n", ""), (exit, stdout, stderr));
        Assert.Equal("text", File.ReadAllText(temp["b.txt"]));
    }

    [Fact]
    public void A_trap_prints_its_backtrace_and_exits_with_134()
    {
        var (exit, _, stderr) = Run("run", WasiRun.Fixture("trap.wasm"));
        Assert.Equal(RunCommand.TrapExitCode, exit);
        Assert.StartsWith("trap: unreachable\nwasm backtrace:\n", stderr);
        Assert.Contains("explode", stderr);
    }

    [Fact]
    public void Fuel_stops_a_runaway_program_as_a_trap()
    {
        var (exit, _, stderr) = Run("run", "--fuel", "100000", WasiRun.Fixture("spin.wasm"));
        Assert.Equal(RunCommand.TrapExitCode, exit);
        Assert.StartsWith("trap: all fuel consumed\nwasm backtrace:\n", stderr);
        Assert.Equal((0, "Hello, WASI!\n", ""), Run("run", "--fuel", "100000000", WasiRun.Fixture("hello.wasm")));
    }

    [Fact]
    public void Timeout_stops_a_runaway_program_as_a_trap()
    {
        var (exit, _, stderr) = Run("run", "--timeout", "200ms", WasiRun.Fixture("spin.wasm"));
        Assert.Equal(RunCommand.TrapExitCode, exit);
        Assert.StartsWith("trap: interrupted\nwasm backtrace:\n", stderr);
        Assert.Equal((0, "Hello, WASI!\n", ""), Run("run", "--timeout", "30s", WasiRun.Fixture("hello.wasm")));
        Assert.Equal(1, Run("run", "--timeout", "soon", WasiRun.Fixture("hello.wasm")).Exit);
    }

    [Fact]
    public void A_module_that_is_not_a_command_is_an_error()
    {
        var (exit, _, stderr) = Run("run", Path.Combine(AppContext.BaseDirectory, "Fixtures", "cli", "calc.wasm"));
        Assert.Equal(1, exit);
        Assert.Contains("_start", stderr);
    }

    [Fact]
    public void A_missing_directory_is_an_error()
    {
        var (exit, _, stderr) = Run("run", "--dir", "/no/such/dir", WasiRun.Fixture("hello.wasm"));
        Assert.Equal(1, exit);
        Assert.StartsWith("error: ", stderr);
    }
}
