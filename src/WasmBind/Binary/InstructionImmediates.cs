namespace WasmBind.Binary;

/// <summary>
/// Knows the immediate operands of every WebAssembly 2.0 instruction and of the tail calls, so a decoder can step over an
/// instruction it does not otherwise care about (a non-constant instruction in a constant expression)
/// and still find the expression's end. Unknown opcodes are malformed ("illegal opcode").
/// </summary>
internal static class InstructionImmediates
{
    /// <summary>
    /// Skips the immediates of a one-byte-opcode instruction whose opcode byte was just read.
    /// Returns the first index-like immediate (or 0) for diagnostics.
    /// </summary>
    public static ulong Skip(ref WasmReader reader, byte opcode, WasmFeatures features = WasmFeatures.Wasm2Scalar)
    {
        switch (opcode)
        {
            case <= 0x01: // unreachable, nop
            case 0x05: // else
            case 0x0B: // end
            case 0x0F: // return
            case 0x1A: // drop
            case 0x1B: // select
            case >= 0x45 and <= 0xC4: // numeric, including sign extension
            case 0xD1: // ref.is_null
                return 0;
            case 0x02 or 0x03 or 0x04: // block, loop, if
                return (ulong)reader.ReadS33();
            case 0x0C or 0x0D: // br, br_if
            case 0x10: // call
            case 0x12: // return_call
            case >= 0x20 and <= 0x26: // local.*, global.*, table.get/set
            case 0xD2: // ref.func
                return reader.ReadU32();
            case 0x0E: // br_table
            {
                var count = reader.ReadCount();
                for (var i = 0; i < count; i++) reader.ReadU32();
                return reader.ReadU32();
            }
            case 0x11 or 0x13: // call_indirect, return_call_indirect
            {
                var type = reader.ReadU32();
                reader.ReadU32();
                return type;
            }
            case 0x1C: // select t*
            {
                var count = reader.ReadCount();
                for (var i = 0; i < count; i++) reader.ReadValueType();
                return (ulong)count;
            }
            case >= 0x28 and <= 0x3E: // loads and stores
                return SkipMemArg(ref reader, features);
            case 0x3F or 0x40: // memory.size, memory.grow
                return SkipMemoryIndex(ref reader, features);
            case 0x41:
                return (ulong)(long)reader.ReadS32();
            case 0x42:
                return (ulong)reader.ReadS64();
            case 0x43:
                return reader.ReadF32Bits();
            case 0x44:
                return reader.ReadF64Bits();
            case 0xD0: // ref.null
                return (byte)reader.ReadReferenceType();
            default:
                reader.Throw("illegal opcode");
                return 0;
        }
    }

    /// <summary>Skips the immediates of a 0xFC-prefixed instruction whose sub-opcode was just read.</summary>
    public static ulong SkipMisc(ref WasmReader reader, uint subOpcode, long opcodeOffset, WasmFeatures features = WasmFeatures.Wasm2Scalar)
    {
        switch (subOpcode)
        {
            case <= 7: // saturating truncations
                return 0;
            case >= 19 and <= 22 when (features & WasmFeatures.WideArithmetic) != 0:
                return 0;
            case 8: // memory.init
            {
                var data = reader.ReadU32();
                SkipMemoryIndex(ref reader, features);
                return data;
            }
            case 9 or 13 or 15 or 16 or 17: // data.drop, elem.drop, table.grow, table.size, table.fill
                return reader.ReadU32();
            case 10: // memory.copy
                SkipMemoryIndex(ref reader, features);
                return SkipMemoryIndex(ref reader, features);
            case 11: // memory.fill
                return SkipMemoryIndex(ref reader, features);
            case 12 or 14: // table.init, table.copy
            {
                var first = reader.ReadU32();
                reader.ReadU32();
                return first;
            }
            default:
                WasmReader.ThrowAt(opcodeOffset, "illegal opcode");
                return 0;
        }
    }

    /// <summary>
    /// Skips the immediates of a 0xFD-prefixed (vector) instruction whose sub-opcode was just read. Its memargs are
    /// read like the scalar ones under <paramref name="features"/> (memory index flag, 64-bit offset).
    /// </summary>
    public static ulong SkipVector(ref WasmReader reader, uint subOpcode, long opcodeOffset, WasmFeatures features = WasmFeatures.Wasm2Scalar)
    {
        if (!SimdInstructions.TryGet(subOpcode, out var row)) WasmReader.ThrowAt(opcodeOffset, "illegal opcode");
        switch (row.Shape)
        {
            case SimdShape.Load or SimdShape.Store:
                return SkipMemArg(ref reader, features);
            case SimdShape.Const or SimdShape.Shuffle:
                reader.Skip(16);
                return 0;
            case SimdShape.ExtractLane or SimdShape.ReplaceLane:
                return reader.ReadByte();
            case SimdShape.LoadLane or SimdShape.StoreLane:
            {
                var offset = SkipMemArg(ref reader, features);
                reader.ReadByte();
                return offset;
            }
            default:
                return 0;
        }
    }

    /// <summary>A memarg: 3.0's flags (bit 6: a memory index follows) with multi-memory, a 64-bit offset with memory64.</summary>
    internal static ulong SkipMemArg(ref WasmReader reader, WasmFeatures features = WasmFeatures.Wasm2Scalar)
    {
        var flagsOffset = reader.Offset;
        var flags = reader.ReadU32();
        if ((features & WasmFeatures.MultiMemory) != 0)
        {
            if (flags >= 128) WasmReader.ThrowAt(flagsOffset, "malformed memop flags");
            if ((flags & 64) != 0) reader.ReadU32();
        }
        return (features & WasmFeatures.Memory64) != 0 ? reader.ReadU64() : reader.ReadU32();
    }

    /// <summary>The memory index of <c>memory.*</c>: a u32 with multi-memory, else 2.0's zero byte.</summary>
    private static ulong SkipMemoryIndex(ref WasmReader reader, WasmFeatures features)
    {
        if ((features & WasmFeatures.MultiMemory) != 0) return reader.ReadU32();
        reader.ReadZeroByte();
        return 0;
    }
}
