using System.Buffers.Binary;
using System.Text;

namespace WasmBind;

/// <summary>
/// A linear memory. Its bytes are reachable as a span; the span is invalidated when the memory grows
/// (including by a WebAssembly call), so take it again after any call.
/// </summary>
public sealed class Memory : Extern
{
    /// <summary>
    /// The most pages a memory may have here: .NET arrays hold fewer than 2^31 bytes, so a memory stops one page
    /// short of 2 GiB. Growing past it fails the way the spec allows (<c>memory.grow</c> returns -1).
    /// </summary>
    public const uint MaxPages = 32767;

    internal byte[] Buffer;

    /// <summary>Creates a memory in <paramref name="store"/>, zero-filled to its minimum size.</summary>
    /// <exception cref="ArgumentException">The minimum exceeds the maximum.</exception>
    /// <exception cref="ResourceLimitExceededException">The size exceeds the store's limits or what this runtime supports.</exception>
    public Memory(Store store, MemoryType type) : base(store)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type.Limits.Maximum is { } max && max < type.Limits.Minimum)
            throw new ArgumentException("The minimum size exceeds the maximum.", nameof(type));
        if (type.Limits.Minimum > MaxPages)
            throw new ResourceLimitExceededException($"A memory of {type.Limits.Minimum} pages exceeds this runtime's limit of {MaxPages}.");
        if (type.Limits.Minimum > store.Limits?.MemoryPages)
            throw new ResourceLimitExceededException($"A memory of {type.Limits.Minimum} pages exceeds the store's limit of {store.Limits.MemoryPages}.");
        store.CountMemory();
        Type = type;
        Buffer = type.Limits.Minimum == 0 ? [] : new byte[checked((int)type.Limits.Minimum * MemoryType.PageSize)];
    }

    /// <summary>The type the memory was created with; its current size is <see cref="Pages"/>.</summary>
    public MemoryType Type { get; }

    /// <inheritdoc />
    public override ExternKind Kind => ExternKind.Memory;

    /// <summary>The memory's current type: its current size as the minimum, as an import of it would see.</summary>
    public override ExternType ExternType => Type with { Limits = Type.Limits with { Minimum = Pages } };

    /// <summary>The current size in 64 KiB pages.</summary>
    public uint Pages => (uint)(Buffer.Length / MemoryType.PageSize);

    /// <summary>The current size in bytes.</summary>
    public long Length => Buffer.Length;

    /// <summary>The memory's bytes. Invalid after the memory grows.</summary>
    public Span<byte> Span => Buffer;

    /// <summary><paramref name="length"/> bytes at <paramref name="address"/>, bounds-checked.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is outside the memory.</exception>
    public Span<byte> GetSpan(long address, int length)
    {
        CheckRange(address, length);
        return Buffer.AsSpan((int)address, length);
    }

    /// <summary>Grows the memory by <paramref name="deltaPages"/> pages.</summary>
    /// <returns>The size in pages before growing.</returns>
    /// <exception cref="InvalidOperationException">The memory cannot grow that far.</exception>
    public uint Grow(uint deltaPages)
    {
        var previous = TryGrow(deltaPages);
        return previous >= 0 ? (uint)previous
            : throw new InvalidOperationException($"Cannot grow the memory from {Pages} by {deltaPages} pages (maximum {MaximumPages}).");
    }

    /// <summary>The largest size this memory can grow to, in pages.</summary>
    public uint MaximumPages => (uint)Math.Min(Math.Min(Type.Limits.Maximum ?? MaxPages, MaxPages), Store.Limits?.MemoryPages ?? MaxPages);

    /// <summary>Grows by <paramref name="deltaPages"/> pages; returns the previous page count, or -1 when that is not possible.</summary>
    internal long TryGrow(ulong deltaPages)
    {
        var old = Pages;
        if (deltaPages == 0) return old;
        var target = old + deltaPages;
        if (target > MaximumPages) return -1;
        if (Store.Limiter is { } limiter && !limiter.MemoryGrowing(this, old, target)) return -1;
        var bigger = new byte[checked((int)target * MemoryType.PageSize)];
        Buffer.AsSpan().CopyTo(bigger);
        Buffer = bigger;
        return old;
    }

    /// <summary>Reads a byte.</summary>
    public byte ReadByte(long address) => GetSpan(address, 1)[0];

    /// <summary>Writes a byte.</summary>
    public void WriteByte(long address, byte value) => GetSpan(address, 1)[0] = value;

    /// <summary>Reads a little-endian 16-bit integer.</summary>
    public short ReadInt16(long address) => BinaryPrimitives.ReadInt16LittleEndian(GetSpan(address, 2));

    /// <summary>Writes a little-endian 16-bit integer.</summary>
    public void WriteInt16(long address, short value) => BinaryPrimitives.WriteInt16LittleEndian(GetSpan(address, 2), value);

    /// <summary>Reads a little-endian 32-bit integer.</summary>
    public int ReadInt32(long address) => BinaryPrimitives.ReadInt32LittleEndian(GetSpan(address, 4));

    /// <summary>Writes a little-endian 32-bit integer.</summary>
    public void WriteInt32(long address, int value) => BinaryPrimitives.WriteInt32LittleEndian(GetSpan(address, 4), value);

    /// <summary>Reads a little-endian 64-bit integer.</summary>
    public long ReadInt64(long address) => BinaryPrimitives.ReadInt64LittleEndian(GetSpan(address, 8));

    /// <summary>Writes a little-endian 64-bit integer.</summary>
    public void WriteInt64(long address, long value) => BinaryPrimitives.WriteInt64LittleEndian(GetSpan(address, 8), value);

    /// <summary>Reads a little-endian 32-bit float.</summary>
    public float ReadSingle(long address) => BinaryPrimitives.ReadSingleLittleEndian(GetSpan(address, 4));

    /// <summary>Writes a little-endian 32-bit float.</summary>
    public void WriteSingle(long address, float value) => BinaryPrimitives.WriteSingleLittleEndian(GetSpan(address, 4), value);

    /// <summary>Reads a little-endian 64-bit float.</summary>
    public double ReadDouble(long address) => BinaryPrimitives.ReadDoubleLittleEndian(GetSpan(address, 8));

    /// <summary>Writes a little-endian 64-bit float.</summary>
    public void WriteDouble(long address, double value) => BinaryPrimitives.WriteDoubleLittleEndian(GetSpan(address, 8), value);

    /// <summary>Decodes <paramref name="byteLength"/> bytes of UTF-8 at <paramref name="address"/> (invalid sequences become U+FFFD).</summary>
    public string ReadString(long address, int byteLength) => Encoding.UTF8.GetString(GetSpan(address, byteLength));

    /// <summary>Reads a NUL-terminated UTF-8 string starting at <paramref name="address"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No NUL byte before the end of memory.</exception>
    public string ReadNullTerminatedString(long address)
    {
        CheckRange(address, 0);
        var rest = Buffer.AsSpan((int)address);
        var end = rest.IndexOf((byte)0);
        if (end < 0) throw new ArgumentOutOfRangeException(nameof(address), "No NUL terminator before the end of memory.");
        return Encoding.UTF8.GetString(rest[..end]);
    }

    /// <summary>Encodes <paramref name="value"/> as UTF-8 at <paramref name="address"/>.</summary>
    /// <returns>The number of bytes written.</returns>
    public int WriteString(long address, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var length = Encoding.UTF8.GetByteCount(value);
        return Encoding.UTF8.GetBytes(value, GetSpan(address, length));
    }

    private void CheckRange(long address, int length)
    {
        if (address < 0 || length < 0 || address > Buffer.Length - (long)length)
            throw new ArgumentOutOfRangeException(nameof(address), $"[{address}, {address + length}) is outside the memory of {Buffer.Length} bytes.");
    }
}
