using System.Globalization;

namespace PluginHost;

/// <summary>The command line: where the plugins are, what to feed them, and how much each call may use.</summary>
internal sealed record HostOptions
{
    public string PluginFolder { get; init; } = Path.Combine(AppContext.BaseDirectory, "plugins");
    public IReadOnlyList<string> Inputs { get; init; } = ["hello from the host", "WebAssembly plugins, sandboxed"];
    public ulong Fuel { get; init; } = 20_000_000;
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMilliseconds(500);
    public int MemoryMebibytes { get; init; } = 8;
    public bool ShowHelp { get; init; }

    public const string Help = """
        PluginHost: loads every WebAssembly plugin (*.wasm) in a folder and runs each on some inputs, concurrently,
        one store per call, each limited by fuel, an epoch deadline and a memory limit. A plugin that traps, runs
        away, returns malformed data or takes too much memory is reported; the others go on being served.

        Usage: dotnet run --project samples/PluginHost -- [options]

        Options:
          --plugins <folder>   the folder of plugins (default: the plugins/ folder beside the program)
          --input <text>       an input for Transform and Score; repeat for several (default: two sample texts)
          --fuel <n>           fuel for each call: roughly, WebAssembly instructions (default: 20000000)
          --timeout <ms>       the epoch deadline of each call, in milliseconds (default: 500)
          --memory <MiB>       the most linear memory a plugin may have, in MiB (default: 8)
          -h, --help           show this help

        The plugins' sources and the script that rebuilds them are in plugins/src and plugins/build.sh.
        """;

    /// <summary>Parses <paramref name="args"/>; a bad option is an <see cref="ArgumentException"/> with a message for the user.</summary>
    public static HostOptions Parse(IReadOnlyList<string> args)
    {
        var options = new HostOptions();
        var inputs = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            options = name switch
            {
                "-h" or "--help" or "-?" => options with { ShowHelp = true },
                "--plugins" => options with { PluginFolder = Next() },
                "--input" => AddInput(options, inputs, Next()),
                "--fuel" => options with { Fuel = ParsePositive(name, Next()) },
                "--timeout" => options with { Timeout = TimeSpan.FromMilliseconds(ParsePositive(name, Next())) },
                "--memory" => options with { MemoryMebibytes = checked((int)Math.Min(ParsePositive(name, Next()), 4096)) },
                _ => throw new ArgumentException($"Unknown option {name}; see --help."),
            };
        }
        return options;
    }

    private static HostOptions AddInput(HostOptions options, List<string> inputs, string input)
    {
        inputs.Add(input);
        return options with { Inputs = inputs.ToArray() };
    }

    private static ulong ParsePositive(string name, string text) =>
        ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{name} needs a positive whole number, not '{text}'.");
}
