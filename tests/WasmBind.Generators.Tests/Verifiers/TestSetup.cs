using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;

namespace WasmBind.Generators.Tests.Verifiers;

/// <summary>
/// What every generator test compiles against and with: the running .NET's framework assemblies plus WasmBind.dll
/// (no reference pack is downloaded), C# latest, nullable on, every warning level. Shared by the harness tests and
/// by <see cref="GeneratorDriverRunner"/>, so both see the same compilation.
/// </summary>
internal static class TestSetup
{
    /// <summary>Put in front of a test source that only declares bindings, so tests show only what matters.</summary>
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using WasmBind;

        """;

    /// <summary>The parse options of every test compilation and of the generator driver.</summary>
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    /// <summary>
    /// No reference package: the references are <see cref="References"/>. Not a .NET 8 pack: WasmBind is built for
    /// net10.0 and references System.Runtime 10.0, against which older reference assemblies do not unify (CS1705) —
    /// the attributes' constructors would not even bind, so the generator would see none.
    /// </summary>
    public static ReferenceAssemblies NoPackage { get; } = new("net10.0");

    /// <summary>The framework assemblies of the running .NET (net10.0) and WasmBind.dll.</summary>
    public static ImmutableArray<MetadataReference> References { get; } = LoadReferences();

    /// <summary>The compilation options of every test compilation: a library, nullable on, every warning.</summary>
    public static CSharpCompilationOptions CompilationOptions(CSharpCompilationOptions options) =>
        options.WithOutputKind(OutputKind.DynamicallyLinkedLibrary)
            .WithNullableContextOptions(NullableContextOptions.Enable)
            .WithWarningLevel(9999);

    /// <summary>Applies the shared settings to a harness test's project: references, options, language version.</summary>
    public static void Configure(AnalyzerTest<DefaultVerifier> test)
    {
        test.ReferenceAssemblies = NoPackage;
        test.TestState.AdditionalReferences.AddRange(References);
        test.SolutionTransforms.Add((solution, projectId) =>
        {
            var project = solution.GetProject(projectId)!;
            var compilation = CompilationOptions((CSharpCompilationOptions)project.CompilationOptions!);
            return solution.WithProjectCompilationOptions(projectId, compilation).WithProjectParseOptions(projectId, ParseOptions);
        });
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var runtimeDirectory = RuntimeEnvironment.GetRuntimeDirectory();
        var platform = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "").Split(Path.PathSeparator);
        var builder = ImmutableArray.CreateBuilder<MetadataReference>();
        foreach (var path in platform)
        {
            if (path.StartsWith(runtimeDirectory, StringComparison.Ordinal) && path.EndsWith(".dll", StringComparison.Ordinal))
                builder.Add(MetadataReference.CreateFromFile(path));
        }
        builder.Add(MetadataReference.CreateFromFile(typeof(Linker).Assembly.Location));
        return builder.ToImmutable();
    }
}
