using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using WasmBind.Generators.Tests.Verifiers;

namespace WasmBind.Generators.Tests.Wit;

/// <summary>
/// Runs the generator the way the WasmBind package's build targets configure it: with build properties (WIT out on)
/// and additional files (.wit files, guest contracts), which the standard harness and <see cref="GeneratorDriverRunner"/>
/// do not pass.
/// </summary>
internal static partial class WitTestDriver
{
    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> additionalFiles, bool witOut = true, bool trackSteps = false,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? fileOptions = null)
    {
        var global = new Dictionary<string, string>();
        if (witOut) global["build_property.WasmBindGenerateWit"] = "true";
        return CSharpGeneratorDriver.Create(
            [new WasmBindGenerator().AsSourceGenerator()],
            additionalFiles,
            TestSetup.ParseOptions,
            new Options(global, fileOptions ?? new Dictionary<string, IReadOnlyDictionary<string, string>>()),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));
    }

    /// <summary>Runs the generator over <paramref name="sources"/> and <paramref name="additionalFiles"/>: its result and the compilation with its output.</summary>
    public static (GeneratorDriverRunResult Result, Microsoft.CodeAnalysis.Compilation Output) Run(IEnumerable<AdditionalText> additionalFiles, params string[] sources)
    {
        var driver = CreateDriver(additionalFiles).RunGeneratorsAndUpdateCompilation(GeneratorDriverRunner.Compile(sources), out var output, out _);
        return (driver.GetRunResult(), output);
    }

    /// <summary>The WIT the generator compiled into <paramref name="sources"/>' assembly, or null when it wrote none.</summary>
    public static string? WitOf(params string[] sources)
    {
        var (result, _) = Run([], sources);
        var file = result.Results.Single().GeneratedSources.FirstOrDefault(s => s.HintName == "WasmBind.Wit.g.cs");
        return file.SourceText is null ? null : Unquote(file.SourceText.ToString());
    }

    /// <summary>The WIT text inside the generated <c>AssemblyMetadata</c> attribute.</summary>
    public static string Unquote(string generated)
    {
        var match = WitAttribute().Match(generated);
        if (!match.Success) throw new InvalidOperationException("No WIT attribute in:\n" + generated);
        return match.Groups[1].Value.Replace("\"\"", "\"");
    }

    [GeneratedRegex("AssemblyMetadata\\(\"WasmBind\\.Wit\", @\"((?:[^\"]|\"\")*)\"\\)", RegexOptions.Singleline)]
    private static partial Regex WitAttribute();

    /// <summary>An additional file held in memory.</summary>
    public sealed class InMemoryText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    private sealed class Options(IReadOnlyDictionary<string, string> global, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> files)
        : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Values(global);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Values(new Dictionary<string, string>());

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
            new Values(files.TryGetValue(textFile.Path, out var values) ? values : new Dictionary<string, string>());
    }

    private sealed class Values(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
