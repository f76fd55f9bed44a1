using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using WasmBind.Generators.Model;
using Classification = WasmBind.Generators.Parsing.TypeClassifier.Classification;

namespace WasmBind.Generators.Parsing;

/// <summary>
/// Enums as the Canonical ABI sees them: a <c>[Flags]</c> enum is <c>flags</c> (its single-bit members, bit 0 up,
/// are the labels); an enum whose members are 0..n-1 in declaration order is an <c>enum</c> of n cases (discriminant
/// sized and checked by n); any other enum is its underlying integer, unchecked, as before.
/// </summary>
internal static class EnumShape
{
    public static Classification Classify(INamedTypeSymbol type, ValueKind underlying, string displayName)
    {
        var values = type.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue)
            .Select(f => Bits(f.ConstantValue))
            .ToList();
        var display = type.ToDisplayString(TypeClassifier.MessageFormat);
        if (type.GetAttributes().Any(a => a.AttributeClass is { Name: "FlagsAttribute", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } }))
        {
            var bits = new SortedSet<int>();
            foreach (var value in values)
            {
                if (value != 0 && (value & (value - 1)) == 0) bits.Add(BitIndex(value));
            }
            if (bits.Count == 0)
                return new Classification(null, $"the [Flags] enum '{display}' has no single-bit member; Canonical ABI flags have at least one label", false);
            var count = bits.Max + 1;
            if (count > 32)
                return new Classification(null, $"the [Flags] enum '{display}' uses bit {bits.Max}; Canonical ABI flags have at most 32 labels (bits 0 to 31)", false);
            if (bits.Count != count)
            {
                var missing = Enumerable.Range(0, count).First(b => !bits.Contains(b));
                return new Classification(null, $"the [Flags] enum '{display}' has no member for bit {missing}; Canonical ABI flags are the bits 0..n-1 without a gap", false);
            }
            return new Classification(new TypeModel(ValueKind.Flags, displayName, true, Count: count), null, false);
        }

        // Members 0, 1, ..., n-1 in declaration order: a Canonical ABI enum of n cases.
        var sequential = values.Count > 0 && values.Select((v, i) => v == (ulong)i).All(b => b);
        return new Classification(new TypeModel(underlying, displayName, true, Count: sequential ? values.Count : 0), null, false);
    }

    /// <summary>A member's value as the bits of its underlying type (so <c>int.MinValue</c> is bit 31, not a sign).</summary>
    private static ulong Bits(object? value) => value switch
    {
        sbyte v => unchecked((byte)v),
        short v => unchecked((ushort)v),
        int v => unchecked((uint)v),
        long v => unchecked((ulong)v),
        byte v => v,
        ushort v => v,
        uint v => v,
        ulong v => v,
        _ => ulong.MaxValue,
    };

    private static int BitIndex(ulong value)
    {
        var index = 0;
        while ((value >>= 1) != 0) index++;
        return index;
    }
}
