using WasmBind.Cli;
using WasmBind.Wasi;
using WasmBind.Wasi.Threads;
using Xunit;

namespace WasmBind.Tests.Wasi.Threads;

/// <summary>
/// Fixtures/wasi-threads/primes.wasm: C with threads (clang-19, shared imported memory, spawning through
/// wasi.thread-spawn with the fixture's tiny shim) counts primes in parallel; and <c>wasmbind run</c> on threaded programs.
/// </summary>
public sealed class CThreadsProgramTests
{
    private static readonly string Primes = Path.Combine(AppContext.BaseDirectory, "Fixtures", "wasi-threads", "primes.wasm");

    [Theory]
    [InlineData("1", "primes below 20000: 2262 (1 threads)\n")]
    [InlineData("4", "primes below 20000: 2262 (4 threads)\n")]
    [InlineData("8", "primes below 20000: 2262 (8 threads)\n")]
    public void The_C_program_counts_the_primes_with_several_threads(string threads, string expected)
    {
        var engine = new Engine(new EngineConfig { EpochInterruption = true });
        var program = WasiThreadsProgram.Create(Module.FromFile(engine, Primes), new WasiConfig().WithArgs("primes", threads, "20000").CaptureStdout());

        Assert.Equal(0, program.Run());

        Assert.Equal(expected, program.Wasi.GetStdoutText());
        Assert.Equal(int.Parse(threads, System.Globalization.CultureInfo.InvariantCulture), program.ThreadsSpawned);
    }

    [Fact]
    public void Wasmbind_run_runs_the_C_program_with_its_default_four_threads()
    {
        Assert.Equal((0, "primes below 200000: 17984 (4 threads)\n", ""), Run("run", Primes));
    }

    [Fact]
    public void Wasmbind_run_max_threads_bounds_the_pool_and_the_program_sees_the_failed_spawn()
    {
        // With room for two, the third spawn fails (the first two still count their share of 2,000,000, far longer
        // than two spawns take) and the program exits with 3.
        Assert.Equal((3, "spawn failed\n", ""), Run("run", "--max-threads", "2", Primes, "--", "4", "2000000"));
        Assert.Equal((0, "primes below 1000: 168 (2 threads)\n", ""), Run("run", "--max-threads", "2", Primes, "--", "2", "1000"));
        Assert.Equal(1, Run("run", "--max-threads", "-1", Primes).Exit);
    }

    [Fact]
    public void Wasmbind_run_reports_a_trap_in_a_spawned_thread_with_its_id_and_backtrace()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp["traps.wat"], ThreadGuests.ThreadTraps);

        var (exit, _, stderr) = Run("run", temp["traps.wat"]);

        Assert.Equal(134, exit);
        Assert.StartsWith("trap in wasi thread 1: unreachable\nwasm backtrace:\n", stderr);
        Assert.Contains("fail", stderr);
        Assert.Contains("wasi_thread_start", stderr);
    }

    [Fact]
    public void Wasmbind_run_timeout_stops_every_thread()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp["waits.wat"], ThreadGuests.BothWaitForever);

        var (exit, _, stderr) = Run("run", "--timeout", "200ms", temp["waits.wat"]);

        Assert.Equal(134, exit);
        Assert.Contains("interrupted", stderr);
    }

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = Program.Run(args, stdout, stderr);
        return (exit, stdout.ToString().ReplaceLineEndings("\n"), stderr.ToString().ReplaceLineEndings("\n"));
    }
}
