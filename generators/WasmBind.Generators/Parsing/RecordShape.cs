using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using WasmBind.Generators.Model;
using Classification = WasmBind.Generators.Parsing.TypeClassifier.Classification;

namespace WasmBind.Generators.Parsing;

/// <summary>
/// Which user types bind as Canonical ABI records, and their fields: the public instance fields and the public
/// properties that are data (settable, init-only, or a constructor parameter), in declaration order, since a
/// record's field order is its memory and flat order on both sides of the boundary.
/// </summary>
internal static class RecordShape
{
    private const string FieldTypes =
        "a record's fields can be any Canonical ABI value: scalars, enums, flags, Rune, string, byte[], ReadOnlyMemory<byte>, lists, options, tuples, results, variants and other records (not ReadOnlySpan<byte>, CancellationToken, Caller or Unit)";

    /// <summary>Whether <paramref name="type"/> is a user <c>record</c>, <c>record struct</c> or <c>struct</c>.</summary>
    public static bool IsCandidate(INamedTypeSymbol type) =>
        (type.IsRecord || type.TypeKind == TypeKind.Struct)
        && type.SpecialType == SpecialType.None
        && !IsFrameworkType(type);

    /// <summary>The record's model, or why it cannot be one (at the offending field when there is one).</summary>
    public static Classification Classify(INamedTypeSymbol type, List<ITypeSymbol> enclosingRecords, Func<ITypeSymbol, List<ITypeSymbol>, Classification> classify) =>
        Classify(type, enclosingRecords, classify, isCase: false);

    /// <summary>As above; a variant's case (<paramref name="isCase"/>) may have no fields (a case without payload) and is not abstract.</summary>
    public static Classification Classify(INamedTypeSymbol type, List<ITypeSymbol> enclosingRecords, Func<ITypeSymbol, List<ITypeSymbol>, Classification> classify, bool isCase)
    {
        var display = type.ToDisplayString(TypeClassifier.MessageFormat);
        if (enclosingRecords.Any(t => SymbolEqualityComparer.Default.Equals(t, type)))
            return new Classification(null, $"'{display}' contains itself; the Canonical ABI has no recursive types", false);
        if (type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.Annotated)
            return new Classification(null, "null has no Canonical ABI form; use a non-nullable type", false);
        if (type.IsRefLikeType) return new Classification(null, $"'{display}' is a ref struct, which generated code cannot hold", false);
        if (type.IsAbstract) return new Classification(null, $"'{display}' is abstract, so generated code cannot construct it", false);

        var members = DataMembers(type);
        if (members.Count == 0 && !isCase)
            return new Classification(null, $"'{display}' has no public fields or properties; a Canonical ABI record has at least one field", false);

        enclosingRecords.Add(type);
        var fields = new List<FieldModel>();
        try
        {
            foreach (var member in members)
            {
                var memberType = member is IFieldSymbol f ? f.Type : ((IPropertySymbol)member).Type;
                var fieldName = display + "." + member.Name;
                var location = LocationInfo.From(member.Locations.FirstOrDefault(l => l.IsInSource));
                var field = classify(memberType, enclosingRecords);
                if (field.IsError) return field;
                if (field.Type is null)
                {
                    // An inner record's own field problem is already placed; otherwise this field is the problem.
                    return field.Field is not null ? field : new Classification(null, field.Reason ?? FieldTypes, false, fieldName, location);
                }
                if (!TypeClassifier.IsValue(field.Type.Kind) || field.Type.Kind == ValueKind.Unit)
                    return new Classification(null, FieldTypes, false, fieldName, location);
                fields.Add(new FieldModel(member.Name, field.Type));
            }
        }
        finally
        {
            enclosingRecords.RemoveAt(enclosingRecords.Count - 1);
        }

        var constructor = ChooseConstructor(type, members);
        if (constructor is null && members.Count == 0)
            return new Classification(null, $"'{display}' has no public parameterless constructor", false);
        if (constructor is null)
        {
            // Point at a member no constructor takes, when there is one: that is the one to fix.
            var parameterNames = type.InstanceConstructors.Where(c => c.DeclaredAccessibility == Accessibility.Public)
                .SelectMany(c => c.Parameters).Select(p => p.Name).ToList();
            var unsettable = members.FirstOrDefault(m => !IsSettable(m) && !parameterNames.Contains(m.Name, StringComparer.OrdinalIgnoreCase))
                ?? members.First(m => !IsSettable(m));
            return new Classification(null,
                $"'{display}' cannot be constructed from its fields: '{unsettable.Name}' is neither settable nor a parameter of a public constructor",
                false, display + "." + unsettable.Name, LocationInfo.From(unsettable.Locations.FirstOrDefault(l => l.IsInSource)));
        }
        var record = new RecordModel(new EquatableArray<FieldModel>(fields.ToArray()), new EquatableArray<int>(constructor.ToArray()), type.IsReferenceType);
        return new Classification(new TypeModel(ValueKind.Record, type.ToDisplayString(TypeClassifier.CodeFormat), false, null, record), null, false);
    }

    /// <summary>
    /// The public constructor with the most parameters that each name a field (case-insensitively, of the same
    /// type), such that every other field is settable: the indices of its parameters' fields. Null when none fits.
    /// </summary>
    private static List<int>? ChooseConstructor(INamedTypeSymbol type, List<ISymbol> members)
    {
        foreach (var constructor in type.InstanceConstructors.Where(c => c.DeclaredAccessibility == Accessibility.Public).OrderByDescending(c => c.Parameters.Length))
        {
            var indices = new List<int>();
            foreach (var parameter in constructor.Parameters)
            {
                var index = members.FindIndex(m => string.Equals(m.Name, parameter.Name, StringComparison.OrdinalIgnoreCase)
                    && SymbolEqualityComparer.Default.Equals(TypeOf(m), parameter.Type) && !indices.Contains(members.IndexOf(m)));
                if (index < 0 || parameter.RefKind != RefKind.None) { indices = null; break; }
                indices.Add(index);
            }
            if (indices is null) continue;
            if (Enumerable.Range(0, members.Count).All(i => indices.Contains(i) || IsSettable(members[i]))) return indices;
        }
        return null;
    }

    private static ITypeSymbol TypeOf(ISymbol member) => member is IFieldSymbol field ? field.Type : ((IPropertySymbol)member).Type;

    private static bool IsSettable(ISymbol member) => member switch
    {
        IFieldSymbol field => !field.IsReadOnly,
        IPropertySymbol property => property.SetMethod is { DeclaredAccessibility: Accessibility.Public },
        _ => false,
    };

    /// <summary>The public instance data members, in declaration order.</summary>
    private static List<ISymbol> DataMembers(INamedTypeSymbol type)
    {
        var constructorParameters = new HashSet<string>(
            type.InstanceConstructors.Where(c => c.DeclaredAccessibility == Accessibility.Public).SelectMany(c => c.Parameters).Select(p => p.Name),
            StringComparer.OrdinalIgnoreCase);
        var members = type.GetMembers().Where(member => !member.IsStatic && member.DeclaredAccessibility == Accessibility.Public && member switch
        {
            IFieldSymbol field => !field.IsConst && !field.IsImplicitlyDeclared,
            // A get-only property that no constructor sets is computed from the others, not data.
            IPropertySymbol property => !property.IsIndexer && property.GetMethod is { DeclaredAccessibility: Accessibility.Public }
                && (property.SetMethod is { DeclaredAccessibility: Accessibility.Public } || constructorParameters.Contains(property.Name)),
            _ => false,
        }).ToList();
        // Source order (a positional record's properties are declared by its parameter list, first); metadata keeps its own.
        return members
            .Select((member, index) => (member, index, location: member.Locations.FirstOrDefault(l => l.IsInSource)))
            .OrderBy(m => m.location?.SourceTree?.FilePath ?? "", StringComparer.Ordinal)
            .ThenBy(m => m.location?.SourceSpan.Start ?? m.index)
            .Select(m => m.member)
            .ToList();
    }

    private static bool IsFrameworkType(INamedTypeSymbol type)
    {
        var ns = type.ContainingNamespace?.ToDisplayString() ?? "";
        return ns == "System" || ns.StartsWith("System.", StringComparison.Ordinal) || ns == "WasmBind" || ns == "WasmBind.Bindings";
    }
}
