using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using WasmBind.Generators.Tests.Verifiers;
using Xunit;

namespace WasmBind.Generators.Tests;

/// <summary>
/// The switch the WasmBind package's build targets set when its analyzers run: the generator then leaves WB2001-WB2012
/// to the analyzer (so a build shows each once) and still generates what it can.
/// </summary>
public sealed class AnalyzersReportSwitchTests
{
    private const string Broken = DiagnosticTests.Usings + """
        [WasmImports("env")] public interface {|WB2001:INotPartial|} { void Log(string message); }
        [WasmExports] public partial interface IGuest { int Add(int a, int b); int Sum({|WB2002:Span<byte>|} data); }
        [WasmExports] public partial interface IValid { int Add(int a, int b); }
        """;

    private static readonly string Unmarked = Broken
        .Replace("{|WB2001:INotPartial|}", "INotPartial", StringComparison.Ordinal)
        .Replace("{|WB2002:Span<byte>|}", "Span<byte>", StringComparison.Ordinal);

    private const string Switch = "build_property." + WasmBindGenerator.AnalyzersReportProperty;

    [Fact]
    public Task WithoutTheSwitchTheGeneratorReportsEveryCondition() => CSharpSourceGeneratorVerifier.VerifyDiagnosticsAsync(Broken);

    [Theory]
    [InlineData("true")]
    [InlineData("True")]
    public async Task WithTheSwitchTheGeneratorLeavesTheConditionsToTheAnalyzer(string value)
    {
        // The harness: nothing reported, and what is generated still compiles without warnings.
        await CSharpSourceGeneratorVerifier.VerifyDiagnosticsAsync(Unmarked, $"{Switch} = {value}");

        // Generation itself is unchanged: the valid interface is still bound.
        var result = Run(Unmarked, value);
        Assert.Empty(result.Diagnostics);
        Assert.Contains(result.GeneratedTrees, tree => tree.ToString().Contains("static IValid Bind(", StringComparison.Ordinal));
    }

    [Fact]
    public Task AnyOtherValueKeepsTheGeneratorReporting() => CSharpSourceGeneratorVerifier.VerifyDiagnosticsAsync(Broken, $"{Switch} = false");

    private static GeneratorDriverRunResult Run(string source, string switchValue)
    {
        var options = new TestOptionsProvider(ImmutableDictionary<string, string>.Empty.Add(Switch, switchValue));
        var driver = CSharpGeneratorDriver.Create(
            [new WasmBindGenerator().AsSourceGenerator()],
            parseOptions: TestSetup.ParseOptions,
            optionsProvider: options);
        return driver.RunGenerators(GeneratorDriverRunner.Compile(source)).GetRunResult();
    }

    private sealed class TestOptionsProvider(ImmutableDictionary<string, string> global) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new TestOptions(global);
        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new TestOptions(ImmutableDictionary<string, string>.Empty);
        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new TestOptions(ImmutableDictionary<string, string>.Empty);
    }

    private sealed class TestOptions(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
