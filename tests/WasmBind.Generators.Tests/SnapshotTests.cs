using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using WasmBind.Generators.Tests.Verifiers;
using Xunit;

namespace WasmBind.Generators.Tests;

/// <summary>
/// The generated code of representative interfaces, compared by the standard harness (its generated-sources check:
/// every hint name and every character, no diagnostic, no compiler warning) with the checked-in
/// Snapshots/*.g.cs.expected. Set WASMBIND_UPDATE_SNAPSHOTS=1 to rewrite them after an intended change (and review the
/// diff).
/// </summary>
public sealed class SnapshotTests
{
    private const string Separator = "\n// ----\n\n";

    public static TheoryData<string> Cases => new(SnapshotCases.All.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task GeneratedCode_MatchesSnapshot(string name)
    {
        var path = Path.Combine(SnapshotDirectory(), name + ".g.cs.expected");
        if (Environment.GetEnvironmentVariable("WASMBIND_UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(path, Snapshot(SnapshotCases.All[name]));
            return;
        }
        Assert.True(File.Exists(path), $"No snapshot {path}; run the tests with WASMBIND_UPDATE_SNAPSHOTS=1 to create it.");
        var expected = ParseSnapshot(File.ReadAllText(path).ReplaceLineEndings("\n"));
        Assert.NotEmpty(expected);

        await CSharpSourceGeneratorVerifier.VerifyGeneratedSourcesAsync(SnapshotCases.All[name], expected);
    }

    [Fact]
    public void SnapshotFormat_RoundTrips()
    {
        // The rewrite and the check must agree on the file format, or an updated snapshot would never match.
        foreach (var source in SnapshotCases.All.Values)
        {
            var snapshot = Snapshot(source);
            Assert.Equal(snapshot, string.Join(Separator, ParseSnapshot(snapshot).Select(s => $"// {s.HintName}\n{s.Text}")));
        }
    }

    /// <summary>All generated sources of <paramref name="source"/>, by hint name, as one reviewable file.</summary>
    private static string Snapshot(string source)
    {
        var (result, _) = GeneratorDriverRunner.Run(GeneratorDriverRunner.Compile(source));
        Assert.All(result.Results, r => Assert.Null(r.Exception));
        return string.Join(Separator, result.Results.SelectMany(r => r.GeneratedSources)
            .OrderBy(s => s.HintName, StringComparer.Ordinal)
            .Select(s => $"// {s.HintName}\n{s.SourceText}"));
    }

    private static List<(string HintName, string Text)> ParseSnapshot(string snapshot) =>
        snapshot.Split(Separator).Select(part =>
        {
            var newline = part.IndexOf('\n', StringComparison.Ordinal);
            Assert.True(part.StartsWith("// ", StringComparison.Ordinal) && newline > 3, "a snapshot part starts with '// <hint name>'");
            return (part[3..newline], part[(newline + 1)..]);
        }).ToList();

    [Theory]
    [MemberData(nameof(Cases))]
    public void GeneratedCode_CompilesWithoutDiagnostics(string name)
    {
        var (result, output) = GeneratorDriverRunner.Run(GeneratorDriverRunner.Compile(SnapshotCases.All[name]));
        Assert.Empty(result.Diagnostics);

        var diagnostics = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(diagnostics.Count == 0, string.Join("\n", diagnostics));
        using var stream = new MemoryStream();
        Assert.True(output.Emit(stream).Success);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task GeneratedCode_PassesTheTrimmingAndAotAnalyzers(string name)
    {
        var (_, output) = GeneratorDriverRunner.Run(GeneratorDriverRunner.Compile(SnapshotCases.All[name]));
        var generatedTrees = output.SyntaxTrees.Where(t => t.FilePath.EndsWith(".g.cs", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(generatedTrees);

        // No reflection at all: no symbol from System.Reflection, no typeof, no GetType.
        foreach (var tree in generatedTrees)
        {
            var model = output.GetSemanticModel(tree);
            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                Assert.False(node.IsKind(SyntaxKind.TypeOfExpression), $"typeof in generated code: {node}");
                var symbol = model.GetSymbolInfo(node).Symbol;
                var ns = symbol?.ContainingNamespace?.ToDisplayString() ?? "";
                Assert.False(ns.StartsWith("System.Reflection", StringComparison.Ordinal) || symbol?.Name == "GetType", $"reflection in generated code: {node}");
            }
        }

        // The ILLink Roslyn analyzer (what IsAotCompatible turns on), where the runtime's restore put it.
        var diagnostics = await TrimAnalyzerDiagnostics(output);
        Assert.True(diagnostics.IsEmpty, string.Join("\n", diagnostics));
    }

    [Fact]
    public async Task TrimAnalyzer_Control_CatchesReflection()
    {
        var (_, output) = GeneratorDriverRunner.Run(GeneratorDriverRunner.Compile("""
            public static class UsesReflection
            {
                public static object? Run(string name) => System.Type.GetType(name)!.GetMethods();
            }
            """));
        if (IlLinkAnalyzer() is null) return;
        Assert.Contains(await TrimAnalyzerDiagnostics(output), d => d.Id.StartsWith("IL2", StringComparison.Ordinal));
    }

    /// <summary>The trimming, AOT and single-file analyzers' findings, or none when the analyzer package is not in the NuGet cache.</summary>
    private static async Task<System.Collections.Immutable.ImmutableArray<Diagnostic>> TrimAnalyzerDiagnostics(Microsoft.CodeAnalysis.Compilation compilation)
    {
        var analyzerPath = IlLinkAnalyzer();
        if (analyzerPath is null) return [];
        var analyzers = new AnalyzerFileReference(analyzerPath, new AnalyzerLoader()).GetAnalyzers(LanguageNames.CSharp);
        Assert.NotEmpty(analyzers);
        var options = new AnalyzerOptions([], new OptionsProvider(new Dictionary<string, string>
        {
            ["build_property.EnableTrimAnalyzer"] = "true",
            ["build_property.EnableAotAnalyzer"] = "true",
            ["build_property.EnableSingleFileAnalyzer"] = "true",
            ["build_property.IsAotCompatible"] = "true",
        }));
        return await compilation.WithAnalyzers([.. analyzers], options).GetAnalyzerDiagnosticsAsync();
    }

    private static string? IlLinkAnalyzer()
    {
        var roots = new[]
        {
            Environment.GetEnvironmentVariable("NUGET_PACKAGES"),
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
        };
        return roots.Where(r => !string.IsNullOrEmpty(r) && Directory.Exists(Path.Combine(r!, "microsoft.net.illink.tasks")))
            .SelectMany(r => Directory.GetDirectories(Path.Combine(r!, "microsoft.net.illink.tasks")))
            .OrderByDescending(d => d, StringComparer.Ordinal)
            .Select(d => Path.Combine(d, "analyzers", "dotnet", "cs", "ILLink.RoslynAnalyzer.dll"))
            .FirstOrDefault(File.Exists);
    }

    private static string SnapshotDirectory([CallerFilePath] string thisFile = "") => Path.Combine(Path.GetDirectoryName(thisFile)!, "Snapshots");

    private sealed class AnalyzerLoader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath) { }

        public System.Reflection.Assembly LoadFromPath(string fullPath) => System.Reflection.Assembly.LoadFrom(fullPath);
    }

    private sealed class OptionsProvider(Dictionary<string, string> values) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(values);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => GlobalOptions;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => GlobalOptions;

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) =>
                values.TryGetValue(key, out value);
        }
    }
}
