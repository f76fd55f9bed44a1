namespace WasmBind.Binary;

// The element and data sections: segments and their eight (element) or three (data) encodings.
internal static partial class ModuleDecoder
{
    private static ElementSegment[] ReadElementSection(ref WasmReader reader)
    {
        var segments = new ElementSegment[reader.ReadCount()];
        for (var i = 0; i < segments.Length; i++) segments[i] = ReadElementSegment(ref reader);
        return segments;
    }

    // Flag bits: 1 = passive or declarative (else active), 2 = declarative (or, when active, an explicit
    // table index and element type), 4 = items are expressions (else function indices).
    private static ElementSegment ReadElementSegment(ref WasmReader reader)
    {
        var offset = reader.Offset;
        var flags = reader.ReadU32();
        if (flags > 7) WasmReader.ThrowAt(offset, "malformed elements segment kind");

        var active = (flags & 1) == 0;
        var explicitType = !active || (flags & 2) != 0;
        var expressions = (flags & 4) != 0;
        var mode = active ? SegmentMode.Active : (flags & 2) == 0 ? SegmentMode.Passive : SegmentMode.Declarative;

        uint tableIndex = 0;
        ConstantExpression? offsetExpression = null;
        if (active)
        {
            if ((flags & 2) != 0) tableIndex = reader.ReadU32();
            offsetExpression = ConstantExpressionDecoder.Read(ref reader);
        }

        var elementType = ValueType.FuncRef;
        if (explicitType) elementType = expressions ? reader.ReadReferenceType() : ReadElementKind(ref reader);

        var items = new ConstantExpression[reader.ReadCount()];
        for (var i = 0; i < items.Length; i++)
        {
            if (expressions)
            {
                items[i] = ConstantExpressionDecoder.Read(ref reader);
            }
            else
            {
                var itemOffset = reader.Offset;
                var refFunc = new ConstantInstruction(Opcode.RefFunc, reader.ReadU32(), itemOffset);
                items[i] = new ConstantExpression([refFunc], itemOffset);
            }
        }
        return new ElementSegment(mode, tableIndex, offsetExpression, elementType, items, offset);
    }

    private static ValueType ReadElementKind(ref WasmReader reader)
    {
        if (reader.ReadByte() != 0x00) WasmReader.ThrowAt(reader.Offset - 1, "malformed element kind");
        return ValueType.FuncRef;
    }

    private static DataSegment[] ReadDataSection(ref WasmReader reader, ReadOnlyMemory<byte> bytes)
    {
        var segments = new DataSegment[reader.ReadCount()];
        for (var i = 0; i < segments.Length; i++)
        {
            var offset = reader.Offset;
            var flags = reader.ReadU32();
            if (flags > 2) WasmReader.ThrowAt(offset, "malformed data segment kind");

            var memoryIndex = flags == 2 ? reader.ReadU32() : 0;
            var offsetExpression = flags == 1 ? null : ConstantExpressionDecoder.Read(ref reader);
            var length = reader.ReadLength();
            var dataStart = (int)reader.Offset;
            reader.Skip(length);

            var mode = flags == 1 ? SegmentMode.Passive : SegmentMode.Active;
            segments[i] = new DataSegment(mode, memoryIndex, offsetExpression, bytes.Slice(dataStart, length), offset);
        }
        return segments;
    }
}
