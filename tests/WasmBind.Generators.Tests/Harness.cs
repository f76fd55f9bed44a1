using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using WasmBind.Generators;

using Compilation = Microsoft.CodeAnalysis.Compilation;

namespace WasmBind.Generators.Tests;
/// <summary>Compiles test sources and runs the generator over them, the way the compiler does in a build.</summary>
internal static class Harness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly MetadataReference Runtime = MetadataReference.CreateFromFile(typeof(Linker).Assembly.Location);

    /// <summary>
    /// What test compilations reference: the .NET 10 reference pack of the SDK that runs the tests, or the running
    /// runtime's own assemblies where no pack is installed, plus the runtime assembly (the attributes and the ABI helpers).
    /// Not Basic.Reference.Assemblies: the version here has .NET 8 references only, and against them the .NET 10 runtime
    /// assembly does not unify (CS1705) — its attributes' constructors do not even bind, so the generator would see none.
    /// </summary>
    public static readonly ImmutableArray<MetadataReference> References = [.. FrameworkReferences(), Runtime];

    public static CSharpCompilation Compile(params string[] sources) => CSharpCompilation.Create(
        "BindingTests",
        sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Source{i}.cs")),
        References,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, warningLevel: 9999));

    private static IEnumerable<MetadataReference> FrameworkReferences()
    {
        // <dotnet>/shared/Microsoft.NETCore.App/<version>/ → <dotnet>/packs/Microsoft.NETCore.App.Ref/<version>/ref/net<major>.0/
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var dotnetRoot = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));
        var major = Environment.Version.Major;
        var packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        var refDirectory = Directory.Exists(packs)
            ? Directory.GetDirectories(packs, $"{major}.*")
                .OrderByDescending(d => Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : new Version())
                .Select(d => Path.Combine(d, "ref", $"net{major}.0"))
                .FirstOrDefault(Directory.Exists)
            : null;
        var files = refDirectory is not null
            ? Directory.GetFiles(refDirectory, "*.dll")
            : ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
                .Where(f => Path.GetFileName(f).StartsWith("System", StringComparison.Ordinal) || Path.GetFileName(f) == "netstandard.dll" || Path.GetFileName(f) == "mscorlib.dll");
        return files.Select(f => (MetadataReference)MetadataReference.CreateFromFile(f));
    }

    public static GeneratorDriver CreateDriver(bool trackSteps = false) => CSharpGeneratorDriver.Create(
        [new WasmBindGenerator().AsSourceGenerator()],
        parseOptions: ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Runs the generator; returns its result and the compilation with the generated sources added.</summary>
    public static (GeneratorDriverRunResult Result, Compilation Output) Run(Compilation compilation)
    {
        var driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return (driver.GetRunResult(), output);
    }
}
