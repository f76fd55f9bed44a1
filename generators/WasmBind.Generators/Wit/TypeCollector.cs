using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using WasmBind.Generators.Model;
using WasmBind.Generators.Parsing;

namespace WasmBind.Generators.Wit;

/// <summary>
/// Maps the .NET types of a binding (already accepted by the binding model) to WIT type expressions, and collects a
/// definition for each named type it meets, dependencies first.
/// </summary>
internal sealed class TypeCollector
{
    private readonly Dictionary<string, WitTypeDef> byName = new(StringComparer.Ordinal);

    /// <summary>The named types met so far, each after the types it uses.</summary>
    public List<WitTypeDef> Definitions { get; } = new();

    public WitType Map(ITypeSymbol type)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean: return WitType.Of(WitTypeKind.Bool);
            case SpecialType.System_SByte: return WitType.Of(WitTypeKind.S8);
            case SpecialType.System_Byte: return WitType.Of(WitTypeKind.U8);
            case SpecialType.System_Int16: return WitType.Of(WitTypeKind.S16);
            case SpecialType.System_UInt16: return WitType.Of(WitTypeKind.U16);
            case SpecialType.System_Int32: return WitType.Of(WitTypeKind.S32);
            case SpecialType.System_UInt32: return WitType.Of(WitTypeKind.U32);
            case SpecialType.System_Int64: return WitType.Of(WitTypeKind.S64);
            case SpecialType.System_UInt64: return WitType.Of(WitTypeKind.U64);
            case SpecialType.System_Single: return WitType.Of(WitTypeKind.F32);
            case SpecialType.System_Double: return WitType.Of(WitTypeKind.F64);
            case SpecialType.System_Char: return WitType.Of(WitTypeKind.Char);
            case SpecialType.System_String:
                return type.NullableAnnotation == NullableAnnotation.Annotated
                    ? WitType.Generic(WitTypeKind.Option, WitType.Of(WitTypeKind.String))
                    : WitType.Of(WitTypeKind.String);
        }
        if (type is IArrayTypeSymbol array) return Nullable(type, WitType.Generic(WitTypeKind.List, Map(array.ElementType)));
        if (type is not INamedTypeSymbol named) return WitType.Of(WitTypeKind.Unit);

        if (TypeClassifier.IsType(named, "System.Text", "Rune")) return WitType.Of(WitTypeKind.Char);
        if (TypeClassifier.IsType(named, "System", "Nullable`1")) return WitType.Generic(WitTypeKind.Option, Map(named.TypeArguments[0]));
        if (IsAny(named, ("System", "ReadOnlySpan`1"), ("System", "ReadOnlyMemory`1"), ("System", "Memory`1"), ("System.Collections.Generic", "List`1"),
                ("System.Collections.Generic", "IReadOnlyList`1"), ("System.Collections.Generic", "IList`1"), ("System.Collections.Generic", "IReadOnlyCollection`1")))
        {
            return Nullable(type, WitType.Generic(WitTypeKind.List, Map(named.TypeArguments[0])));
        }
        if (named.IsTupleType) return WitType.Generic(WitTypeKind.Tuple, named.TupleElements.Select(e => Map(e.Type)).ToArray());
        if (named.MetadataName == "Result`2" && named.ContainingNamespace?.ToDisplayString() is "WasmBind" or "WasmBind.Bindings")
            return WitType.Generic(WitTypeKind.Result, MapOrUnit(named.TypeArguments[0]), MapOrUnit(named.TypeArguments[1]));
        if (named.TypeKind == TypeKind.Enum) return Enum(named);
        if (VariantShape.Cases(named) is { } cases) return Nullable(type, Variant(named, cases));
        return Nullable(type, Record(named));
    }

    /// <summary>An annotated reference type (<c>Item?</c>) is an option of it.</summary>
    private static WitType Nullable(ITypeSymbol type, WitType inner) =>
        type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.Annotated ? WitType.Generic(WitTypeKind.Option, inner) : inner;

    /// <summary>A result's case of no value: <c>WasmBind.Bindings.Unit</c> or <c>ValueTuple</c> (the empty tuple) is <c>_</c>.</summary>
    public WitType MapOrUnit(ITypeSymbol type) =>
        type is INamedTypeSymbol { TypeArguments.Length: 0 } named
        && (TypeClassifier.IsType(named, "WasmBind.Bindings", "Unit") || TypeClassifier.IsType(named, "System", "ValueTuple"))
            ? WitType.Of(WitTypeKind.Unit)
            : Map(type);

    private static bool IsAny(INamedTypeSymbol type, params (string Namespace, string Name)[] candidates) =>
        candidates.Any(c => TypeClassifier.IsType(type, c.Namespace, c.Name));

    private WitType Enum(INamedTypeSymbol type)
    {
        var underlying = type.EnumUnderlyingType!;
        var values = type.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue)
            .Select(f => (f.Name, Value: Unsigned(f.ConstantValue)))
            .ToList();
        var isFlags = type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "System.FlagsAttribute");
        if (isFlags)
        {
            // flags: the single-bit members are the labels, in bit order, covering bits 0..n-1; combinations are not labels.
            var bits = values.Where(v => v.Value != 0 && (v.Value & (v.Value - 1)) == 0).OrderBy(v => v.Value).ToList();
            var sequential = bits.Select((v, i) => v.Value == 1UL << i).All(ok => ok);
            if (bits.Count > 0 && bits.Count <= 32 && sequential)
            {
                return Define(type, name => new WitTypeDef(WitTypeDefKind.Flags, name, EquatableArray<WitField>.Empty,
                    new EquatableArray<string>(bits.Select(b => WitNames.FromPascal(b.Name)).ToArray())));
            }
        }
        else
        {
            // enum: members 0..n-1 in declaration order (the discriminant's size follows n, whatever the underlying type).
            var sequential = values.Select((v, i) => v.Value == (ulong)i).All(ok => ok);
            if (values.Count > 0 && sequential)
            {
                return Define(type, name => new WitTypeDef(WitTypeDefKind.Enum, name, EquatableArray<WitField>.Empty,
                    new EquatableArray<string>(values.Select(v => WitNames.FromPascal(v.Name)).ToArray())));
            }
        }
        // Any other enum travels as its underlying integer, which is what the guest sees.
        return Map(underlying);
    }

    /// <summary>An enum constant as an unsigned value; a negative one as <see cref="ulong.MaxValue"/> (no WIT enum or flags has it).</summary>
    private static ulong Unsigned(object? value) => value switch
    {
        byte b => b,
        ushort u => u,
        uint u => u,
        ulong u => u,
        sbyte s when s >= 0 => (ulong)s,
        short s when s >= 0 => (ulong)s,
        int i when i >= 0 => (ulong)i,
        long l when l >= 0 => (ulong)l,
        _ => ulong.MaxValue,
    };

    private WitType Record(INamedTypeSymbol type)
    {
        var model = TypeClassifier.Classify(type.WithNullableAnnotation(NullableAnnotation.NotAnnotated)).Type?.Record;
        if (model is null) return WitType.Of(WitTypeKind.Unit);
        return Define(type, name =>
        {
            var fields = new List<WitField>();
            foreach (var field in model.Fields)
            {
                var member = type.GetMembers(field.Name).FirstOrDefault(m => m is IFieldSymbol or IPropertySymbol);
                var fieldType = member is IFieldSymbol f ? f.Type : ((IPropertySymbol)member!).Type;
                fields.Add(new WitField(WitNames.FromPascal(field.Name), Map(fieldType)));
            }
            return new WitTypeDef(WitTypeDefKind.Record, name, new EquatableArray<WitField>(fields.ToArray()), EquatableArray<string>.Empty);
        });
    }

    private WitType Variant(INamedTypeSymbol type, IReadOnlyList<(string Name, IReadOnlyList<ITypeSymbol> Payload)> cases) =>
        Define(type, name => new WitTypeDef(WitTypeDefKind.Variant, name,
            new EquatableArray<WitField>(cases.Select(c => new WitField(WitNames.FromPascal(c.Name), Payload(c.Payload))).ToArray()),
            EquatableArray<string>.Empty));

    /// <summary>A case's payload: none, its one field's type, or a tuple of its fields.</summary>
    private WitType Payload(IReadOnlyList<ITypeSymbol> fields) => fields.Count switch
    {
        0 => WitType.Of(WitTypeKind.Unit),
        1 => Map(fields[0]),
        _ => WitType.Generic(WitTypeKind.Tuple, fields.Select(Map).ToArray()),
    };

    /// <summary>The named type's reference, defining it first (after what it uses) if this is its first use.</summary>
    private WitType Define(INamedTypeSymbol type, Func<string, WitTypeDef> define)
    {
        var name = WitNames.FromPascal(type.Name);
        if (!byName.ContainsKey(name))
        {
            byName[name] = null!; // a placeholder: the binding model has already rejected recursive types
            var definition = define(name);
            byName[name] = definition;
            Definitions.Add(definition);
        }
        return WitType.Named(name);
    }
}
