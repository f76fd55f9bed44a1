using System.Runtime.ConstrainedExecution;
using System.Runtime.InteropServices;

namespace WasmBind.Runtime;

/// <summary>
/// The bytes of a linear memory, in unmanaged memory (<see cref="NativeMemory"/>): <see cref="Base"/>, the current
/// <see cref="Length"/> and the reserved <see cref="Capacity"/>. Unmanaged so that a memory is not a large-object-heap
/// array (gen-2 churn per instance), can pass 2 GiB, and grows in amortised O(1) per page instead of a full copy.
/// </summary>
/// <remarks>
/// <para>Two kinds. <b>Unshared</b>: allocated zeroed at its initial size; growth reallocates to
/// max(needed, 2 × capacity) capped at the maximum, so <see cref="Base"/> may move, and zeroes only the bytes grown.
/// <b>Shared</b> (threads): the whole maximum is allocated zeroed once (large blocks are mapped lazily by the OS, so
/// untouched pages cost nothing), <see cref="Base"/> never moves, and growth only publishes a larger
/// <see cref="Length"/>, so other threads holding the base stay valid.</para>
/// <para>Bytes in [<see cref="Length"/>, <see cref="Capacity"/>) are always zero: they were allocated zeroed and
/// every writer bounds-checks against <see cref="Length"/>, which never shrinks. So growing within the capacity is
/// O(1) and the new bytes are zero, as <c>memory.grow</c> requires.</para>
/// <para>Freed only by the finalizer, so never while anything that can reach the block (the owning
/// <see cref="Memory"/>, an interpreter frame holding it in a local) is alive.</para>
/// </remarks>
internal sealed unsafe class LinearMemoryBlock : CriticalFinalizerObject
{
    private readonly object? growLock;
    private WaitQueues? waitQueues;
    private byte* pointer;
    private ulong length;
    private ulong capacity;

    private LinearMemoryBlock(byte* pointer, ulong length, ulong capacity, bool shared)
    {
        this.pointer = pointer;
        this.length = length;
        this.capacity = capacity;
        if (shared) growLock = new object();
        NativeMemoryAccounting.Allocated(capacity);
    }

    /// <summary>The first byte. Moves when an unshared block grows past its capacity; re-read it after a grow.</summary>
    public byte* Base => pointer;

    /// <summary><see cref="Base"/> as an integer, for code that compares addresses.</summary>
    public nint Address => (nint)pointer;

    /// <summary><paramref name="length"/> bytes at <paramref name="start"/>; the caller has checked the range against <see cref="Length"/>.</summary>
    public Span<byte> Slice(ulong start, int length) => new(pointer + start, length);

    /// <summary>The current size in bytes.</summary>
    public ulong Length => growLock is null ? length : Volatile.Read(ref length);

    /// <summary>The bytes reserved: growth up to here does not move <see cref="Base"/>.</summary>
    public ulong Capacity => capacity;

    /// <summary>True for a block whose base never moves (shared memories).</summary>
    public bool IsShared => growLock is not null;

    /// <summary>The threads parked in <c>memory.atomic.wait</c> on this block, created on first use.</summary>
    public WaitQueues WaitQueues =>
        waitQueues ?? Interlocked.CompareExchange(ref waitQueues, new WaitQueues(), null) ?? waitQueues;

    /// <summary>Bytes moved by reallocation over the block's life, for tests that bound the cost of growth.</summary>
    internal ulong BytesRelocated { get; private set; }

    /// <summary>An unshared block of <paramref name="bytes"/> zero bytes.</summary>
    /// <exception cref="OutOfMemoryException">The process cannot allocate it.</exception>
    public static LinearMemoryBlock CreateUnshared(ulong bytes) =>
        new(AllocateZeroed(bytes), bytes, bytes, shared: false);

    /// <summary>
    /// A shared block of <paramref name="bytes"/> zero bytes that can grow to <paramref name="maximumBytes"/> without
    /// moving: the maximum is reserved now.
    /// </summary>
    /// <exception cref="OutOfMemoryException">The process cannot reserve the maximum.</exception>
    public static LinearMemoryBlock CreateShared(ulong bytes, ulong maximumBytes)
    {
        if (maximumBytes < bytes) throw new ArgumentOutOfRangeException(nameof(maximumBytes));
        return new(AllocateZeroed(maximumBytes), bytes, maximumBytes, shared: true);
    }

    /// <summary>
    /// Grows to <paramref name="newLength"/> bytes (never above <paramref name="maximumBytes"/>), the new bytes zero.
    /// False, with nothing changed, when the process cannot allocate it or (shared) it exceeds the reservation.
    /// </summary>
    public bool TryGrow(ulong newLength, ulong maximumBytes)
    {
        if (growLock is not null) return TryGrowShared(newLength);
        if (newLength <= length) return newLength == length;
        if (newLength > capacity && !TryReserve(newLength, maximumBytes)) return false;
        // Everything past the old length is still zero (see the class remarks), so growing is just publishing it.
        length = newLength;
        return true;
    }

    /// <summary>
    /// Grows a shared block by <paramref name="deltaBytes"/> under its lock, so racing grows from many threads each
    /// see the size they grew from (the spec's <c>memory.grow</c> result) and never lose one another's growth.
    /// </summary>
    public bool TryGrowSharedBy(ulong deltaBytes, out ulong oldLength)
    {
        if (growLock is null) throw new InvalidOperationException("internal error: an unshared block grows with TryGrow");
        lock (growLock)
        {
            oldLength = length;
            if (deltaBytes > capacity - length) return false;
            if (deltaBytes > 0) Volatile.Write(ref length, length + deltaBytes);
            return true;
        }
    }

    private bool TryGrowShared(ulong newLength)
    {
        lock (growLock!)
        {
            if (newLength > capacity) return false;
            // Never shrinks: a racing grow that already went further wins. The memory was zeroed at allocation.
            if (newLength > length) Volatile.Write(ref length, newLength);
            return true;
        }
    }

    /// <summary>Moves to a zeroed block of at least <paramref name="needed"/> bytes, doubling when the maximum allows.</summary>
    /// <remarks>
    /// A fresh zeroed allocation plus a copy of the used bytes, not <see cref="NativeMemory.Realloc"/>: realloc leaves
    /// the new bytes undefined, so each grow would have to clear them and thereby touch (commit) every page up to the
    /// new size, where calloc maps large blocks lazily. Copies add up to less than twice the final size.
    /// </remarks>
    private bool TryReserve(ulong needed, ulong maximumBytes)
    {
        var doubled = Math.Min(Math.Max(needed, capacity * 2), Math.Max(maximumBytes, needed));
        foreach (var candidate in doubled == needed ? [needed] : (ReadOnlySpan<ulong>)[doubled, needed])
        {
            byte* moved;
            try
            {
                moved = AllocateZeroed(candidate);
            }
            catch (OutOfMemoryException)
            {
                // Try the smaller size, else the grow fails the way the spec allows (-1).
                continue;
            }
            Copy(pointer, moved, length);
            NativeMemory.Free(pointer);
            BytesRelocated += length;
            NativeMemoryAccounting.Freed(capacity);
            NativeMemoryAccounting.Allocated(candidate);
            pointer = moved;
            capacity = candidate;
            return true;
        }
        return false;
    }

    private static byte* AllocateZeroed(ulong bytes)
    {
        if (bytes > nuint.MaxValue) throw new OutOfMemoryException($"A linear memory of {bytes} bytes does not fit this process's address space.");
        // One byte for an empty memory, so the base is never null and the finalizer has something to free.
        return (byte*)NativeMemory.AllocZeroed(Math.Max((nuint)bytes, 1));
    }

    private static void Copy(byte* source, byte* destination, ulong bytes) =>
        Buffer.MemoryCopy(source, destination, bytes, bytes);

    ~LinearMemoryBlock()
    {
        NativeMemory.Free(pointer);
        NativeMemoryAccounting.Freed(capacity);
        pointer = null;
    }
}
