namespace WasmBind.Binary;

// The code section: each body is delimited and its locals read; instructions are left to the validator.
internal static partial class ModuleDecoder
{
    private static FunctionBody[] ReadCodeSection(ref WasmReader reader)
    {
        var bodies = new FunctionBody[reader.ReadCount()];
        for (var i = 0; i < bodies.Length; i++)
        {
            var size = reader.ReadLength();
            var body = reader.ReadSubReader(size);
            bodies[i] = ReadFunctionBody(ref body);
        }
        return bodies;
    }

    private static FunctionBody ReadFunctionBody(ref WasmReader body)
    {
        var locals = new LocalDeclaration[body.ReadCount()];
        ulong total = 0;
        for (var i = 0; i < locals.Length; i++)
        {
            var offset = body.Offset;
            var count = body.ReadU32();
            total += count;
            if (total > MaxLocals) WasmReader.ThrowAt(offset, "too many locals");
            locals[i] = new LocalDeclaration(count, body.ReadValueType());
        }

        var codeOffset = (int)body.Offset;
        var codeLength = body.Remaining;
        // Checking the final byte here catches a missing `end` early; an `end` that is really some
        // instruction's immediate is still left for the validator to find.
        if (codeLength == 0) body.Throw("unexpected end of section or function");
        if (body.RemainingSpan[^1] != Opcode.End) WasmReader.ThrowAt(codeOffset + codeLength - 1, "END opcode expected");
        body.Skip(codeLength);
        return new FunctionBody(locals, (uint)total, codeOffset, codeLength);
    }
}
