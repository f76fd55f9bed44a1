using WasmBind.Binary;
using WasmBind.Instructions;

namespace WasmBind.Compilation;

/// <summary>The 0xFE-prefixed atomic instructions of the threads proposal.</summary>
internal sealed partial class FunctionTranslator
{
    private void TranslateAtomic(ref WasmReader reader)
    {
        var sub = reader.ReadU32();
        if (!AtomicOpcodes.IsDefined(sub)) throw new MalformedModuleException(instructionOffset, $"illegal opcode 0xfe {sub}");
        RequireFeature(WasmFeatures.Threads);
        var kind = AtomicOpcodes.Kind(sub);
        if (kind == AtomicKind.Fence)
        {
            reader.ReadZeroByte();
            if (Reachable) EmitAtomicFence();
            return;
        }

        var memArg = ReadAtomicMemArg(ref reader, AtomicOpcodes.Size(sub));
        var addressType = MemoryAddressType(memArg.Memory);
        var value = AtomicOpcodes.Is64(sub) ? ValueType.I64 : ValueType.I32;
        int a = 0, b = 0, dst = 0;
        int address;
        switch (kind)
        {
            case AtomicKind.Notify:
                a = Pop(ValueType.I32);
                address = Pop(addressType);
                dst = Push(ValueType.I32);
                break;
            case AtomicKind.Wait32 or AtomicKind.Wait64:
                b = Pop(ValueType.I64);
                a = Pop(value);
                address = Pop(addressType);
                dst = Push(ValueType.I32);
                break;
            case AtomicKind.Load:
                address = Pop(addressType);
                dst = Push(value);
                break;
            case AtomicKind.Store:
                a = Pop(value);
                address = Pop(addressType);
                break;
            case AtomicKind.CompareExchange:
                b = Pop(value);
                a = Pop(value);
                address = Pop(addressType);
                dst = Push(value);
                break;
            default:
                a = Pop(value);
                address = Pop(addressType);
                dst = Push(value);
                break;
        }
        if (!Reachable) return;
        if (memArg.IsFastPath) EmitAtomic((int)sub, dst, address, (int)memArg.Offset, a, b);
        else EmitAtomicAt((int)sub | (memArg.Is64 ? AtomicAt64Flag : 0), dst, address, a, b, memArg.Memory, memArg.Offset);
    }

    /// <summary>Set in <see cref="Op.AtomicAt"/>'s first operand when the memory takes 64-bit addresses.</summary>
    internal const int AtomicAt64Flag = 0x1000;

    /// <summary>
    /// Reads an atomic access's memarg (memory index and 64-bit offset as for any access, see <see cref="ReadMemArg"/>);
    /// its alignment must be exactly the access size, as every atomic access requires.
    /// </summary>
    private MemArg ReadAtomicMemArg(ref WasmReader reader, int size)
    {
        var memArg = ReadMemArg(ref reader, size);
        if (memArg.AlignmentLog2 != System.Numerics.BitOperations.Log2((uint)size)) throw Invalid("alignment must be exactly natural for an atomic access");
        return memArg;
    }
}
