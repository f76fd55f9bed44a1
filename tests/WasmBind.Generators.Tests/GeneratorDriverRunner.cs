using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using WasmBind.Generators.Tests.Verifiers;
using Xunit;

namespace WasmBind.Generators.Tests;

/// <summary>
/// Drives <see cref="WasmBindGenerator"/> with CSharpGeneratorDriver directly, for what the standard harness does not
/// expose: step tracking across edits (trackIncrementalGeneratorSteps), the generated text a test inspects piece by
/// piece, the symbol-built model compared with the generator's, and rewriting the snapshots.
/// </summary>
internal static class GeneratorDriverRunner
{
    /// <summary>A compilation of <paramref name="sources"/> (Source0.cs, Source1.cs, ...) with <see cref="TestSetup"/>'s references and options.</summary>
    public static CSharpCompilation Compile(params string[] sources) => CSharpCompilation.Create(
        "BindingTests",
        sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, TestSetup.ParseOptions, path: $"Source{i}.cs")),
        TestSetup.References,
        TestSetup.CompilationOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)));

    public static GeneratorDriver CreateDriver(bool trackSteps = false) => CSharpGeneratorDriver.Create(
        [new WasmBindGenerator().AsSourceGenerator()],
        parseOptions: TestSetup.ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Runs the generator; returns its result and the compilation with the generated sources added.</summary>
    public static (GeneratorDriverRunResult Result, Microsoft.CodeAnalysis.Compilation Output) Run(Microsoft.CodeAnalysis.Compilation compilation)
    {
        var driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return (driver.GetRunResult(), output);
    }

    /// <summary>All generated sources of <paramref name="source"/>, joined, for tests that look for pieces of the output.</summary>
    public static string GeneratedText(string source)
    {
        var (result, _) = Run(Compile(source));
        Assert.All(result.Results, r => Assert.Null(r.Exception));
        return string.Join("\n", result.Results.SelectMany(r => r.GeneratedSources).Select(s => s.SourceText.ToString()));
    }
}
