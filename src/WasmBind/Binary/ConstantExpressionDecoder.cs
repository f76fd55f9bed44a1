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
                case Opcode.End when depth == 0:
                    return new ConstantExpression([.. instructions], start);
                case Opcode.End:
                    depth--;
                    instructions.Add(new ConstantInstruction(opcode, 0, offset));
                    break;
                case Opcode.I32Const:
                    instructions.Add(new ConstantInstruction(opcode, (ulong)(long)reader.ReadS32(), offset));
                    break;
                case Opcode.I64Const:
                    instructions.Add(new ConstantInstruction(opcode, (ulong)reader.ReadS64(), offset));
                    break;
                case Opcode.F32Const:
                    instructions.Add(new ConstantInstruction(opcode, reader.ReadF32Bits(), offset));
                    break;
                case Opcode.F64Const:
                    instructions.Add(new ConstantInstruction(opcode, reader.ReadF64Bits(), offset));
                    break;
                case Opcode.GlobalGet or Opcode.RefFunc:
                    instructions.Add(new ConstantInstruction(opcode, reader.ReadU32(), offset));
                    break;
                case Opcode.RefNull:
                    instructions.Add(new ConstantInstruction(opcode, (byte)reader.ReadReferenceType(), offset));
                    break;
                case Opcode.MiscPrefix or Opcode.SimdPrefix:
                    instructions.Add(ReadPrefixed(ref reader, opcode, offset));
                    break;
                default:
                    if (opcode is Opcode.Block or Opcode.Loop or Opcode.If) depth++;
                    instructions.Add(new ConstantInstruction(opcode, InstructionImmediates.Skip(ref reader, opcode), offset));
                    break;
            }
        }
    }

    private static ConstantInstruction ReadPrefixed(ref WasmReader reader, byte prefix, long offset)
    {
        var sub = reader.ReadU32();
        if (prefix == Opcode.SimdPrefix && sub == (uint)SimdOpcode.V128Const)
        {
            // The 16 bytes are a little-endian i128; the 64-bit raw reads split it into halves.
            var low = reader.ReadF64Bits();
            var high = reader.ReadF64Bits();
            return new ConstantInstruction(prefix, low, offset) { SubOpcode = sub, ImmediateHigh = high };
        }
        var immediate = prefix == Opcode.MiscPrefix
            ? InstructionImmediates.SkipMisc(ref reader, sub, offset)
            : InstructionImmediates.SkipVector(ref reader, sub, offset);
        return new ConstantInstruction(prefix, immediate, offset) { SubOpcode = sub };
    }
}
