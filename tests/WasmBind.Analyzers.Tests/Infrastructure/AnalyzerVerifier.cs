using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using WasmBind.Analyzers.Rules;
using Xunit;

namespace WasmBind.Analyzers.Tests.Infrastructure;

/// <summary>Runs analyzers over marked-up source and checks that exactly the marked diagnostics appear.</summary>
public static class AnalyzerVerifier
{
    /// <summary>Every analyzer in WasmBind.Analyzers, found by reflection so a new rule is covered without a list.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> AllAnalyzers { get; } =
        typeof(WasmBindAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t)
                && t.GetCustomAttributes(typeof(DiagnosticAnalyzerAttribute), false).Length > 0)
            .OrderBy(t => t.Name)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();

    /// <summary>
    /// Compiles <paramref name="markup"/> (with <see cref="TestCompilation.Usings"/> in front), requires it to compile
    /// without errors, runs <typeparamref name="TAnalyzer"/> and requires exactly the marked diagnostics of its ids.
    /// </summary>
    public static async Task VerifyAsync<TAnalyzer>(string markup, CSharpParseOptions? parseOptions = null, string path = "Test.cs")
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        var analyzer = new TAnalyzer();
        var ids = analyzer.SupportedDiagnostics.Select(d => d.Id).ToHashSet();
        var (source, expected) = Markup.Parse(TestCompilation.Usings + markup, ids.Count == 1 ? ids.Single() : null);
        var compilation = TestCompilation.Create(source, parseOptions, path: path);
        AssertCompiles(compilation);
        var actual = await RunAsync(compilation, [analyzer]);
        AssertSame(source, expected, actual.Where(d => ids.Contains(d.Id)).ToList());
    }

    /// <summary>Runs analyzers, failing the test on any analyzer exception (AD0001).</summary>
    public static async Task<ImmutableArray<Diagnostic>> RunAsync(Microsoft.CodeAnalysis.Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var exceptions = new List<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]),
            onAnalyzerException: (exception, analyzer, _) => { lock (exceptions) exceptions.Add($"{analyzer.GetType().Name}: {exception}"); },
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false);
        var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync();
        Assert.True(exceptions.Count == 0, "An analyzer threw:\n" + string.Join("\n", exceptions));
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        return diagnostics;
    }

    public static void AssertCompiles(Microsoft.CodeAnalysis.Compilation compilation)
    {
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "The test source does not compile:\n" + string.Join("\n", errors));
    }

    private static void AssertSame(string source, List<ExpectedDiagnostic> expected, List<Diagnostic> actual)
    {
        var actualSet = actual.Select(d => new ExpectedDiagnostic(d.Id, d.Location.SourceSpan)).ToList();
        var missing = expected.Except(actualSet).ToList();
        var unexpected = actualSet.Except(expected).ToList();
        if (missing.Count == 0 && unexpected.Count == 0 && expected.Count == actualSet.Count) return;

        var message = new StringBuilder();
        foreach (var item in missing) message.AppendLine($"missing    {Describe(source, item)}");
        foreach (var item in unexpected)
        {
            var diagnostic = actual.First(d => d.Id == item.Id && d.Location.SourceSpan == item.Span);
            message.AppendLine($"unexpected {Describe(source, item)}: {diagnostic.GetMessage()}");
        }
        if (missing.Count == 0 && unexpected.Count == 0) message.AppendLine("a diagnostic is reported more than once");
        Assert.Fail(message.ToString());
    }

    private static string Describe(string source, ExpectedDiagnostic item)
    {
        var line = source.Take(item.Span.Start).Count(c => c == '\n') + 1 - TestCompilation.Usings.Count(c => c == '\n');
        return $"{item.Id} at test line {line}: `{source.Substring(item.Span.Start, item.Span.Length)}`";
    }
}
