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
            case <= Opcode.Nop: // unreachable, nop
            case Opcode.Else:
            case Opcode.End:
            case Opcode.Return:
            case Opcode.Drop:
            case Opcode.Select:
            case >= Opcode.I32Eqz and <= Opcode.I64Extend32S: // numeric, including sign extension
            case Opcode.RefIsNull:
                return 0;
            case Opcode.Block or Opcode.Loop or Opcode.If:
                return (ulong)reader.ReadS33();
            case Opcode.Br or Opcode.BrIf:
            case Opcode.Call:
            case Opcode.ReturnCall:
            case >= Opcode.LocalGet and <= Opcode.TableSet: // local.*, global.*, table.get/set
            case Opcode.RefFunc:
                return reader.ReadU32();
            case Opcode.BrTable:
            {
                var count = reader.ReadCount();
                for (var i = 0; i < count; i++) reader.ReadU32();
                return reader.ReadU32();
            }
            case Opcode.CallIndirect or Opcode.ReturnCallIndirect:
            {
                var type = reader.ReadU32();
                reader.ReadU32();
                return type;
            }
            case Opcode.SelectTyped:
            {
                var count = reader.ReadCount();
                for (var i = 0; i < count; i++) reader.ReadValueType();
                return (ulong)count;
            }
            case >= Opcode.I32Load and <= Opcode.I64Store32: // loads and stores
                return SkipMemArg(ref reader, features);
            case Opcode.MemorySize or Opcode.MemoryGrow:
                return SkipMemoryIndex(ref reader, features);
            case Opcode.I32Const:
                return (ulong)(long)reader.ReadS32();
            case Opcode.I64Const:
                return (ulong)reader.ReadS64();
            case Opcode.F32Const:
                return reader.ReadF32Bits();
            case Opcode.F64Const:
                return reader.ReadF64Bits();
            case Opcode.RefNull:
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
            case <= MiscOpcode.I64TruncSatF64U: // saturating truncations
                return 0;
            case >= MiscOpcode.I64Add128 and <= MiscOpcode.I64MulWideU when (features & WasmFeatures.WideArithmetic) != 0:
                return 0;
            case MiscOpcode.MemoryInit:
            {
                var data = reader.ReadU32();
                SkipMemoryIndex(ref reader, features);
                return data;
            }
            case MiscOpcode.DataDrop or MiscOpcode.ElemDrop or MiscOpcode.TableGrow or MiscOpcode.TableSize or MiscOpcode.TableFill:
                return reader.ReadU32();
            case MiscOpcode.MemoryCopy:
                SkipMemoryIndex(ref reader, features);
                return SkipMemoryIndex(ref reader, features);
            case MiscOpcode.MemoryFill:
                return SkipMemoryIndex(ref reader, features);
            case MiscOpcode.TableInit or MiscOpcode.TableCopy:
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
