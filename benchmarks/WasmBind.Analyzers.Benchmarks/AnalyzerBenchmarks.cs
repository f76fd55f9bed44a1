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
        new[] { "Compile", "All" }
            .Concat(Sets.Baseline.IsDefaultOrEmpty ? [] : new[] { Sets.BaselineName })
            .Concat(Sets.Rules.Select(r => r.GetType().Name));

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

    /// <summary>The name of the baseline set (every analyzer of the baseline build) in results.</summary>
    public const string BaselineName = "Baseline";

    /// <summary>
    /// Every analyzer of another build of WasmBind.Analyzers (say, main's before a change), loaded from the path in
    /// WASMBIND_BASELINE_ANALYZERS into its own load context, so "before" and "after" run in the same process on the
    /// same generated project. Empty when the variable is not set.
    /// </summary>
    public static ImmutableArray<DiagnosticAnalyzer> Baseline { get; } = LoadBaseline();

    public static ImmutableArray<DiagnosticAnalyzer> For(string name) => name switch
    {
        "All" => Rules,
        BaselineName => Baseline,
        _ => [Rules.Single(r => r.GetType().Name == name)],
    };

    private static ImmutableArray<DiagnosticAnalyzer> LoadBaseline()
    {
        var path = Environment.GetEnvironmentVariable("WASMBIND_BASELINE_ANALYZERS");
        if (string.IsNullOrEmpty(path)) return [];
        var assembly = new BaselineLoadContext().LoadFromAssemblyPath(Path.GetFullPath(path));
        return assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t)
                && t.GetCustomAttributes(typeof(DiagnosticAnalyzerAttribute), false).Length > 0)
            .OrderBy(t => t.Name)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();
    }

    /// <summary>
    /// Loads only the baseline analyzer assembly itself; everything it references (Roslyn, the BCL) resolves from the
    /// default context, so its analyzers are the same DiagnosticAnalyzer type the driver knows.
    /// </summary>
    private sealed class BaselineLoadContext() : System.Runtime.Loader.AssemblyLoadContext("baseline-analyzers")
    {
        protected override System.Reflection.Assembly? Load(System.Reflection.AssemblyName assemblyName) => null;
    }
}
