using System.Buffers.Binary;

namespace WasmBind.Bindings;

/// <summary>
/// Values in guest memory, as the Canonical ABI lays them out (little-endian, each at an offset aligned to its size):
/// the arguments of a function whose parameters flatten to more than <see cref="MaxFlatParams"/> core values travel as
/// one tuple in memory, passed by its address.
/// </summary>
public static partial class CanonicalAbi
{
    /// <summary>The most core parameters a function takes directly; more are passed through memory (<c>MAX_FLAT_PARAMS</c>).</summary>
    public const int MaxFlatParams = 16;

    /// <summary>
    /// Allocates the tuple of an export's arguments in guest memory with <paramref name="allocator"/>
    /// (<c>realloc(0, 0, alignment, size)</c>) and returns its address.
    /// </summary>
    /// <exception cref="TrapException">The allocator trapped, or returned a misaligned range or one outside memory (<see cref="TrapCode.MemoryOutOfBounds"/>).</exception>
    public static int AllocateArguments(Memory memory, Function allocator, int alignment, int size)
    {
        ArgumentNullException.ThrowIfNull(memory);
        ArgumentNullException.ThrowIfNull(allocator);
        return Allocate(memory, allocator, alignment, size);
    }

    /// <summary>Checks the tuple of arguments the guest passed at <paramref name="pointer"/> before anything is read from it.</summary>
    /// <exception cref="TrapException">The tuple is misaligned or outside memory (<see cref="TrapCode.MemoryOutOfBounds"/>).</exception>
    public static void CheckArguments(Memory memory, int pointer, int alignment, int size)
    {
        ArgumentNullException.ThrowIfNull(memory);
        var start = (uint)pointer;
        if (start % (uint)alignment != 0)
            throw new TrapException(TrapCode.MemoryOutOfBounds, $"The guest's arguments at {start} are not aligned to {alignment}.");
        if (start + (ulong)(uint)size > memory.Block.Length)
        {
            throw new TrapException(TrapCode.MemoryOutOfBounds,
                $"The guest's arguments at [{start}, {start + (ulong)(uint)size}) are outside the memory of {memory.Block.Length} bytes.");
        }
    }

    /// <summary>Checks a result area (where an option or other multi-value result lives) before it is read or written.</summary>
    /// <exception cref="TrapException">The area is misaligned or outside memory (<see cref="TrapCode.MemoryOutOfBounds"/>).</exception>
    public static void CheckResultArea(Memory memory, int pointer, int alignment, int size)
    {
        ArgumentNullException.ThrowIfNull(memory);
        var start = (uint)pointer;
        if (start % (uint)alignment != 0)
            throw new TrapException(TrapCode.MemoryOutOfBounds, $"The result area at {start} is not aligned to {alignment}.");
        if (start + (ulong)(uint)size > memory.Block.Length)
        {
            throw new TrapException(TrapCode.MemoryOutOfBounds,
                $"The result area at [{start}, {start + (ulong)(uint)size}) is outside the memory of {memory.Block.Length} bytes.");
        }
    }

    /// <summary>Whether an option's <paramref name="discriminant"/> says some (1) or none (0).</summary>
    /// <exception cref="TrapException">It is anything else (<see cref="TrapCode.InvalidCanonicalValue"/>).</exception>
    public static bool IsSome(int discriminant) => discriminant switch
    {
        0 => false,
        1 => true,
        _ => throw new TrapException(TrapCode.InvalidCanonicalValue,
            $"The guest passed the option discriminant {(uint)discriminant}; an option's is 0 (none) or 1 (some)."),
    };

    /// <summary>Checks the option result area at <paramref name="area"/> and returns whether it holds some value.</summary>
    /// <exception cref="TrapException">The area is misaligned or outside memory, or its discriminant is not 0 or 1.</exception>
    public static bool LiftOptionCase(Memory memory, int area, int alignment, int size)
    {
        CheckResultArea(memory, area, alignment, size);
        return IsSome(LoadU8(memory, area));
    }

    /// <summary>The byte at <paramref name="address"/>, zero-extended.</summary>
    public static int LoadU8(Memory memory, int address) => At(memory, address, 1)[0];

    /// <summary>The byte at <paramref name="address"/>, sign-extended.</summary>
    public static int LoadS8(Memory memory, int address) => (sbyte)At(memory, address, 1)[0];

    /// <summary>The 16-bit value at <paramref name="address"/>, zero-extended.</summary>
    public static int LoadU16(Memory memory, int address) => BinaryPrimitives.ReadUInt16LittleEndian(At(memory, address, 2));

    /// <summary>The 16-bit value at <paramref name="address"/>, sign-extended.</summary>
    public static int LoadS16(Memory memory, int address) => BinaryPrimitives.ReadInt16LittleEndian(At(memory, address, 2));

    /// <summary>The <c>i32</c> at <paramref name="address"/>.</summary>
    public static int LoadI32(Memory memory, int address) => BinaryPrimitives.ReadInt32LittleEndian(At(memory, address, 4));

    /// <summary>The <c>i64</c> at <paramref name="address"/>.</summary>
    public static long LoadI64(Memory memory, int address) => BinaryPrimitives.ReadInt64LittleEndian(At(memory, address, 8));

    /// <summary>The <c>f32</c> at <paramref name="address"/>.</summary>
    public static float LoadF32(Memory memory, int address) => BinaryPrimitives.ReadSingleLittleEndian(At(memory, address, 4));

    /// <summary>The <c>f64</c> at <paramref name="address"/>.</summary>
    public static double LoadF64(Memory memory, int address) => BinaryPrimitives.ReadDoubleLittleEndian(At(memory, address, 8));

    /// <summary>Stores the low byte of <paramref name="value"/> at <paramref name="address"/>.</summary>
    public static void StoreI8(Memory memory, int address, int value) => At(memory, address, 1)[0] = unchecked((byte)value);

    /// <summary>Stores the low 16 bits of <paramref name="value"/> at <paramref name="address"/>.</summary>
    public static void StoreI16(Memory memory, int address, int value) => BinaryPrimitives.WriteInt16LittleEndian(At(memory, address, 2), unchecked((short)value));

    /// <summary>Stores the <c>i32</c> <paramref name="value"/> at <paramref name="address"/>.</summary>
    public static void StoreI32(Memory memory, int address, int value) => BinaryPrimitives.WriteInt32LittleEndian(At(memory, address, 4), value);

    /// <summary>Stores the <c>i64</c> <paramref name="value"/> at <paramref name="address"/>.</summary>
    public static void StoreI64(Memory memory, int address, long value) => BinaryPrimitives.WriteInt64LittleEndian(At(memory, address, 8), value);

    /// <summary>Stores the <c>f32</c> <paramref name="value"/> at <paramref name="address"/>.</summary>
    public static void StoreF32(Memory memory, int address, float value) => BinaryPrimitives.WriteSingleLittleEndian(At(memory, address, 4), value);

    /// <summary>Stores the <c>f64</c> <paramref name="value"/> at <paramref name="address"/>.</summary>
    public static void StoreF64(Memory memory, int address, double value) => BinaryPrimitives.WriteDoubleLittleEndian(At(memory, address, 8), value);

    /// <summary>
    /// The <paramref name="size"/> bytes at <paramref name="address"/>. Callers check the enclosing range first, so
    /// this only guards against a generator bug: it still traps rather than touching anything outside memory.
    /// </summary>
    private static Span<byte> At(Memory memory, int address, int size)
    {
        ArgumentNullException.ThrowIfNull(memory);
        var block = memory.Block;
        var start = (uint)address;
        var length = block.Length;
        if (start + (ulong)(uint)size > length)
            throw new TrapException(TrapCode.MemoryOutOfBounds, $"[{start}, {start + (ulong)(uint)size}) is outside the memory of {length} bytes.");
        return block.Slice(start, size);
    }
}
