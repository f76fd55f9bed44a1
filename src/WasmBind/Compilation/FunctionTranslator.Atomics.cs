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

        var offset = ReadAtomicMemArg(ref reader, AtomicOpcodes.Size(sub));
        var value = AtomicOpcodes.Is64(sub) ? ValueType.I64 : ValueType.I32;
        int a = 0, b = 0, dst = 0;
        int address;
        switch (kind)
        {
            case AtomicKind.Notify:
                a = Pop(ValueType.I32);
                address = Pop(ValueType.I32);
                dst = Push(ValueType.I32);
                break;
            case AtomicKind.Wait32 or AtomicKind.Wait64:
                b = Pop(ValueType.I64);
                a = Pop(value);
                address = Pop(ValueType.I32);
                dst = Push(ValueType.I32);
                break;
            case AtomicKind.Load:
                address = Pop(ValueType.I32);
                dst = Push(value);
                break;
            case AtomicKind.Store:
                a = Pop(value);
                address = Pop(ValueType.I32);
                break;
            case AtomicKind.CompareExchange:
                b = Pop(value);
                a = Pop(value);
                address = Pop(ValueType.I32);
                dst = Push(value);
                break;
            default:
                a = Pop(value);
                address = Pop(ValueType.I32);
                dst = Push(value);
                break;
        }
        if (!Reachable) return;
        EmitAtomic((int)sub, dst, address, offset, a, b);
    }

    /// <summary>Reads a memarg whose alignment must be exactly the access size, as every atomic access requires.</summary>
    private int ReadAtomicMemArg(ref WasmReader reader, int size)
    {
        var align = reader.ReadU32();
        var offset = reader.ReadU32();
        if (context.Memories.Length == 0) throw Invalid("unknown memory 0");
        // Atomics take i32 addresses on memory 0 only; memory64's atomics are not implemented.
        if (context.Memories[0].Is64) throw Invalid("atomic access to a 64-bit memory is not supported");
        if (align >= 32 || (1u << (int)align) > (uint)size) throw Invalid("alignment must not be larger than natural");
        if ((1u << (int)align) != (uint)size) throw Invalid("alignment must be exactly natural for an atomic access");
        return (int)offset;
    }
}
