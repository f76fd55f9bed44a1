using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace WasmBind.Analyzers.Tests.Verifiers;

/// <summary>
/// What every analyzer and code-fix test compiles against and with: the running .NET's framework assemblies plus
/// WasmBind.dll (no reference pack is downloaded), C# latest, nullable on, and the usings every test source shares.
/// </summary>
public static class TestSetup
{
    /// <summary>Put in front of every test source (and every expected fixed source), so tests show only what matters.</summary>
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using WasmBind;

        """;

    /// <summary>
    /// No reference package: the references are <see cref="Runtime"/>. Not a .NET 8 pack: WasmBind is built for
    /// net10.0 and references System.Runtime 10.0, which a compilation against older reference assemblies rejects.
    /// </summary>
    public static ReferenceAssemblies NoPackage { get; } = new("net10.0");

    /// <summary>The framework assemblies of the running .NET (net10.0) and WasmBind.dll.</summary>
    public static ImmutableArray<MetadataReference> Runtime { get; } = LoadRuntime();

    /// <summary>Every analyzer in WasmBind.Analyzers, found by reflection so a new rule is covered without a list.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> AllAnalyzers { get; } =
        typeof(WasmBindAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t)
                && t.GetCustomAttributes(typeof(DiagnosticAnalyzerAttribute), false).Length > 0)
            .OrderBy(t => t.Name)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();

    /// <summary>Applies the shared settings to a test's project: references, nullable, unsafe, language version.</summary>
    public static void Configure(AnalyzerTest<DefaultVerifier> test, LanguageVersion languageVersion = LanguageVersion.Latest)
    {
        test.ReferenceAssemblies = NoPackage;
        test.TestState.AdditionalReferences.AddRange(Runtime);
        test.SolutionTransforms.Add((solution, projectId) =>
        {
            var project = solution.GetProject(projectId)!;
            var compilation = ((CSharpCompilationOptions)project.CompilationOptions!)
                .WithNullableContextOptions(NullableContextOptions.Enable)
                .WithAllowUnsafe(true);
            var parse = ((CSharpParseOptions)project.ParseOptions!).WithLanguageVersion(languageVersion);
            return solution.WithProjectCompilationOptions(projectId, compilation).WithProjectParseOptions(projectId, parse);
        });
    }

    private static ImmutableArray<MetadataReference> LoadRuntime()
    {
        var runtimeDirectory = RuntimeEnvironment.GetRuntimeDirectory();
        var platform = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "").Split(Path.PathSeparator);
        var builder = ImmutableArray.CreateBuilder<MetadataReference>();
        foreach (var path in platform)
        {
            if (path.StartsWith(runtimeDirectory, StringComparison.Ordinal) && path.EndsWith(".dll", StringComparison.Ordinal))
                builder.Add(MetadataReference.CreateFromFile(path));
        }
        builder.Add(MetadataReference.CreateFromFile(typeof(Store).Assembly.Location));
        return builder.ToImmutable();
    }
}
