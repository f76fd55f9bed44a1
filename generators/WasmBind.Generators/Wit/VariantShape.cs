using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace WasmBind.Generators.Wit;

/// <summary>
/// The C# shape of a WIT <c>variant</c>: an abstract record whose cases are the sealed records nested in it that
/// derive from it, in declaration order; a case's payload is its one positional field (none for a case without one).
/// </summary>
internal static class VariantShape
{
    /// <summary>The cases of <paramref name="type"/> (name and payload type), or null when it is not a variant.</summary>
    public static IReadOnlyList<(string Name, ITypeSymbol? Payload)>? Cases(INamedTypeSymbol type)
    {
        if (!type.IsRecord || !type.IsAbstract) return null;
        var cases = new List<(string, ITypeSymbol?)>();
        foreach (var nested in type.GetTypeMembers().OrderBy(t => t.Locations.FirstOrDefault()?.SourceSpan.Start ?? 0))
        {
            if (!SymbolEqualityComparer.Default.Equals(nested.BaseType, type)) continue;
            var payload = nested.InstanceConstructors
                .Where(c => c.DeclaredAccessibility == Accessibility.Public && c.Parameters.Length == 1
                    && !SymbolEqualityComparer.Default.Equals(c.Parameters[0].Type, nested))
                .Select(c => c.Parameters[0].Type).FirstOrDefault();
            cases.Add((nested.Name, payload));
        }
        return cases.Count > 0 ? cases : null;
    }
}
