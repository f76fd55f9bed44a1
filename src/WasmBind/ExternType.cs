namespace WasmBind;

/// <summary>The kind of an import or export.</summary>
public enum ExternKind : byte
{
    /// <summary>A function.</summary>
    Function = 0,
    /// <summary>A table.</summary>
    Table = 1,
    /// <summary>A linear memory.</summary>
    Memory = 2,
    /// <summary>A global variable.</summary>
    Global = 3,
}

/// <summary>The type of something a module imports or exports: a function, table, memory or global type.</summary>
public abstract record class ExternType
{
    private protected ExternType() { }

    /// <summary>Which kind of external this type describes.</summary>
    public abstract ExternKind Kind { get; }
}

/// <summary>Size limits of a memory (in 64 KiB pages) or a table (in elements).</summary>
/// <param name="Minimum">The initial size.</param>
/// <param name="Maximum">The largest size, or null for none.</param>
public readonly record struct Limits(ulong Minimum, ulong? Maximum)
{
    /// <summary>Whether limits <paramref name="actual"/> may stand where these are expected (spec "import subtyping").</summary>
    public bool Accepts(Limits actual) =>
        actual.Minimum >= Minimum && (Maximum is not { } max || (actual.Maximum is { } amax && amax <= max));

    /// <inheritdoc />
    public override string ToString() => Maximum is { } max ? $"{Minimum} {max}" : $"{Minimum}";
}

/// <summary>A function signature.</summary>
public sealed record class FunctionType : ExternType
{
    private readonly ValueType[] parameters;
    private readonly ValueType[] results;

    /// <summary>Creates a function type.</summary>
    public FunctionType(ReadOnlySpan<ValueType> parameters, ReadOnlySpan<ValueType> results)
    {
        this.parameters = parameters.ToArray();
        this.results = results.ToArray();
    }

    /// <summary>Creates a function type.</summary>
    public FunctionType(IEnumerable<ValueType> parameters, IEnumerable<ValueType> results)
    {
        this.parameters = parameters.ToArray();
        this.results = results.ToArray();
    }

    /// <inheritdoc />
    public override ExternKind Kind => ExternKind.Function;

    /// <summary>Parameter types, in order.</summary>
    public IReadOnlyList<ValueType> Parameters => parameters;

    /// <summary>Result types, in order.</summary>
    public IReadOnlyList<ValueType> Results => results;

    internal ReadOnlySpan<ValueType> ParameterSpan => parameters;

    internal ReadOnlySpan<ValueType> ResultSpan => results;

    /// <inheritdoc />
    public bool Equals(FunctionType? other) =>
        other is not null && parameters.AsSpan().SequenceEqual(other.parameters) && results.AsSpan().SequenceEqual(other.results);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var p in parameters) hash.Add(p);
        hash.Add(0xFF);
        foreach (var r in results) hash.Add(r);
        return hash.ToHashCode();
    }

    /// <summary>The type in text-format notation, e.g. <c>(func (param i32 i32) (result i32))</c>.</summary>
    public override string ToString()
    {
        var sb = new System.Text.StringBuilder("(func");
        if (parameters.Length > 0) sb.Append(" (param ").AppendJoin(' ', parameters.Select(p => p.ToWatName())).Append(')');
        if (results.Length > 0) sb.Append(" (result ").AppendJoin(' ', results.Select(p => p.ToWatName())).Append(')');
        return sb.Append(')').ToString();
    }
}

/// <summary>The type of a table: its element type and limits.</summary>
/// <param name="ElementType">The reference type of the elements.</param>
/// <param name="Limits">The size limits, in elements.</param>
public sealed record class TableType(ValueType ElementType, Limits Limits) : ExternType
{
    /// <inheritdoc />
    public override ExternKind Kind => ExternKind.Table;

    /// <summary>Whether the table is indexed with <c>i64</c> (a 64-bit table of Wasm 3.0, <see cref="WasmFeatures.Memory64"/>).</summary>
    public bool Is64 { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"(table{(Is64 ? " i64" : "")} {Limits} {ElementType.ToWatName()})";
}

/// <summary>The type of a linear memory: its limits in 64 KiB pages.</summary>
/// <param name="Limits">The size limits, in pages.</param>
/// <param name="Shared">Whether the memory is shared between threads (threads proposal).</param>
public sealed record class MemoryType(Limits Limits, bool Shared = false) : ExternType
{
    /// <summary>The size of a WebAssembly page in bytes.</summary>
    public const int PageSize = 65536;

    /// <inheritdoc />
    public override ExternKind Kind => ExternKind.Memory;

    /// <summary>Whether the memory is addressed with <c>i64</c> (memory64, <see cref="WasmFeatures.Memory64"/>).</summary>
    public bool Is64 { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"(memory{(Is64 ? " i64" : "")} {Limits}{(Shared ? " shared" : "")})";
}

/// <summary>The type of a global variable.</summary>
/// <param name="ValueType">The type of the value.</param>
/// <param name="Mutable">Whether the global can be set.</param>
public sealed record class GlobalType(ValueType ValueType, bool Mutable) : ExternType
{
    /// <inheritdoc />
    public override ExternKind Kind => ExternKind.Global;

    /// <inheritdoc />
    public override string ToString() => Mutable ? $"(global (mut {ValueType.ToWatName()}))" : $"(global {ValueType.ToWatName()})";
}

/// <summary>An import a module declares.</summary>
/// <param name="Module">The module name the import comes from.</param>
/// <param name="Name">The item's name within that module.</param>
/// <param name="Type">What the import must be.</param>
public sealed record class ImportType(string Module, string Name, ExternType Type);

/// <summary>An export a module declares.</summary>
/// <param name="Name">The export's name.</param>
/// <param name="Type">What the export is.</param>
public sealed record class ExportType(string Name, ExternType Type);
