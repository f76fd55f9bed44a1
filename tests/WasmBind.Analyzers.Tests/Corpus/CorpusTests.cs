using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using WasmBind.Analyzers.Tests.Verifiers;
using Xunit;
using Xunit.Abstractions;

namespace WasmBind.Analyzers.Tests.Corpus;

/// <summary>
/// Every analyzer over the whole corpus at once: recall on <see cref="MisuseCorpus"/> (a snippet counts as caught
/// when its rule reports anywhere in it), and false positives on <see cref="CorrectCorpus"/> (any diagnostic in a
/// correct look-alike). The per-rule table is printed and must match the one in docs/rules/README.md.
/// </summary>
public class CorpusTests(ITestOutputHelper output)
{
    private const string Preamble = """
        namespace Corpus
        {
            [WasmExports]
            public partial interface IRenderer
            {
                int Render(int document);
                ValueTask<int> PaintAsync(int document);
            }

            [WasmImports("host")]
            public partial interface IHostApi
            {
                ValueTask<int> FetchAsync(int id);
                int Now();
            }

            // Stand-ins for the ASP.NET Core and hosting types app code uses, so the corpus compiles without them.
            [AttributeUsage(AttributeTargets.Method)]
            public sealed class HttpGetAttribute : Attribute { }

            public abstract class ControllerBase
            {
                protected object Ok(object? value) => value ?? new object();
            }

            public abstract class BackgroundService
            {
                protected abstract Task ExecuteAsync(CancellationToken stoppingToken);
            }
        }
        """;

    private const string FileUsings = """
        using System;
        using System.Collections.Concurrent;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Channels;
        using System.Threading.Tasks;
        using WasmBind;
        using Corpus;

        """;

    [Fact]
    public async Task Recall_is_at_least_97_percent_with_no_false_positives()
    {
        Assert.True(MisuseCorpus.All.Length >= 80, "The corpus needs at least 80 misuse snippets.");
        Assert.True(CorrectCorpus.All.Length >= 80, "The corpus needs at least 80 correct look-alikes.");
        var results = await RunAsync();
        var table = Table(results);
        output.WriteLine(table);

        var misuse = results.Where(r => r.Snippet.Rule is not null).ToList();
        var missed = misuse.Where(r => !r.Caught).ToList();
        output.WriteLine("Missed: " + (missed.Count == 0 ? "none" : string.Join("; ", missed.Select(r => $"{r.Snippet.Rule} {r.Snippet.Name}"))));
        var falsePositives = results.Where(r => r.Snippet.Rule is null && r.Diagnostics.Length > 0).ToList();
        Assert.True(falsePositives.Count == 0, "Correct code reported:\n" + string.Join("\n", falsePositives.SelectMany(r =>
            r.Diagnostics.Select(d => $"  {r.Snippet.Name}: {d.Id} {d.GetMessage(CultureInfo.InvariantCulture)}"))));

        var recall = (double)(misuse.Count - missed.Count) / misuse.Count;
        Assert.True(recall >= 0.97, $"Recall {recall:P1} is below 97%. Missed:\n" + string.Join("\n", missed.Select(r => $"  {r.Snippet.Rule} {r.Snippet.Name}")));

        // The docs show the same numbers the test measures.
        var index = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "rules", "README.md")).Replace("\r\n", "\n");
        Assert.True(index.Contains(table, StringComparison.Ordinal), "docs/rules/README.md does not show the measured table:\n" + table);
    }

    private sealed record Result(CorpusSnippet Snippet, ImmutableArray<Diagnostic> Diagnostics)
    {
        public bool Caught => Diagnostics.Any(d => d.Id == Snippet.Rule);
    }

    private static async Task<List<Result>> RunAsync()
    {
        var snippets = MisuseCorpus.All.Select((s, i) => (Snippet: s, Path: $"Misuse{i:D3}.cs", Namespace: $"Corpus.Misuse{i:D3}"))
            .Concat(CorrectCorpus.All.Select((s, i) => (Snippet: s, Path: $"Correct{i:D3}.cs", Namespace: $"Corpus.Correct{i:D3}")))
            .ToList();
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = snippets
            .Select(s => CSharpSyntaxTree.ParseText($"{FileUsings}namespace {s.Namespace};\n\n{s.Snippet.Code}", parseOptions, path: s.Path))
            .Append(CSharpSyntaxTree.ParseText("using System;\nusing System.Threading;\nusing System.Threading.Tasks;\nusing WasmBind;\n\n" + Preamble, parseOptions, path: "Preamble.cs"))
            .ToList();
        var compilation = CSharpCompilation.Create(
            "Corpus", trees, TestSetup.Runtime,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "The corpus does not compile:\n" + string.Join("\n", errors));

        var exceptions = new List<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]),
            onAnalyzerException: (exception, analyzer, _) => { lock (exceptions) exceptions.Add($"{analyzer.GetType().Name}: {exception}"); },
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        var diagnostics = await compilation.WithAnalyzers(TestSetup.AllAnalyzers, options).GetAnalyzerDiagnosticsAsync();
        Assert.True(exceptions.Count == 0, "An analyzer threw:\n" + string.Join("\n", exceptions));
        Assert.DoesNotContain(diagnostics, d => d.Location.SourceTree?.FilePath == "Preamble.cs");

        var byPath = diagnostics.ToLookup(d => d.Location.SourceTree?.FilePath ?? "");
        return snippets.Select(s => new Result(s.Snippet, byPath[s.Path].ToImmutableArray())).ToList();
    }

    /// <summary>The per-rule table, as docs/rules/README.md shows it.</summary>
    private static string Table(List<Result> results)
    {
        var text = new StringBuilder();
        text.Append("| rule | misuse snippets | caught | recall | reports on the correct look-alikes |\n");
        text.Append("|---|---|---|---|---|\n");
        var correct = results.Where(r => r.Snippet.Rule is null).ToList();
        var rules = results.Select(r => r.Snippet.Rule).OfType<string>().Distinct().Order(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            var misuse = results.Where(r => r.Snippet.Rule == rule).ToList();
            var caught = misuse.Count(r => r.Caught);
            var falsePositives = correct.Sum(r => r.Diagnostics.Count(d => d.Id == rule));
            text.Append(CultureInfo.InvariantCulture, $"| {rule} | {misuse.Count} | {caught} | {Percent(caught, misuse.Count)} | {falsePositives} |\n");
        }
        var allMisuse = results.Count(r => r.Snippet.Rule is not null);
        var allCaught = results.Count(r => r.Snippet.Rule is not null && r.Caught);
        text.Append(CultureInfo.InvariantCulture,
            $"| all | {allMisuse} | {allCaught} | {Percent(allCaught, allMisuse)} | {correct.Sum(r => r.Diagnostics.Length)} in {correct.Count} snippets |\n");
        return text.ToString();
    }

    private static string Percent(int part, int whole) => (100.0 * part / whole).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string RepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "WasmBind.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException("WasmBind.sln not found above " + AppContext.BaseDirectory);
    }
}
