using System.Diagnostics;
using System.Text;
using WasmBind;

namespace PluginHost;

/// <summary>The outcome of one plugin on one input: its results, or why it was stopped.</summary>
internal sealed record PluginReport(string Plugin, string Input, string? Description, string? Transformed, double? Score, string? Failure, TimeSpan Elapsed);

/// <summary>Runs one plugin on one input in a store of its own, within the limits of <see cref="HostOptions"/>.</summary>
internal static class PluginRunner
{
    /// <summary>How often the host's ticker advances the engine's epoch; deadlines are counted in these ticks.</summary>
    public static readonly TimeSpan EpochTick = TimeSpan.FromMilliseconds(10);

    public static async Task<PluginReport> RunAsync(LoadedPlugin plugin, string input, HostOptions options)
    {
        var stopwatch = Stopwatch.StartNew();
        string? description = null, transformed = null;
        double? score = null;
        try
        {
            // One store per call: a plugin that traps, runs away or corrupts its memory takes only this store down.
            var store = new Store(plugin.Template.Module.Engine)
            {
                Limits = new StoreLimits
                {
                    MemoryPages = (ulong)options.MemoryMebibytes * 16, // 64 KiB pages
                    TrapOnGrowFailure = true,                          // a hog is stopped, not left to handle malloc failing
                },
            };
            var instance = await plugin.Template.InstantiateAsync(store).ConfigureAwait(false);
            var guest = IPlugin.Bind(instance);

            Budget(store, options);
            description = guest.Describe();
            Budget(store, options);
            transformed = await guest.TransformAsync(input, CancellationToken.None).ConfigureAwait(false);
            Budget(store, options);
            score = guest.Score(Encoding.UTF8.GetBytes(input));
            return new PluginReport(plugin.Name, input, description, transformed, score, null, stopwatch.Elapsed);
        }
        catch (WasmException e)
        {
            return new PluginReport(plugin.Name, input, description, transformed, score, Explain(e), stopwatch.Elapsed);
        }
    }

    /// <summary>Each call gets the full fuel and a fresh deadline.</summary>
    private static void Budget(Store store, HostOptions options)
    {
        store.Fuel = options.Fuel;
        store.SetEpochDeadline((ulong)Math.Max(1, Math.Ceiling(options.Timeout / EpochTick)));
    }

    private static string Explain(WasmException e) => e switch
    {
        TrapException { Code: TrapCode.OutOfFuel } => "stopped: out of fuel (a runaway loop?)",
        TrapException { Code: TrapCode.Interrupted } => "stopped: epoch deadline passed",
        TrapException { Code: TrapCode.ResourceLimitExceeded } => "stopped: memory limit reached",
        TrapException { Code: TrapCode.MemoryOutOfBounds } trap => "trap: out-of-bounds memory access (" + FirstLine(trap.Message) + ")",
        TrapException trap => "trap: " + TrapException.DescribeCode(trap.Code),
        _ => e.GetType().Name + ": " + FirstLine(e.Message),
    };

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
