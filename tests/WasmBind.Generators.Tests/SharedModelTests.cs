using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using WasmBind.Generators.Parsing;
using Xunit;

namespace WasmBind.Generators.Tests;

/// <summary>
/// The analyzers build the same model from a symbol (<see cref="BindingModelBuilder.FindBindingAttribute"/> then
/// <see cref="BindingModelBuilder.Build"/>) and must report exactly what the generator reports.
/// </summary>
public sealed class SharedModelTests
{
    public static TheoryData<string> Cases => DiagnosticTests.Cases;

    [Theory]
    [MemberData(nameof(Cases))]
    public void BuildingFromTheSymbol_ReportsWhatTheGeneratorReports(string markup)
    {
        var id = Regex.Match(markup, @"\{\|(WB\d{4}):").Groups[1].Value;
        var source = DiagnosticTests.Usings + Regex.Replace(markup, @"\{\|[A-Z]+\d{4}:|\|\}", "");
        var compilation = GeneratorDriverRunner.Compile(source);
        var (result, _) = GeneratorDriverRunner.Run(compilation);
        var fromGenerator = result.Diagnostics.Where(d => d.Id.StartsWith("WB", StringComparison.Ordinal))
            .Select(d => (d.Id, d.Location.SourceSpan, d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)));

        var fromSymbols = new List<(string, Microsoft.CodeAnalysis.Text.TextSpan, string)>();
        foreach (var type in AllTypes(compilation.Assembly.GlobalNamespace))
        {
            if (BindingModelBuilder.FindBindingAttribute(type) is not { } attribute) continue;
            foreach (var info in BindingModelBuilder.Build(type, attribute, CancellationToken.None).Diagnostics)
            {
                var diagnostic = info.ToDiagnostic(compilation);
                Assert.True(diagnostic.Location.IsInSource); // located in the compilation's own tree: suppressible
                fromSymbols.Add((diagnostic.Id, diagnostic.Location.SourceSpan, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        Assert.Contains(id, fromSymbols.Select(d => d.Item1));
        Assert.All(fromSymbols, d => Assert.DoesNotContain("{", d.Item3, StringComparison.Ordinal)); // every placeholder filled
        Assert.Equal(fromGenerator.OrderBy(d => d.SourceSpan.Start), fromSymbols.OrderBy(d => d.Item2.Start));
    }

    private static IEnumerable<INamedTypeSymbol> AllTypes(INamespaceOrTypeSymbol container)
    {
        foreach (var member in container.GetMembers())
        {
            if (member is INamespaceSymbol ns)
            {
                foreach (var type in AllTypes(ns)) yield return type;
            }
            else if (member is INamedTypeSymbol type)
            {
                yield return type;
                foreach (var nested in AllTypes(type)) yield return nested;
            }
        }
    }
}
