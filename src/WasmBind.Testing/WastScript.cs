namespace WasmBind.Testing;

/// <summary>A spec script: its commands, read from a <c>.wast</c> text script or a wast2json <c>.json</c> one.</summary>
internal sealed record WastScript(string Path, IReadOnlyList<WastCommand> Commands)
{
    /// <summary>
    /// Reads a script: <c>.wast</c> files as text, anything else as wast2json output. A file that is neither throws
    /// <see cref="FormatException"/>, or (for text) <see cref="Text.MalformedTextException"/>.
    /// </summary>
    public static WastScript Load(string path) =>
        IsTextScript(path) ? new WastScript(path, WastTextReader.Read(File.ReadAllBytes(path))) : JsonScriptReader.Load(path);

    public static bool IsTextScript(string path) => path.EndsWith(".wast", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// One script command. Both script forms map onto this one shape: <see cref="Type"/> uses wast2json's command names
/// (<c>module</c>, <c>assert_return</c>, ...), plus <c>module_definition</c> and <c>module_instance</c> for 3.0's
/// <c>(module definition ...)</c> and <c>(module instance ...)</c>.
/// </summary>
/// <param name="Name">The module's name for <c>module</c>/<c>module_definition</c>; the instance's for <c>module_instance</c>; the module to register for <c>register</c>.</param>
/// <param name="Module">Where the module of a module command or module assertion comes from.</param>
/// <param name="Definition">For <c>module_instance</c>: the definition to instantiate (null: the last one).</param>
/// <param name="Unsupported">Why the command cannot be run by this runner (a 3.0 construct it does not know), or null.</param>
/// <param name="ReadError">Why the command itself could not be read (a malformed command in a text script), or null.</param>
internal sealed record WastCommand(
    string Type,
    int Line,
    string? Name = null,
    WastModuleSource? Module = null,
    string? As = null,
    string? Text = null,
    WastAction? Action = null,
    IReadOnlyList<WastValue>? Expected = null,
    string? Definition = null,
    string? Unsupported = null,
    string? ReadError = null)
{
    /// <summary>Whether any value the command passes or expects is a <c>v128</c> (possibly inside an <c>either</c>).</summary>
    public bool UsesV128 =>
        (Action?.Args.Any(a => a.UsesV128) ?? false) || (Expected?.Any(v => v.UsesV128) ?? false);
}

/// <summary>An <c>invoke</c> of an exported function or a <c>get</c> of an exported global.</summary>
internal sealed record WastAction(string Type, string? Module, string Field, IReadOnlyList<WastValue> Args)
{
    public override string ToString() =>
        Type == "invoke" ? $"{Field}({string.Join(", ", Args)})" : $"get {Field}";
}

/// <summary>
/// A typed value as wast2json writes it: <see cref="Value"/> holds the decimal bits (or <c>null</c>,
/// <c>nan:canonical</c>, ...); <see cref="Lanes"/> holds a <c>v128</c>'s lanes; both are null for an
/// expected reference that only has to be non-null. Type <c>either</c> holds its <see cref="Alternatives"/>.
/// </summary>
internal sealed record WastValue(string Type, string? Value, string? LaneType = null, IReadOnlyList<string>? Lanes = null, IReadOnlyList<WastValue>? Alternatives = null)
{
    public bool UsesV128 => Type == "v128" || (Alternatives?.Any(a => a.UsesV128) ?? false);

    public override string ToString() => Alternatives is { } alternatives
        ? $"either({string.Join(" | ", alternatives)})"
        : Lanes is { } lanes
            ? $"{Type}:{LaneType}[{string.Join(' ', lanes)}]"
            : $"{Type}:{Value ?? "<non-null>"}";
}
