namespace WasmBind;

/// <summary>A WebAssembly value type. The numeric values are the type's binary encoding.</summary>
public enum ValueType : byte
{
    /// <summary>32-bit integer.</summary>
    I32 = 0x7F,
    /// <summary>64-bit integer.</summary>
    I64 = 0x7E,
    /// <summary>32-bit IEEE 754 float.</summary>
    F32 = 0x7D,
    /// <summary>64-bit IEEE 754 float.</summary>
    F64 = 0x7C,
    /// <summary>128-bit vector (SIMD proposal).</summary>
    V128 = 0x7B,
    /// <summary>A nullable reference to a function.</summary>
    FuncRef = 0x70,
    /// <summary>A nullable reference to a host object.</summary>
    ExternRef = 0x6F,
}

/// <summary>Helpers for <see cref="ValueType"/>.</summary>
public static class ValueTypeExtensions
{
    /// <summary>True for <see cref="ValueType.FuncRef"/> and <see cref="ValueType.ExternRef"/>.</summary>
    public static bool IsReference(this ValueType type) => type is ValueType.FuncRef or ValueType.ExternRef;

    /// <summary>64-bit interpreter slots a value of this type takes: two for <c>v128</c>, one otherwise.</summary>
    internal static int SlotWidth(this ValueType type) => type == ValueType.V128 ? 2 : 1;

    /// <summary>The name the text format uses: <c>i32</c>, <c>funcref</c>, ...</summary>
    public static string ToWatName(this ValueType type) => type switch
    {
        ValueType.I32 => "i32",
        ValueType.I64 => "i64",
        ValueType.F32 => "f32",
        ValueType.F64 => "f64",
        ValueType.V128 => "v128",
        ValueType.FuncRef => "funcref",
        ValueType.ExternRef => "externref",
        _ => $"<0x{(byte)type:x2}>",
    };
}
