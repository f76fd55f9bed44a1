using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace WasmBind.Generators.Wit;

/// <summary>
/// The C# shape of a WIT <c>variant</c> (docs/bindings.md): an abstract record whose cases are the sealed records
/// nested in it that derive from it, in declaration order; a case's payload is its fields (none, one, or a tuple).
/// </summary>
internal static class VariantShape
{
    /// <summary>The cases of <paramref name="type"/> (name and payload field types), or null when it is not a variant.</summary>
    public static IReadOnlyList<(string Name, IReadOnlyList<ITypeSymbol> Payload)>? Cases(INamedTypeSymbol type)
    {
        if (!type.IsRecord || !type.IsAbstract) return null;
        var cases = new List<(string, IReadOnlyList<ITypeSymbol>)>();
        foreach (var nested in type.GetTypeMembers().OrderBy(t => t.Locations.FirstOrDefault()?.SourceSpan.Start ?? 0))
        {
            if (!nested.IsSealed || !nested.IsRecord || !SymbolEqualityComparer.Default.Equals(nested.BaseType, type)) continue;
            // The case's data: its widest public constructor's parameters (a positional record's), not the copy constructor.
            var constructor = nested.InstanceConstructors
                .Where(c => c.DeclaredAccessibility == Accessibility.Public
                    && !(c.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(c.Parameters[0].Type, nested)))
                .OrderByDescending(c => c.Parameters.Length).FirstOrDefault();
            cases.Add((nested.Name, constructor?.Parameters.Select(p => p.Type).ToList() ?? new List<ITypeSymbol>()));
        }
        return cases.Count > 0 ? cases : null;
    }
}
