namespace WasmBind.Binary;

/// <summary>
/// Checks only the syntax of function bodies: opcodes, immediates, and that block nesting closes exactly at the
/// end of the body. The spec decodes a whole module before validating it, so a malformed body anywhere must win
/// over an invalid body earlier on; the one-pass translator uses this to decide which error to report.
/// </summary>
internal static class BodySyntaxChecker
{
    public static void Check(ModuleDefinition module, FunctionBody body, WasmFeatures features = WasmFeatures.Wasm2Scalar)
    {
        var reader = new WasmReader(module.Bytes.Span.Slice(body.CodeOffset, body.CodeLength), body.CodeOffset);
        var depth = 1;
        while (depth > 0)
        {
            if (reader.IsAtEnd) reader.Throw("unexpected end of section or function");
            var opcodeOffset = reader.Offset;
            var opcode = reader.ReadByte();
            switch (opcode)
            {
                case 0x02 or 0x03 or 0x04:
                    depth++;
                    InstructionImmediates.Skip(ref reader, opcode, features);
                    break;
                case 0x0B:
                    depth--;
                    break;
                case 0xFC:
                    InstructionImmediates.SkipMisc(ref reader, reader.ReadU32(), opcodeOffset, features);
                    break;
                case 0xFE:
                    AtomicOpcodes.SkipImmediates(ref reader, reader.ReadU32(), opcodeOffset, features);
                    break;
                case 0xFD:
                    InstructionImmediates.SkipVector(ref reader, reader.ReadU32(), opcodeOffset, features);
                    break;
                default:
                    InstructionImmediates.Skip(ref reader, opcode, features);
                    break;
            }
        }
        if (!reader.IsAtEnd) reader.Throw("section size mismatch");
    }
}
