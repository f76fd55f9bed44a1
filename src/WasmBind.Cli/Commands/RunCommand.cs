using System.CommandLine;
using WasmBind.Wasi;
using WasmBind.Wasi.Threads;

namespace WasmBind.Cli.Commands;

/// <summary>
/// <c>wasmbind run &lt;module&gt; [--dir host[::guest]] [--env K=V] [--fuel N] [--timeout T] [--max-threads N] [--tier T] [-- args...]</c>:
/// runs a WASI command's <c>_start</c> with the host's stdio, exiting with the program's exit code. A module that imports
/// <c>wasi.thread-spawn</c> runs as a wasi-threads program (<see cref="WasiThreadsProgram"/>) on a pool of at most
/// <c>--max-threads</c> threads; <c>--fuel</c> then applies to each thread, and <c>--timeout</c> stops them all.
/// </summary>
/// <remarks>
/// Exit status: the program's own (its <c>proc_exit</c> code, or 0 when <c>_start</c> returns); <see cref="TrapExitCode"/>
/// when it traps (the trap and its wasm backtrace go to stderr), as a process killed by SIGABRT reports itself and as
/// Wasmtime does — running out of <c>--fuel</c> or <c>--timeout</c> is such a trap; 1 when the module cannot be loaded,
/// linked or is not a command, or an option is malformed.
/// </remarks>
internal static class RunCommand
{
    /// <summary>128 + SIGABRT.</summary>
    public const int TrapExitCode = 134;

    public static Command Create(CliContext context)
    {
        var modulePath = new Argument<string>("module") { Description = "The WASI command (.wasm) to run." };
        var arguments = new Argument<string[]>("args")
        {
            Description = "Arguments for the program (its argv[1..]; argv[0] is the module path). Put -- before them if any starts with '-'.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var directories = new Option<string[]>("--dir")
        {
            Description = "Give the program a host directory: --dir host (seen under the same name) or --dir host::guest (e.g. --dir ./data::/). Repeatable.",
            Arity = ArgumentArity.ZeroOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var environment = new Option<string[]>("--env")
        {
            Description = "Set an environment variable for the program: --env NAME=value, or --env NAME to pass the host's value. Repeatable. Nothing else of the host environment is passed.",
            Arity = ArgumentArity.ZeroOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var fuel = new Option<ulong?>("--fuel")
        {
            Description = "Stop the program (as a trap) after it has executed about N WebAssembly instructions.",
        };
        var timeout = new Option<string?>("--timeout")
        {
            Description = "Stop the program (as a trap) after this much wall-clock time: 500ms, 10s, 2m, or a number of seconds.",
        };
        var maxThreads = new Option<int?>("--max-threads")
        {
            Description = $"For a wasi-threads program (one importing wasi.thread-spawn): the most threads it may spawn that run at once (default {new WasiThreadsConfig().MaxThreads}); a spawn past it fails with -6 (EAGAIN).",
        };
        var tier = TierOption.Create();
        var command = new Command("run", "Run a WASI (wasi_snapshot_preview1) command, or a wasi-threads program, and exit with its exit code; a trap prints its backtrace and exits with 134.")
        {
            modulePath, arguments, directories, environment, fuel, timeout, maxThreads, tier,
        };
        command.SetAction(parse => context.Guard(() => Run(context, parse.GetValue(modulePath)!,
            parse.GetValue(arguments) ?? [], parse.GetValue(directories) ?? [], parse.GetValue(environment) ?? [],
            parse.GetValue(fuel), parse.GetValue(timeout) is { } t ? ParseDuration(t) : null, parse.GetValue(maxThreads), parse.GetValue(tier))));
        return command;
    }

    private static int Run(CliContext context, string path, string[] arguments, string[] directories, string[] environment,
        ulong? fuel, TimeSpan? timeout, int? maxThreads, string? tier)
    {
        if (maxThreads < 0) throw new UsageException($"--max-threads {maxThreads}: expected 0 or more");
        // Fuel and epoch checks are compiled into the code only when asked for, so a plain run pays nothing for them.
        var engine = new Engine(new EngineConfig
        {
            ConsumeFuel = fuel is not null,
            EpochInterruption = timeout is not null,
            Tier = TierOption.Resolve(tier),
        });
        var module = ModuleFile.Load(engine, path);
        var config = new WasiConfig().WithArgs([path, .. arguments]).InheritStdin();
        ConfigureOutput(context, config);
        foreach (var variable in environment) AddVariable(config, variable);
        foreach (var directory in directories) AddDirectory(config, directory);
        if (WasiThreadsProgram.ImportsSpawn(module))
        {
            // Ending a threaded program must be able to stop every thread, which takes the epoch checks.
            if (!engine.Config.EpochInterruption)
            {
                engine = new Engine(new EngineConfig { ConsumeFuel = fuel is not null, EpochInterruption = true, Tier = TierOption.Resolve(tier) });
                module = ModuleFile.Load(engine, path);
            }
            return RunThreads(context, module, config, fuel, timeout, maxThreads);
        }

        var linker = new Linker(engine).AddWasi(config);
        var store = new Store(engine);
        if (fuel is { } units) store.Fuel = units;
        using var timer = timeout is { } limit ? StartTimer(engine, store, limit) : null;
        try
        {
            return WasiCommand.Run(linker.Instantiate(store, module));
        }
        catch (WasiExitException exit)
        {
            return exit.ExitCode; // proc_exit from a start function, during instantiation
        }
        catch (TrapException trap)
        {
            context.Error.WriteLine($"trap: {trap.Message}");
            PrintBacktrace(context, trap);
            return TrapExitCode;
        }
        finally
        {
            WasiContext.Find(store)?.Dispose();
        }
    }

    private static int RunThreads(CliContext context, Module module, WasiConfig config, ulong? fuel, TimeSpan? timeout, int? maxThreads)
    {
        var threads = new WasiThreadsConfig
        {
            MaxThreads = maxThreads ?? new WasiThreadsConfig().MaxThreads,
            ConfigureStore = (store, _) =>
            {
                if (fuel is { } units) store.Fuel = units;
                if (timeout is not null) store.SetEpochDeadline(1);
            },
        };
        var program = WasiThreadsProgram.Create(module, config, threads);
        using var timer = timeout is { } limit ? new Timer(_ => module.Engine.IncrementEpoch(), null, limit, Timeout.InfiniteTimeSpan) : null;
        try
        {
            return program.Run();
        }
        catch (WasiThreadTrapException failure)
        {
            context.Error.WriteLine($"trap in wasi thread {failure.ThreadId}{(failure.ThreadId == WasiThreadsProgram.MainThreadId ? " (main)" : "")}: {failure.Trap.Message}");
            PrintBacktrace(context, failure.Trap);
            return TrapExitCode;
        }
    }

    private static void PrintBacktrace(CliContext context, TrapException trap)
    {
        if (trap.Backtrace.Count > 0) context.Error.WriteLine("wasm backtrace:");
        for (var i = 0; i < trap.Backtrace.Count; i++) context.Error.WriteLine($"  {i}: {trap.Backtrace[i]}");
    }

    /// <summary>
    /// The real console gets the guest's bytes unchanged; a writer given in its place (tests running the tool in-process)
    /// gets them decoded as UTF-8.
    /// </summary>
    private static void ConfigureOutput(CliContext context, WasiConfig config)
    {
        if (ReferenceEquals(context.Out, Console.Out)) config.InheritStdout();
        else config.WithStdout(context.Out);
        if (ReferenceEquals(context.Error, Console.Error)) config.InheritStderr();
        else config.WithStderr(context.Error);
    }

    /// <summary>
    /// Arms the timeout: the store's deadline is the next epoch, and a timer advances the epoch once, when the time is up.
    /// The interpreter notices at its next function entry or loop iteration and traps with <see cref="TrapCode.Interrupted"/>.
    /// </summary>
    private static Timer StartTimer(Engine engine, Store store, TimeSpan limit)
    {
        store.SetEpochDeadline(1);
        store.EpochDeadlineTrap();
        return new Timer(_ => engine.IncrementEpoch(), null, limit, Timeout.InfiniteTimeSpan);
    }

    private static TimeSpan ParseDuration(string text)
    {
        var (number, scale) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 0.001)
            : text.EndsWith('s') ? (text[..^1], 1.0)
            : text.EndsWith('m') ? (text[..^1], 60.0)
            : (text, 1.0);
        if (!double.TryParse(number, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
            || !(value > 0) || value * scale > int.MaxValue / 1000.0)
        {
            throw new UsageException($"--timeout {text}: expected a positive duration such as 500ms, 10s or 2m");
        }

        return TimeSpan.FromSeconds(value * scale);
    }

    private static void AddVariable(WasiConfig config, string variable)
    {
        var equals = variable.IndexOf('=');
        if (equals == 0) throw new UsageException($"--env {variable}: the name is empty");
        if (equals > 0)
        {
            config.WithEnvironment(variable[..equals], variable[(equals + 1)..]);
            return;
        }
        var value = Environment.GetEnvironmentVariable(variable)
            ?? throw new UsageException($"--env {variable}: no such variable in the host environment (give a value with {variable}=...)");
        config.WithEnvironment(variable, value);
    }

    private static void AddDirectory(WasiConfig config, string directory)
    {
        var separator = directory.IndexOf("::", StringComparison.Ordinal);
        var (host, guest) = separator < 0 ? (directory, directory) : (directory[..separator], directory[(separator + 2)..]);
        if (host.Length == 0 || guest.Length == 0) throw new UsageException($"--dir {directory}: expected host or host::guest");
        config.WithPreopenedDirectory(host, guest);
    }
}
