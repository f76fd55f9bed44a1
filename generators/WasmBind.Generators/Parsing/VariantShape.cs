using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using WasmBind.Generators.Model;
using Classification = WasmBind.Generators.Parsing.TypeClassifier.Classification;

namespace WasmBind.Generators.Parsing;

/// <summary>
/// Variants: an <c>abstract record</c> whose cases are the <c>sealed record</c>s nested in it and derived from it,
/// numbered in declaration order. A case's payload is its fields, laid out as a record of them (none: no payload).
/// </summary>
internal static class VariantShape
{
    /// <summary>Whether <paramref name="type"/> is an abstract record class with at least one nested derived record.</summary>
    public static bool IsCandidate(INamedTypeSymbol type) =>
        type.IsRecord && type.IsReferenceType && type.IsAbstract && Cases(type).Any();

    public static Classification Classify(INamedTypeSymbol type, List<ITypeSymbol> enclosingRecords, Func<ITypeSymbol, List<ITypeSymbol>, Classification> classify)
    {
        var display = type.ToDisplayString(TypeClassifier.MessageFormat);
        if (enclosingRecords.Any(t => SymbolEqualityComparer.Default.Equals(t, type)))
            return new Classification(null, $"'{display}' contains itself; the Canonical ABI has no recursive types", false);
        var ownData = type.GetMembers().Where(m => !m.IsStatic && !m.IsImplicitlyDeclared && m.DeclaredAccessibility == Accessibility.Public
            && m is IFieldSymbol or IPropertySymbol { IsIndexer: false }).FirstOrDefault();
        if (ownData is not null)
        {
            return new Classification(null, $"the variant '{display}' declares '{ownData.Name}'; a variant's data belongs to its cases", false,
                display + "." + ownData.Name, LocationInfo.From(ownData.Locations.FirstOrDefault(l => l.IsInSource)));
        }

        enclosingRecords.Add(type);
        var cases = new List<CaseModel>();
        try
        {
            foreach (var @case in Cases(type))
            {
                if (!@case.IsSealed)
                {
                    return new Classification(null, $"the case '{@case.ToDisplayString(TypeClassifier.MessageFormat)}' of the variant '{display}' is not sealed; a case has no subcases", false,
                        @case.ToDisplayString(TypeClassifier.MessageFormat), LocationInfo.From(@case.Locations.FirstOrDefault(l => l.IsInSource)));
                }
                var classification = RecordShape.Classify(@case, enclosingRecords, classify, isCase: true);
                if (classification.Type is null)
                {
                    return classification.Field is not null || classification.IsError ? classification
                        : new Classification(null, classification.Reason, false, @case.ToDisplayString(TypeClassifier.MessageFormat), LocationInfo.From(@case.Locations.FirstOrDefault(l => l.IsInSource)));
                }
                cases.Add(new CaseModel(@case.Name, classification.Type));
            }
        }
        finally
        {
            enclosingRecords.RemoveAt(enclosingRecords.Count - 1);
        }
        return new Classification(new TypeModel(ValueKind.Variant, type.ToDisplayString(TypeClassifier.CodeFormat), false, Cases: new EquatableArray<CaseModel>(cases.ToArray())), null, false);
    }

    /// <summary>The nested records derived directly from <paramref name="type"/>, in declaration order.</summary>
    private static IEnumerable<INamedTypeSymbol> Cases(INamedTypeSymbol type) =>
        type.GetTypeMembers()
            .Where(t => t.IsRecord && SymbolEqualityComparer.Default.Equals(t.BaseType, type))
            .Select((t, index) => (t, index, location: t.Locations.FirstOrDefault(l => l.IsInSource)))
            .OrderBy(m => m.location?.SourceTree?.FilePath ?? "", StringComparer.Ordinal)
            .ThenBy(m => m.location?.SourceSpan.Start ?? m.index)
            .Select(m => m.t);
}
