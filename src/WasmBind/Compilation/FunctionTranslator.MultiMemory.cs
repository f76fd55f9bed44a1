using WasmBind.Binary;
using WasmBind.Instructions;

namespace WasmBind.Compilation;

/// <summary>
/// Memory and table indices beyond 0 (multi-memory) and 64-bit addresses (memory64, 64-bit tables).
/// Memory 0 of the <c>i32</c> address type keeps the interpreter's fast instructions, which use the base and length
/// cached in locals; any other memory is reached through <see cref="Op.MemoryAccess"/> and friends, which look the
/// memory up on each use. A 64-bit table index is narrowed by <see cref="Op.ClampIndex64"/> to a 32-bit one that
/// is out of bounds exactly when the original is, so the table instructions themselves stay as they are.
/// </summary>
internal sealed partial class FunctionTranslator
{
    /// <summary>
    /// A decoded memarg: which memory, the static offset, whether that memory takes <c>i64</c> addresses, and the
    /// alignment's base-2 logarithm (already checked to be at most natural).
    /// </summary>
    private readonly record struct MemArg(int Memory, ulong Offset, bool Is64, int AlignmentLog2)
    {
        /// <summary>Whether the interpreter's memory-0 instructions can run this access.</summary>
        public bool IsFastPath => Memory == 0 && !Is64;
    }

    /// <summary>
    /// Reads a memarg. With multi-memory, bit 6 of the flags says a memory index follows, and flags of 128 or more are
    /// malformed (3.0 binary format); without it, the flags are the 2.0 alignment exponent. With memory64 the offset
    /// is a 64-bit number, valid only up to 2^32 - 1 for an <c>i32</c> memory.
    /// </summary>
    private MemArg ReadMemArg(ref WasmReader reader, int naturalSize)
    {
        var flagsOffset = reader.Offset;
        var flags = reader.ReadU32();
        uint memory = 0;
        if (context.Has(WasmFeatures.MultiMemory))
        {
            if (flags >= 128) throw new MalformedModuleException(flagsOffset, "malformed memop flags");
            if ((flags & 64) != 0)
            {
                memory = reader.ReadU32();
                flags -= 64;
            }
        }
        var offset = context.Has(WasmFeatures.Memory64) ? reader.ReadU64() : reader.ReadU32();
        if (memory >= (uint)context.Memories.Length) throw Invalid($"unknown memory {memory}");
        if (flags >= 32 || (1u << (int)flags) > (uint)naturalSize) throw Invalid("alignment must not be larger than natural");
        var is64 = context.Memories[memory].Is64;
        if (!is64 && offset > uint.MaxValue) throw Invalid("offset out of range");
        return new MemArg((int)memory, offset, is64, (int)flags);
    }

    /// <summary>Reads the memory index of <c>memory.*</c>: a u32 with multi-memory, else the 2.0 zero byte.</summary>
    private int ReadMemoryIndex(ref WasmReader reader)
    {
        if (!context.Has(WasmFeatures.MultiMemory))
        {
            ReadMemoryIndexByte(ref reader);
            return 0;
        }
        var index = reader.ReadU32();
        if (index >= (uint)context.Memories.Length) throw Invalid($"unknown memory {index}");
        return (int)index;
    }

    private ValueType MemoryAddressType(int memory) => context.Memories[memory].Is64 ? ValueType.I64 : ValueType.I32;

    private ValueType TableAddressType(int table) => context.Tables[table].Is64 ? ValueType.I64 : ValueType.I32;

    private void TranslateLoad(ref WasmReader reader, byte opcode)
    {
        var memArg = ReadMemArg(ref reader, LoadSizes[opcode - Opcode.I32Load]);
        var address = Pop(MemoryAddressType(memArg.Memory));
        var dst = Push(LoadResult(opcode));
        if (!Reachable) return;
        if (memArg.IsFastPath)
        {
            Emit((Op)opcode, dst, address, (int)memArg.Offset);
            NoteResultOperand(code.Count - 3);
            return;
        }
        EmitMemoryAccess(opcode, dst, address, memArg);
    }

    private void TranslateStore(ref WasmReader reader, byte opcode)
    {
        var memArg = ReadMemArg(ref reader, StoreSizes[opcode - Opcode.I32Store]);
        var value = Pop(StoreOperand(opcode));
        var address = Pop(MemoryAddressType(memArg.Memory));
        if (!Reachable) return;
        if (memArg.IsFastPath) Emit((Op)opcode, address, value, (int)memArg.Offset);
        else EmitMemoryAccess(opcode, address, value, memArg);
    }

    /// <summary>Layout: wasm opcode (| 0x100 for an i64 address), a, b, memory, offset low, offset high.</summary>
    private void EmitMemoryAccess(byte opcode, int a, int b, MemArg memArg)
    {
        EmitMemoryAccess(opcode | (memArg.Is64 ? MemoryAccess64Flag : 0), a, b, memArg.Memory, memArg.Offset);
    }

    /// <summary>Set in <see cref="Op.MemoryAccess"/>'s first operand when the memory takes 64-bit addresses.</summary>
    internal const int MemoryAccess64Flag = 0x100;

    private void TranslateMemorySize(ref WasmReader reader)
    {
        var memory = ReadMemoryIndex(ref reader);
        var dst = Push(MemoryAddressType(memory));
        if (!Reachable) return;
        if (memory == 0 && !context.Memories[0].Is64) EmitMemorySize(dst);
        else EmitMemorySizeAt(dst, memory);
    }

    private void TranslateMemoryGrow(ref WasmReader reader)
    {
        var memory = ReadMemoryIndex(ref reader);
        var addressType = MemoryAddressType(memory);
        var delta = Pop(addressType);
        var dst = Push(addressType);
        if (!Reachable) return;
        if (memory == 0 && !context.Memories[0].Is64) EmitMemoryGrow(dst, delta);
        else EmitMemoryGrowAt(dst, delta, memory);
    }

    /// <summary>
    /// Pops a table index, length or delta of <paramref name="type"/>; an <c>i64</c> one is narrowed in its own slot
    /// (<see cref="Op.ClampIndex64"/>), so the table instructions read a 32-bit value whatever the table's type.
    /// </summary>
    private int PopTableOperand(ValueType type)
    {
        var slot = Pop(type);
        if (type != ValueType.I64 || !Reachable) return slot;
        var own = CanonicalSlot(height);
        EmitClampIndex64(own, slot);
        return own;
    }

    /// <summary>
    /// <c>call_indirect</c>'s table index. Before reference types it was a reserved zero byte, so without that feature
    /// anything else is malformed ("zero flag expected"), as the proposals' scripts of that era expect.
    /// </summary>
    private uint ReadCallIndirectTable(ref WasmReader reader)
    {
        var offset = reader.Offset;
        var index = reader.ReadU32();
        if (index != 0 && !context.Has(WasmFeatures.ReferenceTypes)) throw new MalformedModuleException(offset, "zero flag expected");
        return index;
    }

    /// <summary>The type of <c>table.copy</c>'s or <c>memory.copy</c>'s length: <c>i64</c> only when both sides are 64-bit.</summary>
    private static ValueType CopyLengthType(ValueType destination, ValueType source) =>
        destination == ValueType.I64 && source == ValueType.I64 ? ValueType.I64 : ValueType.I32;
}
