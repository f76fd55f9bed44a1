using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;

namespace WasmBind.Binary;

/// <summary>
/// A forward-only cursor over part of a module's bytes. Every read is bounds-checked and reports problems
/// as <see cref="MalformedModuleException"/> at the absolute module offset, so callers never see another
/// exception type for bad input.
/// </summary>
internal ref struct WasmReader
{
    private readonly ReadOnlySpan<byte> span;
    private readonly long baseOffset;
    private int position;

    /// <param name="span">The bytes to read; reads never go past its end.</param>
    /// <param name="baseOffset">The module offset of <paramref name="span"/>[0], used in error offsets.</param>
    public WasmReader(ReadOnlySpan<byte> span, long baseOffset = 0)
    {
        this.span = span;
        this.baseOffset = baseOffset;
        position = 0;
    }

    /// <summary>Absolute module offset of the next byte.</summary>
    public readonly long Offset => baseOffset + position;

    /// <summary>Index of the next byte within this reader's span.</summary>
    public int Position
    {
        readonly get => position;
        set
        {
            if ((uint)value > (uint)span.Length) ThrowLengthOutOfBounds();
            position = value;
        }
    }

    public readonly int Length => span.Length;

    public readonly int Remaining => span.Length - position;

    public readonly bool IsAtEnd => position >= span.Length;

    /// <summary>The unread bytes.</summary>
    public readonly ReadOnlySpan<byte> RemainingSpan => span[position..];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte ReadByte()
    {
        if ((uint)position >= (uint)span.Length) ThrowUnexpectedEnd();
        return span[position++];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly byte PeekByte()
    {
        if ((uint)position >= (uint)span.Length) ThrowUnexpectedEnd();
        return span[position];
    }

    public ReadOnlySpan<byte> ReadBytes(int length)
    {
        if ((uint)length > (uint)Remaining) ThrowUnexpectedEnd();
        var result = span.Slice(position, length);
        position += length;
        return result;
    }

    public void Skip(int length)
    {
        if ((uint)length > (uint)Remaining) ThrowUnexpectedEnd();
        position += length;
    }

    /// <summary>
    /// Reads a length-prefixed region (a section, a function body) as its own reader, so reads that run past
    /// the region fail instead of silently consuming what follows it.
    /// </summary>
    public WasmReader ReadSubReader(int length)
    {
        if ((uint)length > (uint)Remaining) ThrowLengthOutOfBounds();
        var sub = new WasmReader(span.Slice(position, length), Offset);
        position += length;
        return sub;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint ReadU32()
    {
        if ((uint)position < (uint)span.Length)
        {
            var b = span[position];
            if (b < 0x80)
            {
                position++;
                return b;
            }
        }
        return ReadU32Slow();
    }

    private uint ReadU32Slow()
    {
        uint result = 0;
        for (var shift = 0; shift < 28; shift += 7)
        {
            var b = ReadByte();
            result |= (uint)(b & 0x7F) << shift;
            if (b < 0x80) return result;
        }
        var last = ReadByte();
        // The fifth byte holds bits 28..31; anything beyond would be a 33rd bit or a sixth byte.
        if ((last & 0x80) != 0) ThrowAt(Offset - 1, "integer representation too long");
        if ((last & 0x70) != 0) ThrowAt(Offset - 1, "integer too large");
        return result | ((uint)last << 28);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadS32()
    {
        if ((uint)position < (uint)span.Length)
        {
            var b = span[position];
            if (b < 0x80)
            {
                position++;
                return (b << 25) >> 25;
            }
        }
        return (int)ReadSigned(32);
    }

    /// <summary>Reads a signed 33-bit LEB128 integer (block types: negative for value types, else a type index).</summary>
    public long ReadS33() => ReadSigned(33);

    public long ReadS64() => ReadSigned(64);

    public ulong ReadU64()
    {
        ulong result = 0;
        for (var shift = 0; shift < 63; shift += 7)
        {
            var b = ReadByte();
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return result;
        }
        var last = ReadByte();
        if ((last & 0x80) != 0) ThrowAt(Offset - 1, "integer representation too long");
        if ((last & 0x7E) != 0) ThrowAt(Offset - 1, "integer too large");
        return result | ((ulong)last << 63);
    }

    private long ReadSigned(int bits)
    {
        var maxBytes = (bits + 6) / 7;
        var lastShift = (maxBytes - 1) * 7;
        long result = 0;
        for (var shift = 0; shift < lastShift; shift += 7)
        {
            var b = ReadByte();
            result |= (long)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                var used = shift + 7;
                return used >= 64 ? result : (result << (64 - used)) >> (64 - used);
            }
        }
        var lastByte = ReadByte();
        if ((lastByte & 0x80) != 0) ThrowAt(Offset - 1, "integer representation too long");
        // The last byte's bits above the value's sign bit must all repeat that sign bit.
        var valueBits = bits - lastShift;
        var signBit = (lastByte >> (valueBits - 1)) & 1;
        var unusedMask = 0x7F & ~((1 << valueBits) - 1);
        if ((lastByte & unusedMask) != (signBit != 0 ? unusedMask : 0)) ThrowAt(Offset - 1, "integer too large");
        result |= (long)(lastByte & 0x7F) << lastShift;
        var total = lastShift + 7;
        return total >= 64 ? result : (result << (64 - total)) >> (64 - total);
    }

    public uint ReadF32Bits()
    {
        if (Remaining < 4) ThrowUnexpectedEnd();
        var bits = BinaryPrimitives.ReadUInt32LittleEndian(span[position..]);
        position += 4;
        return bits;
    }

    public ulong ReadF64Bits()
    {
        if (Remaining < 8) ThrowUnexpectedEnd();
        var bits = BinaryPrimitives.ReadUInt64LittleEndian(span[position..]);
        position += 8;
        return bits;
    }

    /// <summary>
    /// Reads a vector length and checks it against the bytes left, so callers can allocate that many items
    /// without trusting the input.
    /// </summary>
    public int ReadCount(int minItemSize = 1)
    {
        var start = Offset;
        var count = ReadU32();
        if ((ulong)count * (ulong)minItemSize > (ulong)Remaining) ThrowAt(start, "length out of bounds");
        return (int)count;
    }

    /// <summary>Reads a byte length and checks that many bytes follow.</summary>
    public int ReadLength()
    {
        var start = Offset;
        var length = ReadU32();
        if (length > (uint)Remaining) ThrowAt(start, "length out of bounds");
        return (int)length;
    }

    public string ReadName()
    {
        var length = ReadLength();
        var start = Offset;
        var bytes = ReadBytes(length);
        if (!Utf8.IsValid(bytes)) ThrowAt(start, "malformed UTF-8 encoding");
        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>
    /// Reads a one-byte LEB128 field (type constructors, flags): the reference decoder reads these as
    /// 7-bit integers, so a continuation bit is "too long" rather than an unknown value.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte ReadSmallLeb()
    {
        var b = ReadByte();
        if (b >= 0x80) ThrowAt(Offset - 1, "integer representation too long");
        return b;
    }

    public ValueType ReadValueType()
    {
        var b = ReadSmallLeb();
        if (!IsValueType(b)) ThrowAt(Offset - 1, "malformed value type");
        return (ValueType)b;
    }

    public ValueType ReadReferenceType()
    {
        var b = ReadSmallLeb();
        if (b is not ((byte)ValueType.FuncRef or (byte)ValueType.ExternRef)) ThrowAt(Offset - 1, "malformed reference type");
        return (ValueType)b;
    }

    public static bool IsValueType(byte b) => b is
        (byte)ValueType.I32 or (byte)ValueType.I64 or (byte)ValueType.F32 or (byte)ValueType.F64 or
        (byte)ValueType.V128 or (byte)ValueType.FuncRef or (byte)ValueType.ExternRef;

    /// <summary>
    /// Reads limits. Flag 0x03 (shared, with a maximum) is accepted when <paramref name="allowShared"/> (memories);
    /// validation rejects it unless the Threads feature is on. Flag 0x02 (shared, no maximum) is accepted only with
    /// <paramref name="allowSharedWithoutMaximum"/> (threads on), so that validation can say "shared memory must have
    /// maximum" as the threads suite expects; otherwise it is malformed ("integer too large"), as the Wasm 2.0 core
    /// suite expects.
    /// </summary>
    public Limits ReadLimits(bool allowShared, out bool shared, bool allowSharedWithoutMaximum = false) =>
        ReadLimits(allowShared, out shared, out _, allowSharedWithoutMaximum, allowAddressType64: false);

    /// <summary>
    /// Limits with their flags byte: bit 0 a maximum follows, bit 1 shared, bit 2 (memory64) an <c>i64</c> address
    /// type. With memory64 (3.0's format) the minimum and maximum are 64-bit numbers whatever the address type, so an
    /// <c>i32</c> limit past 2^32 is invalid (validation), not malformed as in 2.0.
    /// </summary>
    public Limits ReadLimits(bool allowShared, out bool shared, out bool is64, bool allowSharedWithoutMaximum, bool allowAddressType64)
    {
        var flagsOffset = Offset;
        var flags = ReadSmallLeb();
        is64 = allowAddressType64 && (flags & 4) != 0;
        var rest = is64 ? flags & ~4u : flags;
        var accepted = rest <= 1 || (allowShared && rest == 3) || (allowShared && allowSharedWithoutMaximum && rest == 2);
        if (!accepted) ThrowAt(flagsOffset, "integer too large");
        shared = (rest & 2) != 0;
        var min = allowAddressType64 ? ReadU64() : ReadU32();
        ulong? max = (rest & 1) != 0 ? (allowAddressType64 ? ReadU64() : ReadU32()) : null;
        return new Limits(min, max);
    }

    /// <summary>Reads a reserved byte that must be zero (memory index placeholders of the MVP encoding).</summary>
    public void ReadZeroByte()
    {
        if (ReadByte() != 0) ThrowAt(Offset - 1, "zero byte expected");
    }

    [DoesNotReturn]
    public readonly void Throw(string reason) => ThrowAt(Offset, reason);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowAt(long offset, string reason) => throw new MalformedModuleException(offset, reason);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly void ThrowUnexpectedEnd() => throw new MalformedModuleException(baseOffset + span.Length, "unexpected end of section or function");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly void ThrowLengthOutOfBounds() => throw new MalformedModuleException(Offset, "length out of bounds");
}
