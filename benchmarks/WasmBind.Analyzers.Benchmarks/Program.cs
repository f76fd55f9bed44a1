using BenchmarkDotNet.Running;
using WasmBind.Analyzers.Benchmarks;

if (args is ["telemetry", ..])
{
    await Telemetry.RunAsync();
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(AnalyzerBenchmarks).Assembly).Run(args);
