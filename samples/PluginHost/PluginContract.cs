using WasmBind;

namespace PluginHost;

/// <summary>
/// What every plugin exports: the contract a plugin author implements (in C, see plugins/src/plugin.h; in Rust, see
/// plugins/src/rot13.rs). The generator writes <c>IPlugin.Bind(instance)</c>, which checks every export once.
/// </summary>
[WasmExports]
public partial interface IPlugin
{
    /// <summary>One line about what the plugin does. Export <c>describe: () -> i32</c> (a return area).</summary>
    string Describe();

    /// <summary>
    /// Transforms a text. Export <c>transform: (i32 ptr, i32 len) -> i32</c>. Async on the host side, because a
    /// plugin may call the async <see cref="IHostServices.LookupAsync"/> while it runs.
    /// </summary>
    ValueTask<string> TransformAsync(string input, CancellationToken cancellationToken);

    /// <summary>Scores some bytes. Export <c>score: (i32 ptr, i32 len) -> f64</c>.</summary>
    double Score(ReadOnlySpan<byte> data);
}

/// <summary>
/// What the host offers every plugin, as imports of module <c>host</c>. The generator writes
/// <c>IHostServices.AddTo(linker, implementation)</c>.
/// </summary>
[WasmImports("host")]
public partial interface IHostServices
{
    /// <summary>Writes a line to the host's log. Import <c>host.log: (i32 ptr, i32 len)</c>.</summary>
    void Log(string message);

    /// <summary>
    /// Looks a key up in the host's key-value store (it may go to a database or the network, so it is async: the
    /// plugin's call suspends without blocking a thread). Import <c>host.lookup: (i32 ptr, i32 len, i32 return_area)</c>.
    /// </summary>
    ValueTask<string> LookupAsync(string key);

    /// <summary>The host's clock, in milliseconds since the Unix epoch. Import <c>host.now_milliseconds: () -> i64</c>.</summary>
    long NowMilliseconds();
}
