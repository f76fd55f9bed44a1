using System.Text.Json;

namespace WasmBind.Cli.Wast;

/// <summary>A wast2json script: its commands, and the folder its module files are relative to.</summary>
internal sealed record WastScript(string Path, string SourceFilename, IReadOnlyList<WastCommand> Commands)
{
    public string Directory => System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path)) ?? ".";

    /// <summary>Reads a script; a file that is not wast2json output throws <see cref="FormatException"/>.</summary>
    public static WastScript Load(string path)
    {
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("commands", out var commands) || commands.ValueKind != JsonValueKind.Array)
            throw new FormatException($"{path} is not a wast2json script (no \"commands\" array).");
        var source = root.TryGetProperty("source_filename", out var s) ? s.GetString() ?? "" : "";
        return new WastScript(path, source, commands.EnumerateArray().Select(WastCommand.Parse).ToArray());
    }
}

/// <summary>
/// One script command. wast2json uses a single flat object shape for all command types,
/// so one record with optional fields mirrors it more faithfully than a class per type.
/// </summary>
internal sealed record WastCommand(
    string Type,
    int Line,
    string? Name,
    string? Filename,
    string? As,
    string? ModuleType,
    string? Text,
    WastAction? Action,
    IReadOnlyList<WastValue>? Expected)
{
    public static WastCommand Parse(JsonElement e) => new(
        Type: Json.String(e, "type") ?? throw new FormatException("a command has no \"type\"."),
        Line: e.TryGetProperty("line", out var line) && line.ValueKind == JsonValueKind.Number ? line.GetInt32() : 0,
        Name: Json.String(e, "name"),
        Filename: Json.String(e, "filename"),
        As: Json.String(e, "as"),
        ModuleType: Json.String(e, "module_type"),
        Text: Json.String(e, "text"),
        Action: e.TryGetProperty("action", out var action) ? WastAction.Parse(action) : null,
        Expected: e.TryGetProperty("expected", out var expected) ? Json.Values(expected) : null);

    /// <summary>Whether any value the command passes or expects is a <c>v128</c>.</summary>
    public bool UsesV128 =>
        (Action?.Args.Any(a => a.Type == "v128") ?? false) || (Expected?.Any(v => v.Type == "v128") ?? false);
}

/// <summary>An <c>invoke</c> of an exported function or a <c>get</c> of an exported global.</summary>
internal sealed record WastAction(string Type, string? Module, string Field, IReadOnlyList<WastValue> Args)
{
    public static WastAction Parse(JsonElement e) => new(
        Type: Json.String(e, "type") ?? throw new FormatException("an action has no \"type\"."),
        Module: Json.String(e, "module"),
        Field: Json.String(e, "field") ?? throw new FormatException("an action has no \"field\"."),
        Args: e.TryGetProperty("args", out var args) ? Json.Values(args) : []);

    public override string ToString() =>
        Type == "invoke" ? $"{Field}({string.Join(", ", Args)})" : $"get {Field}";
}

/// <summary>
/// A typed value as wast2json writes it: <see cref="Value"/> holds the decimal bits (or <c>null</c>,
/// <c>nan:canonical</c>, ...); <see cref="Lanes"/> holds a <c>v128</c>'s lanes; both are null for an
/// expected reference that only has to be non-null.
/// </summary>
internal sealed record WastValue(string Type, string? Value, string? LaneType, IReadOnlyList<string>? Lanes)
{
    public static WastValue Parse(JsonElement e)
    {
        var type = Json.String(e, "type") ?? throw new FormatException("a value has no \"type\".");
        if (e.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.Array)
            return new WastValue(type, null, Json.String(e, "lane_type"), v.EnumerateArray().Select(l => l.GetString() ?? "").ToArray());
        return new WastValue(type, Json.String(e, "value"), Json.String(e, "lane_type"), null);
    }

    public override string ToString() => Lanes is { } lanes
        ? $"{Type}:{LaneType}[{string.Join(' ', lanes)}]"
        : $"{Type}:{Value ?? "<non-null>"}";
}

file static class Json
{
    public static string? String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    public static IReadOnlyList<WastValue> Values(JsonElement array) =>
        array.ValueKind == JsonValueKind.Array ? array.EnumerateArray().Select(WastValue.Parse).ToArray() : [];
}
