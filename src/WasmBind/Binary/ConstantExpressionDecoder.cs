namespace WasmBind.Binary;

/// <summary>
/// Decodes a constant expression (up to and including its final <c>end</c>). Instructions that are not
/// constant are still decoded and recorded, because "constant expression required" is a validation error,
/// not a decoding one.
/// </summary>
internal static class ConstantExpressionDecoder
{
    public static ConstantExpression Read(ref WasmReader reader)
    {
        var start = reader.Offset;
        var instructions = new List<ConstantInstruction>(2);
        // Blocks are not constant, but their nested `end`s must not be taken for the expression's own.
        var depth = 0;
        while (true)
        {
            var offset = reader.Offset;
            var opcode = reader.ReadByte();
            switch (opcode)
            {
                case 0x0B when depth == 0:
                    return new ConstantExpression([.. instructions], start);
                case 0x0B:
                    depth--;
                    instructions.Add(new ConstantInstruction(opcode, 0, offset));
                    break;
                case 0x41:
                    instructions.Add(new ConstantInstruction(opcode, (ulong)(long)reader.ReadS32(), offset));
                    break;
                case 0x42:
                    instructions.Add(new ConstantInstruction(opcode, (ulong)reader.ReadS64(), offset));
                    break;
                case 0x43:
                    instructions.Add(new ConstantInstruction(opcode, reader.ReadF32Bits(), offset));
                    break;
                case 0x44:
                    instructions.Add(new ConstantInstruction(opcode, reader.ReadF64Bits(), offset));
                    break;
                case 0x23 or 0xD2: // global.get, ref.func
                    instructions.Add(new ConstantInstruction(opcode, reader.ReadU32(), offset));
                    break;
                case 0xD0: // ref.null
                    instructions.Add(new ConstantInstruction(opcode, (byte)reader.ReadReferenceType(), offset));
                    break;
                case 0xFC or 0xFD:
                    instructions.Add(ReadPrefixed(ref reader, opcode, offset));
                    break;
                default:
                    if (opcode is 0x02 or 0x03 or 0x04) depth++;
                    instructions.Add(new ConstantInstruction(opcode, InstructionImmediates.Skip(ref reader, opcode), offset));
                    break;
            }
        }
    }

    private static ConstantInstruction ReadPrefixed(ref WasmReader reader, byte prefix, long offset)
    {
        var sub = reader.ReadU32();
        if (prefix == 0xFD && sub == 12)
        {
            // The 16 bytes are a little-endian i128; the 64-bit raw reads split it into halves.
            var low = reader.ReadF64Bits();
            var high = reader.ReadF64Bits();
            return new ConstantInstruction(prefix, low, offset) { SubOpcode = sub, ImmediateHigh = high };
        }
        var immediate = prefix == 0xFC
            ? InstructionImmediates.SkipMisc(ref reader, sub, offset)
            : InstructionImmediates.SkipVector(ref reader, sub, offset);
        return new ConstantInstruction(prefix, immediate, offset) { SubOpcode = sub };
    }
}
