using System.Buffers.Binary;
using System.Text;
using WasmBind.Runtime;

namespace WasmBind;

/// <summary>
/// A linear memory, in unmanaged memory owned by this object and freed after it becomes unreachable.
/// </summary>
/// <remarks>
/// A memory of a <c>shared</c> type is a store's view of an engine-wide <see cref="WasmBind.SharedMemory"/>: its
/// bytes never move, and other threads may read, write and grow them at any time.
/// A span from <see cref="Span"/> or <see cref="GetSpan"/> points into that memory: it stays valid while this
/// <see cref="Memory"/> is reachable and has not grown. Growth (<see cref="Grow"/>, or <c>memory.grow</c> in any
/// WebAssembly call) may move the bytes, so take the span again after any call; and keep the <see cref="Memory"/>
/// itself referenced while a span is in use, since the span alone does not keep the bytes alive.
/// </remarks>
public sealed class Memory : Extern
{
    /// <summary>
    /// The most pages a 32-bit memory may have: 65,536 (4 GiB), the whole 32-bit address space, where the process can
    /// allocate it. Growing past it, or past what the process can allocate, fails the way the spec allows
    /// (<c>memory.grow</c> returns -1). A 64-bit memory's ceiling is <see cref="EngineConfig.MaxMemory64Pages"/>.
    /// </summary>
    public const uint MaxPages = 65536;

    internal readonly LinearMemoryBlock Block;

    /// <summary>Creates a memory in <paramref name="store"/>, zero-filled to its minimum size.</summary>
    /// <exception cref="ArgumentException">The minimum exceeds the maximum.</exception>
    /// <exception cref="ResourceLimitExceededException">The size exceeds the store's limits or what this runtime or process supports.</exception>
    public Memory(Store store, MemoryType type) : base(store)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type.Limits.Maximum is { } max && max < type.Limits.Minimum)
            throw new ArgumentException("The minimum size exceeds the maximum.", nameof(type));
        var runtimeMaximum = RuntimeMaximumPages(store, type);
        if (type.Limits.Minimum > runtimeMaximum)
            throw new ResourceLimitExceededException($"A memory of {type.Limits.Minimum} pages exceeds this runtime's limit of {runtimeMaximum}.");
        if (type.Limits.Minimum > store.Limits?.MemoryPages)
            throw new ResourceLimitExceededException($"A memory of {type.Limits.Minimum} pages exceeds the store's limit of {store.Limits.MemoryPages}.");
        store.CountMemory();
        Type = type;
        var bytes = type.Limits.Minimum * MemoryType.PageSize;
        if (type.Shared && type.Limits.Maximum is not null)
        {
            // A shared memory belongs to the engine (other stores may import it): this store holds a view of it.
            SharedMemory = new SharedMemory(store.Engine, type);
            SharedMemory.AddView(store, this);
            Block = SharedMemory.Block;
            return;
        }
        try
        {
            Block = LinearMemoryBlock.CreateUnshared(bytes);
        }
        catch (OutOfMemoryException e)
        {
            throw new ResourceLimitExceededException($"This process cannot allocate a memory of {type.Limits.Minimum} pages: {e.Message}");
        }
    }

    /// <summary>A store's view of <paramref name="shared"/>: the same bytes, not counted against the store's memory limit.</summary>
    internal Memory(Store store, SharedMemory shared) : base(store)
    {
        Type = shared.Type;
        SharedMemory = shared;
        Block = shared.Block;
    }

    /// <summary>
    /// The engine-wide shared memory this is a view of (for a <c>shared</c> memory type), or null. Hand it to other
    /// stores (<see cref="Linker.Define(string, string, SharedMemory)"/>) so their instances import the same bytes.
    /// </summary>
    public SharedMemory? SharedMemory { get; }

    /// <summary>The type the memory was created with; its current size is <see cref="Pages"/>.</summary>
    public MemoryType Type { get; }

    /// <inheritdoc />
    public override ExternKind Kind => ExternKind.Memory;

    /// <summary>The memory's current type: its current size as the minimum, as an import of it would see.</summary>
    public override ExternType ExternType => Type with { Limits = Type.Limits with { Minimum = Pages } };

    /// <summary>The current size in 64 KiB pages.</summary>
    public uint Pages => (uint)(Block.Length / MemoryType.PageSize);

    /// <summary>The current size in bytes.</summary>
    public long Length => (long)Block.Length;

    /// <summary>
    /// The memory's bytes. Invalid after the memory grows, and only while this <see cref="Memory"/> is reachable.
    /// </summary>
    /// <exception cref="InvalidOperationException">The memory is larger than a span can be (over int.MaxValue bytes):
    /// use <see cref="GetSpan"/> for a window of it instead.</exception>
    public Span<byte> Span
    {
        get
        {
            var length = Block.Length;
            if (length > int.MaxValue)
            {
                throw new InvalidOperationException(
                    $"The memory is {length} bytes, more than a Span<byte> can cover ({int.MaxValue}); use GetSpan(address, length) for a part of it.");
            }

            return Block.Slice(0, (int)length);
        }
    }

    /// <summary>
    /// <paramref name="length"/> bytes at <paramref name="address"/>, bounds-checked. Works for every address of a
    /// memory of any size. Invalid after the memory grows, and only while this <see cref="Memory"/> is reachable.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is outside the memory.</exception>
    public Span<byte> GetSpan(long address, int length)
    {
        CheckRange(address, length);
        return Block.Slice((ulong)address, length);
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

    /// <summary>The largest size this memory can grow to, in pages (the process may not be able to allocate all of it).</summary>
    public uint MaximumPages
    {
        get
        {
            var runtime = RuntimeMaximumPages(Store, Type);
            return (uint)Math.Min(Math.Min(Type.Limits.Maximum ?? runtime, runtime), Store.Limits?.MemoryPages ?? runtime);
        }
    }

    /// <summary>
    /// This runtime's own ceiling for a memory of <paramref name="type"/>: <see cref="MaxPages"/> for a 32-bit memory,
    /// <see cref="EngineConfig.MaxMemory64Pages"/> for a 64-bit one.
    /// </summary>
    private static ulong RuntimeMaximumPages(Store store, MemoryType type) =>
        type.Is64 ? store.Engine.Config.MaxMemory64Pages : MaxPages;

    /// <summary>Whether growing by <paramref name="deltaPages"/> stays within <see cref="MaximumPages"/> (the limiter and the allocator may still refuse).</summary>
    internal bool IsWithinMaximum(ulong deltaPages) => Pages + deltaPages <= MaximumPages;

    /// <summary>
    /// Grows by <paramref name="deltaPages"/> pages; returns the previous page count, or -1 when that is not possible
    /// (past the maximum, refused by the store's limiter, or more than the process can allocate).
    /// </summary>
    internal long TryGrow(ulong deltaPages)
    {
        var old = Pages;
        if (deltaPages == 0) return old;
        var target = old + deltaPages;
        var maximum = MaximumPages;
        if (target > maximum) return -1;
        if (Store.Limiter is { } limiter && !limiter.MemoryGrowing(this, old, target)) return -1;
        // Another thread may grow a shared memory at the same time: grow by the delta, and report the size it grew from.
        if (SharedMemory is { } shared) return shared.TryGrow(deltaPages);
        return Block.TryGrow(target * MemoryType.PageSize, (ulong)maximum * MemoryType.PageSize) ? old : -1;
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
        var rest = Block.Slice((ulong)address, (int)Math.Min((long)Block.Length - address, int.MaxValue));
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
        var size = (long)Block.Length;
        if (address < 0 || length < 0 || address > size - length)
            throw new ArgumentOutOfRangeException(nameof(address), $"[{address}, {address + length}) is outside the memory of {size} bytes.");
    }
}
