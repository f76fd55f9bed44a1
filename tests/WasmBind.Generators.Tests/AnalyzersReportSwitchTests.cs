using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace WasmBind.Generators.Tests;

/// <summary>
/// The switch the WasmBind package's build targets set when its analyzers run: the generator then leaves WB2001-WB2012
/// to the analyzer (so a build shows each once) and still generates what it can.
/// </summary>
public sealed class AnalyzersReportSwitchTests
{
    private const string Broken = DiagnosticTests.Usings + """
        [WasmImports("env")] public interface INotPartial { void Log(string message); }
        [WasmExports] public partial interface IGuest { int Add(int a, int b); int Sum(Span<byte> data); }
        [WasmExports] public partial interface IValid { int Add(int a, int b); }
        """;

    [Fact]
    public void WithoutTheSwitchTheGeneratorReportsEveryCondition()
    {
        var ids = Run(Broken, switchValue: null).Diagnostics.Select(d => d.Id).Order().ToArray();
        Assert.Equal(["WB2001", "WB2002"], ids);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("True")]
    public void WithTheSwitchTheGeneratorLeavesTheConditionsToTheAnalyzer(string value)
    {
        var result = Run(Broken, value);
        Assert.Empty(result.Diagnostics);
        // Generation itself is unchanged: the valid interface is still bound.
        Assert.Contains(result.GeneratedTrees, tree => tree.ToString().Contains("static IValid Bind(", StringComparison.Ordinal));
    }

    [Fact]
    public void AnyOtherValueKeepsTheGeneratorReporting()
    {
        Assert.Equal(2, Run(Broken, "false").Diagnostics.Length);
    }

    private static GeneratorDriverRunResult Run(string source, string? switchValue)
    {
        var options = switchValue is null
            ? new TestOptionsProvider(ImmutableDictionary<string, string>.Empty)
            : new TestOptionsProvider(ImmutableDictionary<string, string>.Empty.Add("build_property." + WasmBindGenerator.AnalyzersReportProperty, switchValue));
        var driver = CSharpGeneratorDriver.Create(
            [new WasmBindGenerator().AsSourceGenerator()],
            parseOptions: Harness.ParseOptions,
            optionsProvider: options);
        return driver.RunGenerators(Harness.Compile(source)).GetRunResult();
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
