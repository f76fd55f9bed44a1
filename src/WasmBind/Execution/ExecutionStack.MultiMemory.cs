using System.Runtime.CompilerServices;
using WasmBind.Compilation;
using WasmBind.Instructions;
using WasmBind.Runtime;

namespace WasmBind.Execution;

/// <summary>
/// Loads and stores on memories other than an <c>i32</c> memory 0 (multi-memory, memory64), <c>memory.size</c> and
/// <c>memory.grow</c> of any memory, and wide arithmetic. Kept out of the main loop so the memory-0 instructions and
/// the loop's locals stay exactly as they were: these memories are looked up on each access instead of cached.
/// </summary>
internal sealed unsafe partial class ExecutionStack
{
    /// <summary>
    /// Runs the instruction at <paramref name="ip"/> if it is one of this file's (<see cref="Op.MemoryAccess"/> and up):
    /// its length in code units; 0 when a grow lacked fuel (nothing was done); -1 for an unknown instruction.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int ExecuteExtension(ref ulong fp, ref int ip, Instance instance, WasmFunction function, int pc)
    {
        switch ((Op)ip)
        {
            case Op.MemoryAccess:
                ExecuteMemoryAccess(ref fp, ref ip, instance, function, pc);
                return 7;
            case Op.MemorySizeAt:
                Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = MemorySizeOf(instance, Unsafe.Add(ref ip, 2));
                return 3;
            case Op.MemoryGrowAt:
                return ExecuteMemoryGrowAt(ref fp, ref ip, instance, function, pc);
            case Op.ClampIndex64:
                Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = Math.Min(Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)), uint.MaxValue);
                return 3;
            case Op.WideArithmetic:
                ExecuteWideArithmetic(ref fp, ref ip);
                return 8;
            case Op.AtomicAt:
                ExecuteAtomicAt(ref fp, ref ip, instance, function, pc);
                return 9;
            default:
                return -1;
        }
    }

    /// <summary>Runs <see cref="Op.MemoryAccess"/> at <paramref name="ip"/> (7 code units).</summary>
    private void ExecuteMemoryAccess(ref ulong fp, ref int ip, Instance instance, WasmFunction function, int pc)
    {
        var kind = Unsafe.Add(ref ip, 1);
        var opcode = (byte)kind;
        var is64 = (kind & FunctionTranslator.MemoryAccess64Flag) != 0;
        ref var a = ref Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2));
        ref var b = ref Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3));
        var memory = instance.Memories[Unsafe.Add(ref ip, 4)];
        var offset = (uint)Unsafe.Add(ref ip, 5) | ((ulong)(uint)Unsafe.Add(ref ip, 6) << 32);
        var store = opcode >= 0x36;
        var rawAddress = store ? a : b;
        var address = is64 ? rawAddress : (uint)rawAddress;
        var size = AccessSize(opcode);
        var target = EffectiveAddress(memory, address, offset, size, function, pc);
        switch (opcode)
        {
            case 0x28: a = Unsafe.ReadUnaligned<uint>(target); break; // i32.load
            case 0x29: a = Unsafe.ReadUnaligned<ulong>(target); break; // i64.load
            case 0x2A: a = Unsafe.ReadUnaligned<uint>(target); break; // f32.load
            case 0x2B: a = Unsafe.ReadUnaligned<ulong>(target); break; // f64.load
            case 0x2C: a = (uint)(int)*(sbyte*)target; break;
            case 0x2D: a = *target; break;
            case 0x2E: a = (uint)(int)Unsafe.ReadUnaligned<short>(target); break;
            case 0x2F: a = Unsafe.ReadUnaligned<ushort>(target); break;
            case 0x30: a = (ulong)(long)*(sbyte*)target; break;
            case 0x31: a = *target; break;
            case 0x32: a = (ulong)(long)Unsafe.ReadUnaligned<short>(target); break;
            case 0x33: a = Unsafe.ReadUnaligned<ushort>(target); break;
            case 0x34: a = (ulong)(long)Unsafe.ReadUnaligned<int>(target); break;
            case 0x35: a = Unsafe.ReadUnaligned<uint>(target); break;
            case 0x36 or 0x38: Unsafe.WriteUnaligned(target, (uint)b); break; // i32.store, f32.store
            case 0x37 or 0x39: Unsafe.WriteUnaligned(target, b); break; // i64.store, f64.store
            case 0x3A or 0x3C: *target = (byte)b; break;
            case 0x3B or 0x3D: Unsafe.WriteUnaligned(target, (ushort)b); break;
            case 0x3E: Unsafe.WriteUnaligned(target, (uint)b); break;
            default: throw new InvalidOperationException($"internal error: 0x{opcode:x2} is not a load or store");
        }
    }

    private static int AccessSize(byte opcode) => opcode switch
    {
        0x29 or 0x2B or 0x37 or 0x39 => 8,
        0x28 or 0x2A or 0x34 or 0x35 or 0x36 or 0x38 or 0x3E => 4,
        0x2E or 0x2F or 0x32 or 0x33 or 0x3B or 0x3D => 2,
        _ => 1,
    };

    /// <summary>
    /// The host address of <paramref name="size"/> bytes at <paramref name="address"/> + <paramref name="offset"/>, or
    /// a trap. Both are 64-bit here, so the check is written so that nothing can wrap: the sum is compared by
    /// subtraction from the length, never formed when it could overflow.
    /// </summary>
    private byte* EffectiveAddress(Memory memory, ulong address, ulong offset, int size, WasmFunction function, int pc)
    {
        var block = memory.Block;
        var length = block.Length;
        if (length < (ulong)size || offset > length - (ulong)size || address > length - (ulong)size - offset)
            ThrowTrap(TrapCode.MemoryOutOfBounds, function, pc);
        return block.Base + address + offset;
    }

    /// <summary><c>memory.size</c> of memory <paramref name="index"/>, in pages.</summary>
    private static ulong MemorySizeOf(Instance instance, int index) => instance.Memories[index].Pages;

    /// <summary>
    /// Runs <see cref="Op.MemoryGrowAt"/> (dst, delta, memory); returns 4, or 0 when there was not enough fuel (then
    /// nothing grew). Charged and refused like memory 0's <c>memory.grow</c>.
    /// </summary>
    private int ExecuteMemoryGrowAt(ref ulong fp, ref int ip, Instance instance, WasmFunction function, int pc)
    {
        ref var dst = ref Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1));
        var memory = instance.Memories[Unsafe.Add(ref ip, 3)];
        var raw = Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2));
        var delta = memory.Type.Is64 ? raw : (uint)raw;
        // A delta past what any memory can reach is refused without work, like any grow past the maximum.
        var allowed = delta <= uint.MaxValue && memory.IsWithinMaximum(delta);
        var charged = allowed ? Charge(delta * MemoryType.PageSize, BytesPerFuel) : 0;
        if (charged < 0) return 0;
        var previous = allowed ? memory.TryGrow(delta) : -1;
        if (previous < 0) store.FuelRemaining += charged;
        if (previous < 0 && store.Limits is { TrapOnGrowFailure: true }) ThrowTrap(TrapCode.ResourceLimitExceeded, function, pc);
        dst = memory.Type.Is64 ? (ulong)previous : (uint)(int)previous;
        return 4;
    }

    /// <summary>Runs <see cref="Op.WideArithmetic"/> at <paramref name="ip"/> (8 code units).</summary>
    private static void ExecuteWideArithmetic(ref ulong fp, ref int ip)
    {
        var a = Unsafe.Add(ref fp, Unsafe.Add(ref ip, 4));
        var b = Unsafe.Add(ref fp, Unsafe.Add(ref ip, 5));
        var c = Unsafe.Add(ref fp, Unsafe.Add(ref ip, 6));
        var d = Unsafe.Add(ref fp, Unsafe.Add(ref ip, 7));
        var result = Unsafe.Add(ref ip, 1) switch
        {
            19 => new UInt128(b, a) + new UInt128(d, c), // i64.add128: (a low, b high) + (c low, d high)
            20 => new UInt128(b, a) - new UInt128(d, c), // i64.sub128
            21 => (UInt128)((Int128)(long)a * (long)b), // i64.mul_wide_s
            _ => (UInt128)a * b, // i64.mul_wide_u
        };
        Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) = (ulong)result;
        Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3)) = (ulong)(result >> 64);
    }

    /// <summary>An address operand of <paramref name="memory"/>: all 64 bits for a 64-bit memory, else the low 32.</summary>
    private static ulong Address(Memory memory, ulong slot) => memory.Type.Is64 ? slot : (uint)slot;
}
