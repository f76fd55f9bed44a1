using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace WasmBind.Linking;

/// <summary>
/// Moves a CLR value of type <typeparamref name="T"/> into and out of value slots (one, or two for a v128) without boxing.
/// Each method is a chain of <c>typeof(T) == typeof(...)</c> tests: the JIT specialises generic code per value type
/// and drops every branch but one, so a typed call compiles down to the bare conversion.
/// </summary>
internal static class ValueCodec<T>
{
    /// <summary>The WebAssembly type <typeparamref name="T"/> maps to, or <see cref="ValueCodec.Unsupported"/>.</summary>
    public static readonly ValueType Type = ValueCodec.TypeOf(typeof(T));

    /// <summary>Slots a value takes: two for a <see cref="Vector128{T}"/> (v128), one otherwise. A JIT-time constant.</summary>
    public static readonly int Width = Type == ValueType.V128 ? 2 : 1;

    /// <summary>The value that starts at <paramref name="index"/> in <paramref name="slots"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Read(Store store, ReadOnlySpan<ulong> slots, int index)
    {
        if (Type == ValueType.V128)
        {
            var vector = Vector128.Create(slots[index], slots[index + 1]);
            return Unsafe.As<Vector128<ulong>, T>(ref vector);
        }
        return FromSlot(store, slots[index]);
    }

    /// <summary>Writes <paramref name="value"/> at <paramref name="index"/> in <paramref name="slots"/> (two slots for a v128).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write(Store store, Span<ulong> slots, int index, T value)
    {
        if (Type == ValueType.V128)
        {
            var vector = Unsafe.As<T, Vector128<ulong>>(ref value);
            slots[index] = vector.GetElement(0);
            slots[index + 1] = vector.GetElement(1);
            return;
        }
        slots[index] = ToSlot(store, value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T FromSlot(Store store, ulong slot)
    {
        // Readers take the low 32 bits of i32 and f32 slots: the upper half is not guaranteed to be zero.
        if (typeof(T) == typeof(int)) return (T)(object)(int)(uint)slot;
        if (typeof(T) == typeof(uint)) return (T)(object)(uint)slot;
        if (typeof(T) == typeof(long)) return (T)(object)(long)slot;
        if (typeof(T) == typeof(ulong)) return (T)(object)slot;
        if (typeof(T) == typeof(float)) return (T)(object)BitConverter.UInt32BitsToSingle((uint)slot);
        if (typeof(T) == typeof(double)) return (T)(object)BitConverter.UInt64BitsToDouble(slot);
        if (typeof(T) == typeof(Function)) return (T)(object?)store.DecodeFunctionReference(slot)!;
        if (typeof(T) == typeof(object)) return (T)store.DecodeExternReference(slot)!;
        throw ValueCodec.NotSupported(typeof(T));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong ToSlot(Store store, T value)
    {
        if (typeof(T) == typeof(int)) return (uint)(int)(object)value!;
        if (typeof(T) == typeof(uint)) return (uint)(object)value!;
        if (typeof(T) == typeof(long)) return (ulong)(long)(object)value!;
        if (typeof(T) == typeof(ulong)) return (ulong)(object)value!;
        if (typeof(T) == typeof(float)) return BitConverter.SingleToUInt32Bits((float)(object)value!);
        if (typeof(T) == typeof(double)) return BitConverter.DoubleToUInt64Bits((double)(object)value!);
        if (typeof(T) == typeof(Function)) return store.EncodeFunctionReference((Function?)(object?)value);
        if (typeof(T) == typeof(object)) return store.EncodeExternReference(value);
        throw ValueCodec.NotSupported(typeof(T));
    }
}

/// <summary>The non-generic half of <see cref="ValueCodec{T}"/>: type mapping and the errors for unsupported types.</summary>
internal static class ValueCodec
{
    /// <summary>Marks a CLR type with no WebAssembly counterpart; not a valid <see cref="ValueType"/> encoding.</summary>
    public const ValueType Unsupported = 0;

    public static ValueType TypeOf(Type type) =>
        type == typeof(int) || type == typeof(uint) ? ValueType.I32
        : type == typeof(long) || type == typeof(ulong) ? ValueType.I64
        : type == typeof(float) ? ValueType.F32
        : type == typeof(double) ? ValueType.F64
        : type == typeof(Function) ? ValueType.FuncRef
        : type == typeof(object) ? ValueType.ExternRef
        : IsVector128(type) ? ValueType.V128
        : Unsupported;

    // Any lane type the Vector128 API supports is a view of the same 128 bits.
    private static bool IsVector128(Type type) =>
        type == typeof(Vector128<byte>) || type == typeof(Vector128<sbyte>) || type == typeof(Vector128<short>)
        || type == typeof(Vector128<ushort>) || type == typeof(Vector128<int>) || type == typeof(Vector128<uint>)
        || type == typeof(Vector128<long>) || type == typeof(Vector128<ulong>) || type == typeof(Vector128<float>)
        || type == typeof(Vector128<double>);

    /// <summary>The WebAssembly type of <typeparamref name="T"/>; throws when there is none, so a bad signature fails where it is declared.</summary>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> is not a supported type.</exception>
    public static ValueType Require<T>() =>
        ValueCodec<T>.Type is var type && type != Unsupported ? type : throw NotSupported(typeof(T));

    public static ArgumentException NotSupported(Type type) => new(
        $"The type {type} cannot cross the WebAssembly boundary; supported types are int and uint (i32), long and ulong (i64), " +
        $"float (f32), double (f64), {nameof(Function)} (funcref), object (externref) and Vector128<T> of a primitive lane type (v128).");
}
