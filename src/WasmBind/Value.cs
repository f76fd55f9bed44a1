using System.Globalization;
using System.Runtime.Intrinsics;

namespace WasmBind;

/// <summary>
/// An untyped WebAssembly value: a number or a reference, tagged with its <see cref="ValueType"/>.
/// Used by the untyped call API; typed calls avoid it.
/// </summary>
public readonly struct Value : IEquatable<Value>
{
    private readonly ulong bits;
    // The high 64 bits of a v128 (bits holds the low ones); zero for every other type.
    private readonly ulong high;
    private readonly object? reference;

    private Value(ValueType type, ulong bits, object? reference, ulong high = 0)
    {
        Type = type;
        this.bits = bits;
        this.reference = reference;
        this.high = high;
    }

    /// <summary>The value's type.</summary>
    public ValueType Type { get; }

    /// <summary>An <c>i32</c>.</summary>
    public static Value I32(int value) => new(ValueType.I32, (uint)value, null);

    /// <summary>An <c>i64</c>.</summary>
    public static Value I64(long value) => new(ValueType.I64, (ulong)value, null);

    /// <summary>An <c>f32</c>.</summary>
    public static Value F32(float value) => new(ValueType.F32, BitConverter.SingleToUInt32Bits(value), null);

    /// <summary>An <c>f32</c> from its IEEE 754 bits (keeps NaN payloads exactly).</summary>
    public static Value F32Bits(uint bits) => new(ValueType.F32, bits, null);

    /// <summary>An <c>f64</c>.</summary>
    public static Value F64(double value) => new(ValueType.F64, BitConverter.DoubleToUInt64Bits(value), null);

    /// <summary>An <c>f64</c> from its IEEE 754 bits (keeps NaN payloads exactly).</summary>
    public static Value F64Bits(ulong bits) => new(ValueType.F64, bits, null);

    /// <summary>A <c>funcref</c>; null is the null reference.</summary>
    public static Value FuncRef(Function? function) => new(ValueType.FuncRef, 0, function);

    /// <summary>An <c>externref</c> holding any host object; null is the null reference.</summary>
    public static Value ExternRef(object? value) => new(ValueType.ExternRef, 0, value);

    /// <summary>A <c>v128</c> with the bits of <paramref name="value"/>, whatever its lane type (lane 0 is the lowest).</summary>
    public static Value V128<T>(Vector128<T> value)
    {
        var lanes = value.AsUInt64();
        return new(ValueType.V128, lanes.GetElement(0), null, lanes.GetElement(1));
    }

    /// <summary>The zero value of <paramref name="type"/> (null for references).</summary>
    public static Value Default(ValueType type) => new(type, 0, null);

    /// <summary>The value as an <c>i32</c>.</summary>
    public int AsInt32() { Expect(ValueType.I32); return (int)(uint)bits; }

    /// <summary>The value as an <c>i64</c>.</summary>
    public long AsInt64() { Expect(ValueType.I64); return (long)bits; }

    /// <summary>The value as an <c>f32</c>.</summary>
    public float AsSingle() { Expect(ValueType.F32); return BitConverter.UInt32BitsToSingle((uint)bits); }

    /// <summary>The value as an <c>f64</c>.</summary>
    public double AsDouble() { Expect(ValueType.F64); return BitConverter.UInt64BitsToDouble(bits); }

    /// <summary>The value as a <c>v128</c>, its bits viewed as lanes of <typeparamref name="T"/> (e.g. <c>AsVector128&lt;int&gt;()</c> for i32x4).</summary>
    public Vector128<T> AsVector128<T>()
    {
        Expect(ValueType.V128);
        return Vector128.Create(bits, high).As<ulong, T>();
    }

    /// <summary>The raw bits of a numeric value (floats as their IEEE 754 encoding, i32 zero-extended; a v128's low 64 bits).</summary>
    public ulong RawBits => bits;

    /// <summary>The function of a <c>funcref</c> (null for the null reference).</summary>
    public Function? AsFunction() { Expect(ValueType.FuncRef); return (Function?)reference; }

    /// <summary>The object of an <c>externref</c> (null for the null reference).</summary>
    public object? AsExternObject() { Expect(ValueType.ExternRef); return reference; }

    /// <summary>True for a null <c>funcref</c> or <c>externref</c>.</summary>
    public bool IsNullReference => Type.IsReference() && reference is null;

    internal ulong ToSlot(Store store) => Type.IsReference() ? store.EncodeReference(Type, reference) : bits;

    /// <summary>The high slot of a v128 (the second of its two slots).</summary>
    internal ulong HighSlot => high;

    /// <summary>Writes <paramref name="values"/> into consecutive slots, two for each v128; returns the slots written.</summary>
    internal static int WriteSlots(Store store, ReadOnlySpan<Value> values, Span<ulong> slots)
    {
        var at = 0;
        foreach (var value in values)
        {
            slots[at++] = value.ToSlot(store);
            if (value.Type == ValueType.V128) slots[at++] = value.high;
        }
        return at;
    }

    /// <summary>Reads values of <paramref name="types"/> from consecutive slots, two for each v128.</summary>
    internal static void ReadSlots(Store store, ReadOnlySpan<ValueType> types, ReadOnlySpan<ulong> slots, Span<Value> values)
    {
        var at = 0;
        for (var i = 0; i < types.Length; i++)
        {
            values[i] = types[i] == ValueType.V128 ? new(ValueType.V128, slots[at], null, slots[at + 1]) : FromSlot(store, types[i], slots[at]);
            at += types[i].SlotWidth();
        }
    }

    internal static Value FromSlot(Store store, ValueType type, ulong slot) => type switch
    {
        ValueType.I32 => new(type, (uint)slot, null),
        ValueType.F32 => new(type, (uint)slot, null),
        ValueType.FuncRef or ValueType.ExternRef => new(type, 0, store.DecodeReference(type, slot)),
        _ => new(type, slot, null),
    };

    private void Expect(ValueType type)
    {
        if (Type != type) throw new InvalidOperationException($"The value is {Type.ToWatName()}, not {type.ToWatName()}.");
    }

    /// <inheritdoc />
    public bool Equals(Value other) => Type == other.Type && bits == other.bits && high == other.high && Equals(reference, other.reference);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Value other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Type, bits, high, reference);

    /// <summary>Equality of type, bits and reference.</summary>
    public static bool operator ==(Value left, Value right) => left.Equals(right);

    /// <summary>Inequality of type, bits or reference.</summary>
    public static bool operator !=(Value left, Value right) => !left.Equals(right);

    /// <summary>The value in the spec's notation: <c>i32:42</c>, <c>f64:1.5</c>, <c>funcref:null</c>.</summary>
    public override string ToString() => Type switch
    {
        ValueType.I32 => $"i32:{(int)(uint)bits}",
        ValueType.I64 => $"i64:{(long)bits}",
        ValueType.F32 => $"f32:{FormatFloat(BitConverter.UInt32BitsToSingle((uint)bits))}",
        ValueType.F64 => $"f64:{FormatFloat(BitConverter.UInt64BitsToDouble(bits))}",
        ValueType.FuncRef => reference is null ? "funcref:null" : "funcref:" + reference,
        ValueType.ExternRef => reference is null ? "externref:null" : "externref:" + reference,
        ValueType.V128 => $"v128:0x{high:x16}{bits:x16}",
        _ => $"{Type.ToWatName()}:0x{bits:x}",
    };

    private static string FormatFloat(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
