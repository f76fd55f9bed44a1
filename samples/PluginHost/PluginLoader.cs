using WasmBind;
using WasmBind.Wasi;

namespace PluginHost;

/// <summary>A plugin file, compiled once and linked once; every call instantiates it in a store of its own.</summary>
internal sealed record LoadedPlugin(string Name, InstancePre Template, HostServices Services);

/// <summary>A plugin file that could not be loaded, and why.</summary>
internal sealed record PluginLoadFailure(string Name, string Reason);

/// <summary>Loads every <c>*.wasm</c> in a folder.</summary>
internal static class PluginLoader
{
    public static (IReadOnlyList<LoadedPlugin> Plugins, IReadOnlyList<PluginLoadFailure> Failures) LoadFolder(
        Engine engine, string folder, IReadOnlyDictionary<string, string> keyValueStore)
    {
        var plugins = new List<LoadedPlugin>();
        var failures = new List<PluginLoadFailure>();
        foreach (var path in Directory.GetFiles(folder, "*.wasm").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            try
            {
                // Decoding, validation and translation happen once here; the Module is shared by every call's store.
                var module = Module.FromFile(engine, path);
                var services = new HostServices(keyValueStore, TimeProvider.System);
                var linker = new Linker(engine);
                IHostServices.AddTo(linker, services);
                // A plugin built with a WASI libc may import WASI (Rust's panic machinery does). It gets WASI with
                // nothing in it: no files, no arguments, no environment, output discarded.
                linker.AddWasi(new WasiConfig());
                plugins.Add(new LoadedPlugin(name, linker.InstantiatePre(module), services));
            }
            catch (WasmException e)
            {
                // A malformed module or an import the host does not offer: typed, and reported, never a crash.
                failures.Add(new PluginLoadFailure(name, $"{e.GetType().Name}: {e.Message}"));
            }
        }
        return (plugins, failures);
    }
}
