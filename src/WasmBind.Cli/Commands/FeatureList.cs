using System.Text;

namespace WasmBind.Cli.Commands;

/// <summary>
/// Parses <c>--features</c>: a comma-separated list read left to right. A preset (<c>default</c>, the engine's
/// defaults; <c>wasm2</c>, WebAssembly 2.0 without SIMD; <c>all</c>; <c>none</c>) replaces the set; a feature name
/// (the <see cref="WasmFeatures"/> member in kebab case, e.g. <c>multi-memory</c>, <c>memory64</c>) adds it, or with a
/// leading <c>-</c> removes it. Example: <c>wasm2,tail-call</c>, <c>default,-threads</c>.
/// </summary>
internal static class FeatureList
{
    private static readonly Dictionary<string, WasmFeatures> Named = Enum.GetValues<WasmFeatures>()
        .Where(f => f != WasmFeatures.None && f != WasmFeatures.Wasm2Scalar)
        .ToDictionary(KebabCase, f => f, StringComparer.OrdinalIgnoreCase);

    /// <summary>The names a user may write, for help and errors.</summary>
    public static string Names => string.Join(", ", Named.Keys.Order(StringComparer.Ordinal));

    /// <exception cref="UsageException">An unknown name.</exception>
    public static WasmFeatures Parse(string text)
    {
        var features = EngineConfig.DefaultFeatures;
        foreach (var raw in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var remove = raw.StartsWith('-');
            var name = raw.TrimStart('-', '+');
            WasmFeatures value;
            switch (name.ToLowerInvariant())
            {
                case "default": features = EngineConfig.DefaultFeatures; continue;
                case "wasm2": features = WasmFeatures.Wasm2Scalar; continue;
                case "none": features = WasmFeatures.None; continue;
                case "all": features = Named.Values.Aggregate(WasmFeatures.Wasm2Scalar, (all, f) => all | f); continue;
                default:
                    if (!Named.TryGetValue(name, out value))
                        throw new UsageException($"unknown feature '{name}' in --features (presets: default, wasm2, all, none; features: {Names})");
                    break;
            }
            features = remove ? features & ~value : features | value;
        }
        return features;
    }

    /// <summary><c>MultiMemory</c> → <c>multi-memory</c>; digits stay with the word before them (<c>Memory64</c> → <c>memory64</c>).</summary>
    private static string KebabCase(WasmFeatures feature)
    {
        var name = feature.ToString();
        var result = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) result.Append('-');
            result.Append(char.ToLowerInvariant(name[i]));
        }
        return result.ToString();
    }
}
