using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace WasmBind.Analyzers.Rules;

/// <summary>
/// WB1002: a static field, or a static property with a compiler-made backing field (auto-property, <c>field</c>),
/// whose type is a Store or belongs to one (Instance, Memory, Function, Global, Table, typed functions,
/// ResumableCall), or a <c>Lazy</c> of one. Not reported with [ThreadStatic] (on the field, or <c>[field:
/// ThreadStatic]</c> on the property). Collections of stores (a pool) are not reported: handing out one store at a
/// time is the safe way to share them. A Caller in a field is WB1006's.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class StoreInStaticFieldAnalyzer : WasmBindAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.StoreInStaticField);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, WellKnownTypes types)
    {
        context.RegisterSymbolAction(c => AnalyzeField(c, types), SymbolKind.Field);
        context.RegisterSymbolAction(c => AnalyzeProperty(c, types), SymbolKind.Property);
    }

    private static void AnalyzeField(SymbolAnalysisContext context, WellKnownTypes types)
    {
        var field = (IFieldSymbol)context.Symbol;
        if (!field.IsStatic || field.IsConst || field.IsImplicitlyDeclared) return;
        if (HeldType(field.Type, types) is not { } held || IsThreadStatic(field, types)) return;
        foreach (var location in field.Locations)
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.StoreInStaticField, location, field.Name, "field", Wording.WithArticle(held.Name)));
    }

    private static void AnalyzeProperty(SymbolAnalysisContext context, WellKnownTypes types)
    {
        var property = (IPropertySymbol)context.Symbol;
        if (!property.IsStatic || HeldType(property.Type, types) is not { } held) return;
        // Only a property that stores the value itself: a computed property holds nothing.
        IFieldSymbol? backing = null;
        foreach (var member in property.ContainingType.GetMembers())
        {
            if (member is IFieldSymbol field && SymbolEqualityComparer.Default.Equals(field.AssociatedSymbol, property)) backing = field;
        }
        if (backing is null || IsThreadStatic(backing, types)) return;
        foreach (var location in property.Locations)
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.StoreInStaticField, location, property.Name, "property", Wording.WithArticle(held.Name)));
    }

    /// <summary>The store-owned type a field of type <paramref name="type"/> holds, looking through <c>Lazy&lt;T&gt;</c>.</summary>
    private static ITypeSymbol? HeldType(ITypeSymbol type, WellKnownTypes types)
    {
        if (type is INamedTypeSymbol { TypeArguments.Length: 1 } named && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, types.Lazy))
            type = named.TypeArguments[0];
        return types.IsStoreOwned(type) ? type : null;
    }

    private static bool IsThreadStatic(IFieldSymbol field, WellKnownTypes types)
    {
        foreach (var attribute in field.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, types.ThreadStaticAttribute)) return true;
        }
        return false;
    }
}
