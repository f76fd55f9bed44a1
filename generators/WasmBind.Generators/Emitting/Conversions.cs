using WasmBind.Generators.Model;

namespace WasmBind.Generators.Emitting;

/// <summary>The C# that converts between .NET values and the core values generated code carries them in.</summary>
internal static class Conversions
{
    public const string Abi = "global::WasmBind.Bindings.CanonicalAbi";
    public const string ValueTaskType = "global::System.Threading.Tasks.ValueTask";

    /// <summary>The .NET type a core type travels as.</summary>
    public static string CoreTypeName(CoreType type) => type switch
    {
        CoreType.I64 => "long",
        CoreType.F32 => "float",
        CoreType.F64 => "double",
        _ => "int",
    };

    /// <summary>The <c>WasmBind.ValueType</c> member of a core type.</summary>
    public static string ValueTypeName(CoreType type) => "global::WasmBind.ValueType." + type switch
    {
        CoreType.I64 => "I64",
        CoreType.F32 => "F32",
        CoreType.F64 => "F64",
        _ => "I32",
    };

    /// <summary>The <c>WasmBind.Value</c> factory of a core type, e.g. <c>global::WasmBind.Value.I32</c>.</summary>
    public static string ValueFactory(CoreType type) => "global::WasmBind.Value." + type switch
    {
        CoreType.I64 => "I64",
        CoreType.F32 => "F32",
        CoreType.F64 => "F64",
        _ => "I32",
    };

    /// <summary>The <c>WasmBind.Value</c> accessor of a core type, e.g. <c>AsInt32</c>.</summary>
    public static string ValueAccessor(CoreType type) => type switch
    {
        CoreType.I64 => "AsInt64",
        CoreType.F32 => "AsSingle",
        CoreType.F64 => "AsDouble",
        _ => "AsInt32",
    };

    /// <summary>The core type of a scalar .NET type.</summary>
    public static CoreType CoreOf(TypeModel type) => Flattening.ScalarCoreType(type.Kind);

    /// <summary>Whether a scalar travels unconverted (int, long, float, double).</summary>
    public static bool IsIdentity(TypeModel type) =>
        !type.IsEnum && type.Kind is ValueKind.Int32 or ValueKind.Int64 or ValueKind.Single or ValueKind.Double;

    /// <summary>The scalar <paramref name="type"/> lifted from the core value in the identifier <paramref name="core"/>.</summary>
    public static string Lift(TypeModel type, string core)
    {
        var value = type.Kind switch
        {
            ValueKind.Bool => core + " != 0",
            ValueKind.SByte => $"unchecked((sbyte){core})",
            ValueKind.Byte => $"unchecked((byte){core})",
            ValueKind.Int16 => $"unchecked((short){core})",
            ValueKind.UInt16 => $"unchecked((ushort){core})",
            ValueKind.UInt32 => $"unchecked((uint){core})",
            ValueKind.UInt64 => $"unchecked((ulong){core})",
            ValueKind.Rune => $"{Abi}.LiftChar({core})",
            _ => core,
        };
        return type.IsEnum ? $"({type.DisplayName}){value}" : value;
    }

    /// <summary>The core value of the scalar expression <paramref name="value"/> of type <paramref name="type"/>.</summary>
    public static string Lower(TypeModel type, string value)
    {
        if (type.Kind == ValueKind.Bool) return value + " ? 1 : 0";
        if (type.IsEnum) return $"unchecked(({CoreTypeName(CoreOf(type))}){value})";
        return type.Kind switch
        {
            ValueKind.UInt32 => $"unchecked((int){value})",
            ValueKind.UInt64 => $"unchecked((long){value})",
            ValueKind.Rune => $"({value}).Value",
            _ => value,
        };
    }

    /// <summary>A C# string literal.</summary>
    public static string Literal(string text) => Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(text, quote: true);
}
