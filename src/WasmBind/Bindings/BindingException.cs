namespace WasmBind.Bindings;

/// <summary>One export a <see cref="WasmExportsAttribute"/> interface needs that the instance lacks or has with another type.</summary>
/// <param name="ExportName">The export's name, such as <c>greet</c>, <c>memory</c> or <c>cabi_post_greet</c>.</param>
/// <param name="Expected">What the binding needs, in text-format notation: <c>(func (param i32 i32) (result i32))</c>, <c>memory</c>.</param>
/// <param name="Actual">What the instance exports under that name, in the same notation, or null when it exports nothing by that name.</param>
public sealed record BindingProblem(string ExportName, string Expected, string? Actual)
{
    /// <summary>The problem as one line, e.g. <c>`greet`: missing; expected (func (param i32 i32) (result i32))</c>.</summary>
    public override string ToString() => Actual is null
        ? $"`{ExportName}`: missing; expected {Expected}"
        : $"`{ExportName}`: expected {Expected}, found {Actual}";
}

/// <summary>
/// A guest instance cannot be bound to a <see cref="WasmExportsAttribute"/> interface: some exports the interface needs
/// are missing or have other types. Thrown once by the generated <c>Bind</c>, listing every problem.
/// </summary>
public sealed class BindingException : WasmException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="interfaceName">The interface being bound, as its generated code names it.</param>
    /// <param name="problems">Every missing or mismatched export; at least one.</param>
    public BindingException(string interfaceName, IReadOnlyList<BindingProblem> problems)
        : base(Describe(interfaceName, problems))
    {
        InterfaceName = interfaceName;
        Problems = problems;
    }

    /// <summary>The interface being bound.</summary>
    public string InterfaceName { get; }

    /// <summary>Every missing or mismatched export, in the order the interface declares them.</summary>
    public IReadOnlyList<BindingProblem> Problems { get; }

    private static string Describe(string interfaceName, IReadOnlyList<BindingProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(interfaceName);
        ArgumentNullException.ThrowIfNull(problems);
        var sb = new System.Text.StringBuilder();
        sb.Append($"Cannot bind {interfaceName} to the instance: ");
        sb.Append(problems.Count == 1 ? "1 export is missing or mismatched:" : $"{problems.Count} exports are missing or mismatched:");
        foreach (var problem in problems) sb.AppendLine().Append("  ").Append(problem);
        return sb.ToString();
    }
}
