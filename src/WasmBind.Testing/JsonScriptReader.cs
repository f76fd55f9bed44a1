using System.Text.Json;

namespace WasmBind.Testing;

/// <summary>Reads wast2json output: a <c>commands</c> array whose modules are files beside the script.</summary>
internal static class JsonScriptReader
{
    /// <summary>Reads a script; a file that is not wast2json output throws <see cref="FormatException"/>.</summary>
    public static WastScript Load(string path)
    {
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("commands", out var commands) || commands.ValueKind != JsonValueKind.Array)
            throw new FormatException($"{path} is not a wast2json script (no \"commands\" array).");
        var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        return new WastScript(path, commands.EnumerateArray().Select(c => Command(c, folder)).ToArray());
    }

    private static WastCommand Command(JsonElement e, string folder)
    {
        var filename = String(e, "filename");
        return new WastCommand(
            Type: String(e, "type") ?? throw new FormatException("a command has no \"type\"."),
            Line: e.TryGetProperty("line", out var line) && line.ValueKind == JsonValueKind.Number ? line.GetInt32() : 0,
            Name: String(e, "name"),
            Module: filename is null ? null : new WastModuleFile(Path.Combine(folder, filename), String(e, "module_type") == "text"),
            As: String(e, "as"),
            Text: String(e, "text"),
            Action: e.TryGetProperty("action", out var action) ? Action(action) : null,
            Expected: e.TryGetProperty("expected", out var expected) ? Values(expected)
                // Relaxed-SIMD scripts list the allowed results of a one-result call as "either" beside the action.
                : e.TryGetProperty("either", out var either) ? [new WastValue("either", null, Alternatives: Values(either))]
                : null);
    }

    private static WastAction Action(JsonElement e) => new(
        Type: String(e, "type") ?? throw new FormatException("an action has no \"type\"."),
        Module: String(e, "module"),
        Field: String(e, "field") ?? throw new FormatException("an action has no \"field\"."),
        Args: e.TryGetProperty("args", out var args) ? Values(args) : []);

    public static WastValue Value(JsonElement e)
    {
        var type = String(e, "type") ?? throw new FormatException("a value has no \"type\".");
        if (e.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.Array)
            return new WastValue(type, null, String(e, "lane_type"), v.EnumerateArray().Select(l => l.GetString() ?? "").ToArray());
        return new WastValue(type, String(e, "value"), String(e, "lane_type"));
    }

    private static string? String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    private static IReadOnlyList<WastValue> Values(JsonElement array) =>
        array.ValueKind == JsonValueKind.Array ? array.EnumerateArray().Select(Value).ToArray() : [];
}
