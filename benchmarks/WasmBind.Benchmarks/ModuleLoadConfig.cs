using BenchmarkDotNet.Configs;

namespace WasmBind.Benchmarks;

/// <summary>Adds the size and MB/s columns to <see cref="ModuleLoadBenchmarks"/>.</summary>
public class ModuleLoadConfig : ManualConfig
{
    /// <summary>The columns; everything else comes from the default or command-line config.</summary>
    public ModuleLoadConfig()
    {
        AddColumn(new ThroughputColumn(ThroughputColumn.Kind.Bytes));
        AddColumn(new ThroughputColumn(ThroughputColumn.Kind.MegabytesPerSecond));
    }
}
