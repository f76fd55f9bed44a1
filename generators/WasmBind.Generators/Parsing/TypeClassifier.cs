using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using WasmBind.Generators.Model;

namespace WasmBind.Generators.Parsing;

/// <summary>Which .NET types a binding can carry, and how.</summary>
internal static class TypeClassifier
{
    /// <summary>How generated code spells types: fully qualified with <c>global::</c>, nullable annotations kept.</summary>
    public static readonly SymbolDisplayFormat CodeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>How messages spell types.</summary>
    public static readonly SymbolDisplayFormat MessageFormat = SymbolDisplayFormat.CSharpErrorMessageFormat;

    public const string SupportedTypes =
        "the supported types are bool, the integer types, float, double, enums, [Flags] enums, System.Text.Rune (a Unicode char), string, byte[], ReadOnlySpan<byte>, ReadOnlyMemory<byte>, lists (T[], IReadOnlyList<T>, List<T>, ReadOnlyMemory<T> of a primitive T), T? of any of those, value tuples, WasmBind.Bindings.Result<T, E>, records, record structs and structs of those, and abstract records whose cases are sealed records nested in them (variants)";

    /// <summary>What a type is to a binding.</summary>
    /// <param name="Type">The model, when the type is supported.</param>
    /// <param name="Reason">Why it is not, when it is not (and is not erroneous).</param>
    /// <param name="IsError">The type has compile errors (half-typed code): say nothing, bind nothing.</param>
    /// <param name="Field">When the problem is a record's field: the field, as messages name it (e.g. <c>Demo.Order.Items</c>).</param>
    /// <param name="FieldLocation">Where that field is declared, when it is in source.</param>
    public readonly struct Classification
    {
        public Classification(TypeModel? type, string? reason, bool isError, string? field = null, LocationInfo? fieldLocation = null)
        {
            Type = type;
            Reason = reason;
            IsError = isError;
            Field = field;
            FieldLocation = fieldLocation;
        }

        public string? Field { get; }

        public LocationInfo? FieldLocation { get; }

        public TypeModel? Type { get; }

        public string? Reason { get; }

        public bool IsError { get; }
    }

    /// <summary>Whether <paramref name="type"/> or any type in it is an error type.</summary>
    public static bool ContainsError(ITypeSymbol? type) => type switch
    {
        null => true,
        { TypeKind: TypeKind.Error } => true,
        IArrayTypeSymbol array => ContainsError(array.ElementType),
        INamedTypeSymbol named => named.TypeArguments.Any(ContainsError),
        _ => false,
    };

    public static Classification Classify(ITypeSymbol type) => Classify(type, new List<ITypeSymbol>());

    private static Classification Classify(ITypeSymbol type, List<ITypeSymbol> enclosingRecords)
    {
        if (ContainsError(type)) return new Classification(null, null, isError: true);

        // A nullable reference type is option<T> of the type without its annotation.
        if (type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.Annotated)
        {
            var inner = Classify(type.WithNullableAnnotation(NullableAnnotation.NotAnnotated), enclosingRecords);
            if (inner.Type is not { } payload) return inner;
            return new Classification(new TypeModel(ValueKind.Option, type.ToDisplayString(CodeFormat), false, payload, IsReferenceOption: true), null, false);
        }

        var kind = ScalarKind(type.SpecialType);
        if (kind is { } scalar) return Supported(scalar, type, isEnum: false);

        if (type.SpecialType == SpecialType.System_String) return Supported(ValueKind.String, type, false);

        if (type is IArrayTypeSymbol { Rank: 1 } array)
        {
            if (array.ElementType.SpecialType == SpecialType.System_Byte) return Supported(ValueKind.ByteArray, type, false);
            return List(type, array.ElementType, ListForm.Array, enclosingRecords);
        }

        if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying } enumType
            && ScalarKind(underlying.SpecialType) is { } enumKind)
        {
            return EnumShape.Classify(enumType, enumKind, type.ToDisplayString(CodeFormat));
        }

        if (type is INamedTypeSymbol named)
        {
            if (IsType(named, "System", "ReadOnlySpan`1") && IsByte(named)) return Supported(ValueKind.ReadOnlySpan, type, false);
            if (IsType(named, "System", "ReadOnlyMemory`1"))
            {
                if (IsByte(named)) return Supported(ValueKind.ReadOnlyMemory, type, false);
                var element = named.TypeArguments[0];
                if (ScalarKind(element.SpecialType) is null && !(element is INamedTypeSymbol r && IsType(r, "System.Text", "Rune")))
                    return new Classification(null, "ReadOnlyMemory<T> is supported for primitive T (numbers, bool, Rune); use T[] or IReadOnlyList<T> for others", false);
                return List(type, element, ListForm.Memory, enclosingRecords);
            }
            if (IsType(named, "System.Collections.Generic", "IReadOnlyList`1")) return List(type, named.TypeArguments[0], ListForm.ReadOnlyList, enclosingRecords);
            if (IsType(named, "System.Collections.Generic", "List`1")) return List(type, named.TypeArguments[0], ListForm.List, enclosingRecords);
            if (IsType(named, "System.Threading", "CancellationToken")) return Supported(ValueKind.CancellationToken, type, false);
            if (IsCaller(named)) return Supported(ValueKind.Caller, type, false);
            if (IsType(named, "System.Text", "Rune")) return Supported(ValueKind.Rune, type, false);
            if (IsType(named, "WasmBind.Bindings", "Unit")) return Supported(ValueKind.Unit, type, false);
            if (IsType(named, "System", "Nullable`1"))
            {
                var element = Classify(named.TypeArguments[0], enclosingRecords);
                if (element.Type is not { } payload) return element;
                return new Classification(new TypeModel(ValueKind.Option, type.ToDisplayString(CodeFormat), false, payload), null, false);
            }
            if (IsType(named, "WasmBind.Bindings", "Result`2"))
            {
                var elements = new List<TypeModel>();
                foreach (var argument in named.TypeArguments)
                {
                    var side = Classify(argument, enclosingRecords);
                    if (side.Type is null) return side;
                    if (!IsValue(side.Type.Kind))
                        return new Classification(null, $"a Result cannot carry '{argument.ToDisplayString(MessageFormat)}'", false);
                    elements.Add(side.Type);
                }
                return new Classification(new TypeModel(ValueKind.Result, type.ToDisplayString(CodeFormat), false, Elements: new EquatableArray<TypeModel>(elements.ToArray())), null, false);
            }
            if (named.IsTupleType)
            {
                var elements = new List<TypeModel>();
                if (named.TupleElements.Length > 7)
                    return new Classification(null, "a tuple of more than 7 elements nests a ValueTuple in its last one; use a record", false);
                foreach (var element in named.TupleElements)
                {
                    var item = Classify(element.Type, enclosingRecords);
                    if (item.Type is null) return item;
                    if (!IsValue(item.Type.Kind) || item.Type.Kind == ValueKind.Unit)
                        return new Classification(null, $"a tuple cannot carry '{element.Type.ToDisplayString(MessageFormat)}'", false);
                    elements.Add(item.Type);
                }
                return new Classification(new TypeModel(ValueKind.Tuple, type.ToDisplayString(CodeFormat), false, Elements: new EquatableArray<TypeModel>(elements.ToArray())), null, false);
            }
            if (VariantShape.IsCandidate(named)) return VariantShape.Classify(named, enclosingRecords, Classify);
            if (RecordShape.IsCandidate(named)) return RecordShape.Classify(named, enclosingRecords, Classify);
        }
        return new Classification(null, SupportedTypes, false);
    }

    private static Classification List(ITypeSymbol type, ITypeSymbol elementType, ListForm form, List<ITypeSymbol> enclosingRecords)
    {
        var element = Classify(elementType, enclosingRecords);
        if (element.Type is null) return element;
        if (!IsValue(element.Type.Kind) || element.Type.Kind == ValueKind.Unit)
            return new Classification(null, $"a list cannot carry '{elementType.ToDisplayString(MessageFormat)}'", false);
        return new Classification(new TypeModel(ValueKind.List, type.ToDisplayString(CodeFormat), false, element.Type, ListForm: form), null, false);
    }

    /// <summary>Whether <paramref name="kind"/> is a Canonical ABI value that can be stored in memory (not a span, token or caller).</summary>
    public static bool IsValue(ValueKind kind) => kind is not (ValueKind.ReadOnlySpan or ValueKind.CancellationToken or ValueKind.Caller);

    /// <summary>Whether values of <paramref name="kind"/> are one core value (numbers, bool, enums, Rune).</summary>
    public static bool IsScalar(ValueKind kind) => kind is <= ValueKind.Double or ValueKind.Rune;

    /// <summary>Whether <paramref name="type"/> is <c>WasmBind.Caller</c> or <c>WasmBind.Caller&lt;TData&gt;</c>.</summary>
    public static bool IsCaller(INamedTypeSymbol type) => IsType(type, "WasmBind", "Caller") || IsType(type, "WasmBind", "Caller`1");

    /// <summary>Whether <paramref name="type"/> is <paramref name="ns"/>.<paramref name="metadataName"/>.</summary>
    public static bool IsType(INamedTypeSymbol type, string ns, string metadataName) =>
        type.MetadataName == metadataName && type.ContainingType is null && type.ContainingNamespace?.ToDisplayString() == ns;

    private static bool IsByte(INamedTypeSymbol type) =>
        type.TypeArguments.Length == 1 && type.TypeArguments[0].SpecialType == SpecialType.System_Byte;

    private static Classification Supported(ValueKind kind, ITypeSymbol type, bool isEnum) =>
        new(new TypeModel(kind, type.ToDisplayString(CodeFormat), isEnum), null, false);

    private static ValueKind? ScalarKind(SpecialType type) => type switch
    {
        SpecialType.System_Boolean => ValueKind.Bool,
        SpecialType.System_SByte => ValueKind.SByte,
        SpecialType.System_Byte => ValueKind.Byte,
        SpecialType.System_Int16 => ValueKind.Int16,
        SpecialType.System_UInt16 => ValueKind.UInt16,
        SpecialType.System_Int32 => ValueKind.Int32,
        SpecialType.System_UInt32 => ValueKind.UInt32,
        SpecialType.System_Int64 => ValueKind.Int64,
        SpecialType.System_UInt64 => ValueKind.UInt64,
        SpecialType.System_Single => ValueKind.Single,
        SpecialType.System_Double => ValueKind.Double,
        _ => null,
    };
}
