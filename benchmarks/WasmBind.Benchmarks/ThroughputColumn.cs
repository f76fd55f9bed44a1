using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace WasmBind.Benchmarks;

/// <summary>The module size of a <see cref="ModuleLoadBenchmarks"/> case, or its load rate in MB/s (10^6 bytes) from the mean.</summary>
public class ThroughputColumn(ThroughputColumn.Kind kind) : IColumn
{
    /// <summary>What the column shows.</summary>
    public enum Kind
    {
        /// <summary>The input's size in bytes.</summary>
        Bytes,

        /// <summary>Input bytes per mean time, in 10^6 bytes per second.</summary>
        MegabytesPerSecond,
    }

    private readonly Dictionary<string, long> sizes = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public string Id => $"{nameof(ThroughputColumn)}.{kind}";

    /// <inheritdoc />
    public string ColumnName => kind == Kind.Bytes ? "Bytes" : "MB/s";

    /// <inheritdoc />
    public bool AlwaysShow => true;

    /// <inheritdoc />
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc />
    public int PriorityInCategory => (int)kind;

    /// <inheritdoc />
    public bool IsNumeric => true;

    /// <inheritdoc />
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc />
    public string Legend => kind == Kind.Bytes ? "Size of the module binary" : "Module bytes loaded per second (10^6 B/s), from the mean";

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        if (benchmarkCase.Parameters[nameof(ModuleLoadBenchmarks.Input)] is not string input) return "-";
        if (!sizes.TryGetValue(input, out var size))
        {
            try { size = ModuleLoadBenchmarks.ReadInput(input).LongLength; }
            catch (IOException) { return "?"; }
            sizes[input] = size;
        }
        if (kind == Kind.Bytes) return size.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (mean is not > 0) return "-";
        return (size / (mean.Value / 1e9) / 1e6).ToString("N2", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc />
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc />
    public override string ToString() => ColumnName;
}
