using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace WasmBind.Analyzers.Benchmarks;

/// <summary>
/// A quick look without BenchmarkDotNet: the diagnostics the rules find in the generated project, Roslyn's
/// per-analyzer execution times, and the best of a few timed runs of each configuration (the minimum is what
/// survives a busy machine).
/// </summary>
public static class Telemetry
{
    public static async Task RunAsync(IReadOnlyCollection<string> only)
    {
        var compilation = GeneratedProject.Create(5000);
        var errors = compilation.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);
        Console.WriteLine($"{compilation.SyntaxTrees.Count()} files, 5000 methods, {errors} compile errors");

        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), null, concurrentAnalysis: true, logAnalyzerExecutionTime: true);
        var withAnalyzers = compilation.Clone().WithAnalyzers(Sets.Rules, options);
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
        Console.WriteLine($"{diagnostics.Length} diagnostics: " + string.Join(", ", diagnostics.GroupBy(d => d.Id).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}")));
        Console.WriteLine("Roslyn's execution time per analyzer (time inside its callbacks, concurrent):");
        foreach (var analyzer in Sets.Rules)
        {
            var info = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None);
            Console.WriteLine($"  {analyzer.GetType().Name,-40} {info.ExecutionTime.TotalMilliseconds,8:F0} ms");
        }

        // Wall time suffers from whatever else the machine runs; processor time (all threads of this process) much less.
        Console.WriteLine("Best of 5 runs, each on a fresh clone of the compilation (wall / processor time):");
        var process = Process.GetCurrentProcess();
        // Runs interleaved (every configuration once per round), so a burst of load elsewhere hits them alike.
        var names = AnalyzerBenchmarks.AnalyzerSets().Where(n => only.Count == 0 || only.Contains(n)).ToList();
        var bestWall = names.ToDictionary(n => n, _ => TimeSpan.MaxValue);
        var bestCpu = names.ToDictionary(n => n, _ => TimeSpan.MaxValue);
        for (var run = 0; run < 5; run++)
        {
            foreach (var name in names)
            {
                GC.Collect();
                process.Refresh();
                var cpu = process.TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                await AnalyzeAsync(compilation, name);
                clock.Stop();
                process.Refresh();
                var used = process.TotalProcessorTime - cpu;
                if (clock.Elapsed < bestWall[name]) bestWall[name] = clock.Elapsed;
                if (used < bestCpu[name]) bestCpu[name] = used;
            }
        }
        foreach (var name in names) Console.WriteLine($"  {name,-40} {bestWall[name].TotalMilliseconds,8:F0} ms {bestCpu[name].TotalMilliseconds,8:F0} ms");
    }

    private static async Task<int> AnalyzeAsync(Microsoft.CodeAnalysis.CSharp.CSharpCompilation compilation, string name)
    {
        var fresh = compilation.Clone();
        if (name == "Compile") return fresh.GetDiagnostics().Length;
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), null, concurrentAnalysis: true, logAnalyzerExecutionTime: false);
        var diagnostics = await fresh.WithAnalyzers(Sets.For(name), options).GetAnalyzerDiagnosticsAsync();
        return diagnostics.Length;
    }
}
