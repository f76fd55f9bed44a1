using BenchmarkDotNet.Running;
using WasmBind.Analyzers.Benchmarks;

if (args is ["telemetry", .. var only])
{
    // `telemetry Compile All Baseline` times only those configurations.
    await Telemetry.RunAsync(only);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(AnalyzerBenchmarks).Assembly).Run(args);
