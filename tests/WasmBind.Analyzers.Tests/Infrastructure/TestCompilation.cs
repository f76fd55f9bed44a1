using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace WasmBind.Analyzers.Tests.Infrastructure;

/// <summary>How test source is compiled: against the runtime this test process runs on, plus the WasmBind assembly.</summary>
public static class TestCompilation
{
    /// <summary>Prepended to every test source, so tests show only what matters.</summary>
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using WasmBind;

        """;

    /// <summary>
    /// The framework assemblies of the running .NET (net10.0) and WasmBind.dll. Not Basic.Reference.Assemblies'
    /// Net80 set: WasmBind is built for net10.0 and references System.Runtime 10.0, which a compilation against the
    /// 8.0 reference assemblies rejects (CS1705). Net80 is used where the runtime must be absent.
    /// </summary>
    public static ImmutableArray<MetadataReference> References { get; } = LoadReferences();

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    public static CSharpCompilationOptions CompilationOptions { get; } =
        new(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true);

    public static CSharpCompilation Create(
        string source, CSharpParseOptions? parseOptions = null, IEnumerable<MetadataReference>? references = null, string path = "Test.cs") =>
        CSharpCompilation.Create(
            "TestAssembly",
            [CSharpSyntaxTree.ParseText(source, parseOptions ?? ParseOptions, path: path)],
            references ?? References,
            CompilationOptions);

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
        builder.Add(MetadataReference.CreateFromFile(typeof(Store).Assembly.Location));
        return builder.ToImmutable();
    }
}
