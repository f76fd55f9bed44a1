using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace WasmBind.Bindings;

/// <summary>
/// The rest of the Canonical ABI's value set for generated code: lists of any element (checked ranges, primitive
/// element fast paths), variant discriminants, and the UTF-16 and latin1+utf16 string encodings.
/// </summary>
public static partial class CanonicalAbi
{
    /// <summary>The bit of a latin1+utf16 string's length that says its code units are UTF-16 (<c>UTF16_TAG</c>).</summary>
    public const int Utf16Tag = int.MinValue;

    /// <summary>
    /// Checks a discriminant the guest supplied (a variant's, result's or enum's) against its number of cases and
    /// returns it.
    /// </summary>
    /// <exception cref="TrapException">It is not below <paramref name="caseCount"/> (<see cref="TrapCode.InvalidCanonicalValue"/>).</exception>
    public static int CheckCase(int discriminant, int caseCount) => (uint)discriminant < (uint)caseCount ? discriminant
        : throw new TrapException(TrapCode.InvalidCanonicalValue,
            $"The guest passed the discriminant {(uint)discriminant}, but the type has {caseCount} case{(caseCount == 1 ? "" : "s")} (0 to {caseCount - 1}).");

    /// <summary>Checks an enum value the host passes (0 to <paramref name="caseCount"/> - 1) and returns it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">It is not one of the enum's cases.</exception>
    public static int LowerCase(int value, int caseCount) => (uint)value < (uint)caseCount ? value
        : throw new ArgumentOutOfRangeException(nameof(value), value, $"The enum value {value} is not one of its {caseCount} cases (0 to {caseCount - 1}), so it has no Canonical ABI form.");

    /// <summary>The exception for a variant value whose type is not one of the variant's nested case records.</summary>
    public static ArgumentException UnknownCase(object value) =>
        new($"'{value.GetType()}' is not a case of its variant: a variant's cases are the sealed records nested in it.", nameof(value));

    /// <summary>The value of a lifted <c>result</c>, or its error as a faulted <see cref="ResultException{TError}"/> (for <c>[WasmThrows]</c> exports).</summary>
    public static async ValueTask<TValue> UnwrapAsync<TValue, TError>(ValueTask<Result<TValue, TError>> result) =>
        (await result.ConfigureAwait(false)).GetValueOrThrow();

    /// <summary>
    /// Checks the list of <paramref name="count"/> elements of <paramref name="elementSize"/> bytes the guest placed at
    /// <paramref name="pointer"/> before any element is read: aligned to the element, inside memory.
    /// </summary>
    /// <exception cref="TrapException">The list is misaligned, outside memory or over 2^28 - 1 bytes (<see cref="TrapCode.MemoryOutOfBounds"/>).</exception>
    public static void CheckList(Memory memory, int pointer, int count, int elementSize, int alignment)
    {
        ArgumentNullException.ThrowIfNull(memory);
        var start = (uint)pointer;
        var bytes = (ulong)(uint)count * (uint)elementSize;
        if (start % (uint)alignment != 0)
            throw new TrapException(TrapCode.MemoryOutOfBounds, $"The guest's list at {start} is not aligned to its elements' {alignment} bytes.");
        if (bytes > MaxListByteLength)
            throw new TrapException(TrapCode.MemoryOutOfBounds, $"The guest passed a list of {(uint)count} elements ({bytes} bytes), over the Canonical ABI's limit of {MaxListByteLength} bytes.");
        if (start + bytes > (ulong)memory.Length)
        {
            throw new TrapException(TrapCode.MemoryOutOfBounds,
                $"The guest passed a list at [{start}, {start + bytes}), outside the memory of {memory.Length} bytes.");
        }
    }

    /// <summary>Allocates a list of <paramref name="count"/> elements in guest memory and returns its address.</summary>
    /// <exception cref="ArgumentException">The list is over 2^28 - 1 bytes.</exception>
    /// <exception cref="TrapException">There is no allocator, or it trapped or returned a bad range.</exception>
    public static int AllocateList(Memory memory, Function? allocator, int count, int elementSize, int alignment)
    {
        ArgumentNullException.ThrowIfNull(memory);
        var bytes = (long)count * elementSize;
        if (bytes > MaxListByteLength)
            throw new ArgumentException($"A list of {count} elements ({bytes} bytes) exceeds the Canonical ABI's limit of {MaxListByteLength} bytes.", nameof(count));
        return Allocate(memory, RequireAllocator(allocator), alignment, (int)bytes);
    }

    /// <summary>The calling instance's allocator <paramref name="name"/>, or null when it exports none of the right type (needed only if something is allocated).</summary>
    public static Function? FindAllocator(Caller caller, string name) =>
        caller.GetExport(name) is Function function && function.Type.Equals(ExportBinder.AllocatorType) ? function : null;

    /// <summary>A copy of the list of <paramref name="count"/> primitive <typeparamref name="T"/> at <paramref name="pointer"/> (little-endian, as the guest stores them).</summary>
    /// <exception cref="TrapException">The list is misaligned or outside memory.</exception>
    public static T[] LiftPrimitives<T>(Memory memory, int pointer, int count)
        where T : unmanaged
    {
        var size = Unsafe.SizeOf<T>();
        CheckList(memory, pointer, count, size, size);
        if (count == 0) return [];
        var result = new T[count];
        memory.GetSpan((uint)pointer, count * size).CopyTo(MemoryMarshal.AsBytes(result.AsSpan()));
        return result;
    }

    /// <summary>Copies primitive <paramref name="values"/> into guest memory allocated by <paramref name="allocator"/> and returns their address.</summary>
    /// <exception cref="ArgumentException">The list is over 2^28 - 1 bytes.</exception>
    /// <exception cref="TrapException">There is no allocator, or it trapped or returned a bad range.</exception>
    public static int LowerPrimitives<T>(Memory memory, Function? allocator, ReadOnlySpan<T> values, out int count)
        where T : unmanaged
    {
        var size = Unsafe.SizeOf<T>();
        var pointer = AllocateList(memory, allocator, values.Length, size, size);
        MemoryMarshal.AsBytes(values).CopyTo(memory.GetSpan((uint)pointer, values.Length * size));
        count = values.Length;
        return pointer;
    }

    /// <summary>Allocates and writes <paramref name="value"/> in the string encoding <paramref name="encoding"/>; returns its address and, in <paramref name="length"/>, the length the guest reads.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="TrapException">There is no allocator, or it trapped or returned a bad range.</exception>
    public static int LowerString(Memory memory, Function? allocator, string value, WasmStringEncoding encoding, out int length)
    {
        ArgumentNullException.ThrowIfNull(memory);
        ArgumentNullException.ThrowIfNull(value);
        switch (encoding)
        {
            case WasmStringEncoding.Utf16:
                return LowerUtf16(memory, allocator, value, out length);
            case WasmStringEncoding.Latin1Utf16:
                if (IsLatin1(value))
                {
                    CheckStringLength(value.Length);
                    var pointer = Allocate(memory, RequireAllocator(allocator), 2, value.Length);
                    Encoding.Latin1.GetBytes(value, memory.GetSpan((uint)pointer, value.Length));
                    length = value.Length;
                    return pointer;
                }
                var utf16 = LowerUtf16(memory, allocator, value, out length);
                length |= Utf16Tag;
                return utf16;
            default:
                return LowerString(memory, RequireAllocator(allocator), value, out length);
        }
    }

    /// <summary>The string the guest placed at <paramref name="pointer"/> with <paramref name="length"/> in the string encoding <paramref name="encoding"/>.</summary>
    /// <exception cref="TrapException">The string is misaligned, outside memory or too long, or is not valid in its encoding.</exception>
    public static string LiftString(Memory memory, int pointer, int length, WasmStringEncoding encoding)
    {
        switch (encoding)
        {
            case WasmStringEncoding.Utf16:
                return LiftUtf16(memory, pointer, length);
            case WasmStringEncoding.Latin1Utf16:
                if ((length & Utf16Tag) != 0) return LiftUtf16(memory, pointer, length & ~Utf16Tag);
                CheckStringAlignment(pointer, 2);
                return Encoding.Latin1.GetString(Range(memory, pointer, length, MaxStringByteLength, "string"));
            default:
                return LiftString(memory, pointer, length);
        }
    }

    private static string LiftUtf16(Memory memory, int pointer, int codeUnits)
    {
        CheckStringAlignment(pointer, 2);
        if ((uint)codeUnits > MaxStringByteLength / 2)
            throw new TrapException(TrapCode.MemoryOutOfBounds, $"The guest passed a string of {(uint)codeUnits} UTF-16 code units, over the Canonical ABI's limit.");
        var bytes = Range(memory, pointer, codeUnits * 2, MaxStringByteLength, "string");
        var text = new string(MemoryMarshal.Cast<byte, char>(bytes));
        if (!IsWellFormedUtf16(text))
            throw new TrapException(TrapCode.InvalidCanonicalValue, $"The guest's UTF-16 string at {(uint)pointer} has a lone surrogate.");
        return text;
    }

    private static int LowerUtf16(Memory memory, Function? allocator, string value, out int codeUnits)
    {
        CheckStringLength(value.Length * 2L);
        var pointer = Allocate(memory, RequireAllocator(allocator), 2, value.Length * 2);
        MemoryMarshal.AsBytes(value.AsSpan()).CopyTo(memory.GetSpan((uint)pointer, value.Length * 2));
        codeUnits = value.Length;
        return pointer;
    }

    private static bool IsWellFormedUtf16(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(c)) return false;
        }
        return true;
    }

    private static bool IsLatin1(string value)
    {
        foreach (var c in value)
        {
            if (c > '\u00FF') return false;
        }
        return true;
    }

    private static void CheckStringLength(long bytes)
    {
        if (bytes > MaxStringByteLength)
            throw new ArgumentException($"A string of {bytes} bytes exceeds the Canonical ABI's limit of {MaxStringByteLength}.", "value");
    }

    private static void CheckStringAlignment(int pointer, int alignment)
    {
        if ((uint)pointer % (uint)alignment != 0)
            throw new TrapException(TrapCode.MemoryOutOfBounds, $"The guest's string at {(uint)pointer} is not aligned to {alignment}, as its encoding requires.");
    }

    private static Function RequireAllocator(Function? allocator) => allocator
        ?? throw new TrapException(TrapCode.HostError, "The guest exports no allocator (cabi_realloc) of type (func (param i32 i32 i32 i32) (result i32)), which is needed to pass it a string or list.");
}
