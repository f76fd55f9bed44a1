using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace WasmBind.Analyzers.Tests.Infrastructure;

/// <summary>
/// Applies a code fix in an <see cref="AdhocWorkspace"/> and checks the result: the expected text, no compile
/// errors, and no diagnostic from any WasmBind analyzer.
/// </summary>
public static class CodeFixVerifier
{
    /// <summary>
    /// Fixes the marked diagnostics one at a time (re-analyzing after each, as a person pressing the light bulb
    /// would) and compares with <paramref name="expected"/>.
    /// </summary>
    public static async Task VerifyFixAsync<TAnalyzer, TFix>(string markup, string expected, CSharpParseOptions? parseOptions = null)
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TFix : CodeFixProvider, new()
    {
        await AnalyzerVerifier.VerifyAsync<TAnalyzer>(markup, parseOptions);
        var analyzer = new TAnalyzer();
        var fix = new TFix();
        var (source, _) = Markup.Parse(TestCompilation.Usings + markup, analyzer.SupportedDiagnostics[0].Id);
        using var workspace = new AdhocWorkspace();
        var document = CreateDocument(workspace, source, parseOptions);

        for (var iteration = 0; iteration < 20; iteration++)
        {
            var diagnostics = await FixableDiagnosticsAsync(document, analyzer, fix);
            if (diagnostics.Length == 0) break;
            var actions = new List<CodeAction>();
            var context = new CodeFixContext(document, diagnostics[0], (action, _) => actions.Add(action), CancellationToken.None);
            await fix.RegisterCodeFixesAsync(context);
            if (actions.Count == 0) break;
            document = await ApplyAsync(document, actions[0]);
        }
        await AssertFixedAsync(document, expected);
    }

    /// <summary>Applies the provider's Fix All to every diagnostic in the document at once.</summary>
    public static async Task VerifyFixAllAsync<TAnalyzer, TFix>(string markup, string expected)
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TFix : CodeFixProvider, new()
    {
        await AnalyzerVerifier.VerifyAsync<TAnalyzer>(markup);
        var analyzer = new TAnalyzer();
        var fix = new TFix();
        var (source, _) = Markup.Parse(TestCompilation.Usings + markup, analyzer.SupportedDiagnostics[0].Id);
        using var workspace = new AdhocWorkspace();
        var document = CreateDocument(workspace, source, null);
        var diagnostics = await FixableDiagnosticsAsync(document, analyzer, fix);
        Assert.NotEmpty(diagnostics);

        var actions = new List<CodeAction>();
        await fix.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostics[0], (action, _) => actions.Add(action), CancellationToken.None));
        var equivalenceKey = actions[0].EquivalenceKey;
        var fixAll = fix.GetFixAllProvider();
        Assert.NotNull(fixAll);
        var context = new FixAllContext(
            document, fix, FixAllScope.Document, equivalenceKey, fix.FixableDiagnosticIds, new Provider(diagnostics), CancellationToken.None);
        var action = await fixAll.GetFixAsync(context);
        Assert.NotNull(action);
        document = await ApplyAsync(document, action);
        await AssertFixedAsync(document, expected);
    }

    /// <summary>True when the analyzer reports a diagnostic at the marked span and the fix offers nothing for it.</summary>
    public static async Task VerifyNoFixAsync<TAnalyzer, TFix>(string markup)
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TFix : CodeFixProvider, new()
    {
        await AnalyzerVerifier.VerifyAsync<TAnalyzer>(markup);
        var analyzer = new TAnalyzer();
        var fix = new TFix();
        var (source, _) = Markup.Parse(TestCompilation.Usings + markup, analyzer.SupportedDiagnostics[0].Id);
        using var workspace = new AdhocWorkspace();
        var document = CreateDocument(workspace, source, null);
        var diagnostics = await FixableDiagnosticsAsync(document, analyzer, fix);
        Assert.NotEmpty(diagnostics);
        foreach (var diagnostic in diagnostics)
        {
            var actions = new List<CodeAction>();
            await fix.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
            Assert.Empty(actions);
        }
    }

    private static Document CreateDocument(AdhocWorkspace workspace, string source, CSharpParseOptions? parseOptions)
    {
        var project = workspace.CurrentSolution
            .AddProject("TestProject", "TestAssembly", LanguageNames.CSharp)
            .WithCompilationOptions(TestCompilation.CompilationOptions)
            .WithParseOptions(parseOptions ?? TestCompilation.ParseOptions)
            .AddMetadataReferences(TestCompilation.References);
        return project.AddDocument("Test.cs", SourceText.From(source), filePath: "Test.cs");
    }

    private static async Task<ImmutableArray<Diagnostic>> FixableDiagnosticsAsync(Document document, DiagnosticAnalyzer analyzer, CodeFixProvider fix)
    {
        var compilation = (await document.Project.GetCompilationAsync())!;
        var diagnostics = await AnalyzerVerifier.RunAsync(compilation, [analyzer]);
        return diagnostics.Where(d => fix.FixableDiagnosticIds.Contains(d.Id)).OrderBy(d => d.Location.SourceSpan.Start).ToImmutableArray();
    }

    private static async Task<Document> ApplyAsync(Document document, CodeAction action)
    {
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var solution = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        return solution.GetDocument(document.Id)!;
    }

    private static async Task AssertFixedAsync(Document document, string expected)
    {
        var text = (await document.GetTextAsync()).ToString();
        Assert.Equal(Normalize(TestCompilation.Usings + expected), Normalize(text));
        var compilation = (await document.Project.GetCompilationAsync())!;
        AnalyzerVerifier.AssertCompiles(compilation);
        var remaining = await AnalyzerVerifier.RunAsync(compilation, AnalyzerVerifier.AllAnalyzers);
        Assert.True(remaining.IsEmpty, "The fixed code still has diagnostics:\n" + string.Join("\n", remaining));
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n");

    private sealed class Provider(ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>([]);
    }
}
