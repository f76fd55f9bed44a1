using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace WasmBind.Analyzers.Benchmarks;

/// <summary>
/// Analysis of the generated project (<see cref="GeneratedProject"/>, 5,000 methods). Every operation starts from a
/// fresh clone of the compilation, so no semantic model is reused between iterations. <c>Compile</c> is the
/// compiler's own cost (binding every method body, all compiler diagnostics), which analysis includes: the driver
/// compiles to produce the events analyzers run on. <c>All</c> and the single rules add the driver's and the rules'
/// own work, so their time minus Compile's is what the analyzers cost.
/// </summary>
[MemoryDiagnoser]
public class AnalyzerBenchmarks
{
    private CSharpCompilation compilation = null!;

    [Params(5000)]
    public int Methods { get; set; }

    [ParamsSource(nameof(AnalyzerSets))]
    public string Analyzers { get; set; } = "";

    public static IEnumerable<string> AnalyzerSets() =>
        new[] { "Compile", "All" }.Concat(Sets.Rules.Select(r => r.GetType().Name));

    [GlobalSetup]
    public void Setup() => compilation = GeneratedProject.Create(Methods);

    [Benchmark]
    public async Task<int> Analyze()
    {
        var fresh = compilation.Clone();
        if (Analyzers == "Compile") return fresh.GetDiagnostics().Length;
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), null, concurrentAnalysis: true, logAnalyzerExecutionTime: false);
        var diagnostics = await fresh.WithAnalyzers(Sets.For(Analyzers), options).GetAnalyzerDiagnosticsAsync();
        return diagnostics.Length;
    }
}

/// <summary>The analyzer sets the benchmarks compare.</summary>
public static class Sets
{
    public static ImmutableArray<DiagnosticAnalyzer> Rules { get; } =
        typeof(WasmBindAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .OrderBy(t => t.Name)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();

    public static ImmutableArray<DiagnosticAnalyzer> For(string name) => name switch
    {
        "All" => Rules,
        _ => [Rules.Single(r => r.GetType().Name == name)],
    };
}
