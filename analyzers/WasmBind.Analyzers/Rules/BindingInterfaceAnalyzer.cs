using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using WasmBind.Generators.Diagnostics;
using WasmBind.Generators.Parsing;

namespace WasmBind.Analyzers.Rules;

/// <summary>
/// WB2001-WB2013: a [WasmImports]/[WasmExports] interface the binding generator cannot bind. The conditions come from
/// the generator's own model builder (compiled into this assembly), so the analyzer and the generator always agree
/// on what is bindable; the analyzer only makes them visible while the code is typed.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BindingInterfaceAnalyzer : WasmBindAnalyzer
{
    // WB2000 is the generator reporting its own crash; an analyzer has nothing to say about that.
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        DiagnosticDescriptors.All.Where(d => d.Id != DiagnosticDescriptors.GeneratorFailure.Id).ToImmutableArray();

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, WellKnownTypes types) =>
        context.RegisterSymbolAction(Analyze, SymbolKind.NamedType);

    private static void Analyze(SymbolAnalysisContext context)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (BindingModelBuilder.FindBindingAttribute(type) is not { } attribute) return;
        var result = BindingModelBuilder.Build(type, attribute, context.CancellationToken);
        foreach (var diagnostic in result.Diagnostics) context.ReportDiagnostic(diagnostic.ToDiagnostic(context.Compilation));
    }
}
