using System.Text.Json;

namespace WasmBind.Tests.Binary;

/// <summary>One command of a wast2json script, reduced to what the decoder tests need.</summary>
internal sealed record SpecCommand(string Type, int Line, string? FileName, string? Text, string? ModuleType)
{
    /// <summary>A command whose module is a binary file (as opposed to a text module or an action).</summary>
    public bool HasBinaryModule => FileName is not null && FileName.EndsWith(".wasm", StringComparison.Ordinal);
}

/// <summary>Reads a <c>&lt;script&gt;/&lt;script&gt;.json</c> file of the converted spec suite.</summary>
internal static class SpecScript
{
    public static IReadOnlyList<SpecCommand> Load(string scriptDirectory)
    {
        var jsonPath = Path.Combine(scriptDirectory, Path.GetFileName(scriptDirectory) + ".json");
        using var document = JsonDocument.Parse(File.ReadAllBytes(jsonPath));
        var commands = new List<SpecCommand>();
        foreach (var command in document.RootElement.GetProperty("commands").EnumerateArray())
        {
            commands.Add(new SpecCommand(
                command.GetProperty("type").GetString()!,
                command.GetProperty("line").GetInt32(),
                GetString(command, "filename"),
                GetString(command, "text"),
                GetString(command, "module_type")));
        }
        return commands;
    }

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.GetString() : null;
}
