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
        "the supported types are bool, the integer types, float, double, enums, System.Text.Rune (a Unicode char), string, byte[], ReadOnlySpan<byte> and ReadOnlyMemory<byte>";

    /// <summary>What a type is to a binding.</summary>
    /// <param name="Type">The model, when the type is supported.</param>
    /// <param name="Reason">Why it is not, when it is not (and is not erroneous).</param>
    /// <param name="IsError">The type has compile errors (half-typed code): say nothing, bind nothing.</param>
    public readonly struct Classification
    {
        public Classification(TypeModel? type, string? reason, bool isError)
        {
            Type = type;
            Reason = reason;
            IsError = isError;
        }

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

    public static Classification Classify(ITypeSymbol type)
    {
        if (ContainsError(type)) return new Classification(null, null, isError: true);

        var kind = ScalarKind(type.SpecialType);
        if (kind is { } scalar) return Supported(scalar, type, isEnum: false);

        if (type.SpecialType == SpecialType.System_String)
            return type.NullableAnnotation == NullableAnnotation.Annotated ? NullableReference() : Supported(ValueKind.String, type, false);

        if (type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Byte })
            return type.NullableAnnotation == NullableAnnotation.Annotated ? NullableReference() : Supported(ValueKind.ByteArray, type, false);

        if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying }
            && ScalarKind(underlying.SpecialType) is { } enumKind)
        {
            return Supported(enumKind, type, isEnum: true);
        }

        if (type is INamedTypeSymbol named)
        {
            if (IsType(named, "System", "ReadOnlySpan`1") && IsByte(named)) return Supported(ValueKind.ReadOnlySpan, type, false);
            if (IsType(named, "System", "ReadOnlyMemory`1") && IsByte(named)) return Supported(ValueKind.ReadOnlyMemory, type, false);
            if (IsType(named, "System.Threading", "CancellationToken")) return Supported(ValueKind.CancellationToken, type, false);
            if (IsCaller(named)) return Supported(ValueKind.Caller, type, false);
            if (IsType(named, "System.Text", "Rune")) return Supported(ValueKind.Rune, type, false);
            if (IsType(named, "System", "Nullable`1"))
            {
                var element = Classify(named.TypeArguments[0]);
                if (element.Type is { } payload && IsScalar(payload.Kind))
                    return new Classification(new TypeModel(ValueKind.Option, type.ToDisplayString(CodeFormat), false, payload), null, false);
                return new Classification(null, "an option (T?) is supported for scalar T: bool, the integer types, float, double, enums and Rune", false);
            }
        }
        return new Classification(null, SupportedTypes, false);
    }

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

    private static Classification NullableReference() =>
        new(null, "null has no Canonical ABI form; use a non-nullable type", false);

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
