using System.Buffers.Binary;

namespace WasmBind.Binary;

/// <summary>
/// Decodes the WebAssembly 2.0 binary format into a <see cref="ModuleDefinition"/>: the section structure and
/// everything outside function bodies. Bodies are only delimited (their locals read, their final <c>end</c>
/// checked); the validator decodes their instructions.
/// </summary>
/// <remarks>
/// Only <see cref="MalformedModuleException"/> escapes, whatever the input: every length is checked against
/// the bytes that remain before anything is allocated from it.
/// </remarks>
internal static partial class ModuleDecoder
{
    /// <summary>
    /// The most locals (beyond parameters) one function may declare. The format allows up to 2^32-1, but
    /// engines cap it (V8 and others use 50000) so a tiny module cannot demand gigabytes of frame.
    /// </summary>
    public const uint MaxLocals = 50000;

    private const uint Version = 1;

    /// <param name="bytes">The module binary.</param>
    /// <param name="features">
    /// The proposals that change decoding rules (default: the Wasm 2.0 decoder). Threads: memory limits flag 0x02
    /// (shared without a maximum) decodes, for validation to reject ("shared memory must have maximum"); without
    /// threads, any shared flag is malformed ("integer too large"), as the Wasm 2.0 suite expects. Memory64: limits
    /// flag 0x04 (an <c>i64</c> memory or table) and 64-bit limits decode. Multi-memory and memory64 change the memarg
    /// of function bodies, which the translator reads.
    /// </param>
    public static ModuleDefinition Decode(ReadOnlyMemory<byte> bytes, WasmFeatures features = WasmFeatures.Wasm2Scalar)
    {
        var limits = new LimitsRules((features & WasmFeatures.Threads) != 0, (features & WasmFeatures.Memory64) != 0);
        var module = new ModuleDefinition { Bytes = bytes };
        var reader = new WasmReader(bytes.Span);
        ReadHeader(ref reader);

        var customSections = new List<CustomSection>();
        var sawNameSection = false;
        var lastOrder = 0;
        long codeSectionOffset = -1;
        while (!reader.IsAtEnd)
        {
            var sectionOffset = reader.Offset;
            var id = reader.ReadByte();
            if (id > 12) WasmReader.ThrowAt(sectionOffset, "malformed section id");
            var size = reader.ReadLength();
            var section = reader.ReadSubReader(size);

            if (id == 0)
            {
                var custom = ReadCustomSection(ref section, bytes, sectionOffset);
                customSections.Add(custom);
                if (custom.Name == "name" && !sawNameSection)
                {
                    sawNameSection = true;
                    var contentOffset = section.Offset - custom.Content.Length;
                    module.Names = NameSectionDecoder.TryDecode(custom.Content.Span, contentOffset) ?? new NameSection();
                }
                continue;
            }

            // A section out of order (or repeated) is where the reference decoder stops matching sections,
            // so it reports the leftover bytes rather than the order.
            var order = SectionOrder(id);
            if (order <= lastOrder) WasmReader.ThrowAt(sectionOffset, "unexpected content after last section");
            lastOrder = order;

            switch (id)
            {
                case 1: module.Types = ReadTypeSection(ref section); break;
                case 2: ReadImportSection(ref section, module, limits); break;
                case 3: module.FunctionTypeIndices = ReadIndexVector(ref section); break;
                case 4: module.Tables = ReadTableSection(ref section, limits); break;
                case 5: module.Memories = ReadMemorySection(ref section, limits); break;
                case 6: module.Globals = ReadGlobalSection(ref section); break;
                case 7: module.Exports = ReadExportSection(ref section); break;
                case 8: module.StartFunction = section.ReadU32(); break;
                case 9: module.Elements = ReadElementSection(ref section); break;
                case 10:
                    codeSectionOffset = sectionOffset;
                    module.Bodies = ReadCodeSection(ref section);
                    break;
                case 11: module.Datas = ReadDataSection(ref section, bytes); break;
                case 12: module.DataCount = section.ReadU32(); break;
            }

            if (!section.IsAtEnd) WasmReader.ThrowAt(section.Offset, "section size mismatch");
        }

        if (module.FunctionTypeIndices.Length != module.Bodies.Length)
        {
            WasmReader.ThrowAt(codeSectionOffset >= 0 ? codeSectionOffset : bytes.Length,
                "function and code section have inconsistent lengths");
        }
        if (module.DataCount is { } dataCount && dataCount != (uint)module.Datas.Length)
            WasmReader.ThrowAt(bytes.Length, "data count and data section have inconsistent lengths");

        module.CustomSections = [.. customSections];
        return module;
    }

    private static void ReadHeader(ref WasmReader reader)
    {
        ReadOnlySpan<byte> magic = [0x00, 0x61, 0x73, 0x6D];
        if (reader.Remaining < 4) WasmReader.ThrowAt(reader.Length, "unexpected end");
        if (!reader.ReadBytes(4).SequenceEqual(magic)) WasmReader.ThrowAt(0, "magic header not detected");
        if (reader.Remaining < 4) WasmReader.ThrowAt(reader.Length, "unexpected end");
        if (BinaryPrimitives.ReadUInt32LittleEndian(reader.ReadBytes(4)) != Version) WasmReader.ThrowAt(4, "unknown binary version");
    }

    // Position of each section id in the required order; the data count section (12) precedes code (10).
    private static int SectionOrder(byte id) => id switch
    {
        <= 9 => id,
        12 => 10,
        _ => id + 1,
    };

    private static CustomSection ReadCustomSection(ref WasmReader section, ReadOnlyMemory<byte> bytes, long sectionOffset)
    {
        var name = section.ReadName();
        var contentStart = (int)section.Offset;
        var contentLength = section.Remaining;
        section.Skip(contentLength);
        return new CustomSection(name, bytes.Slice(contentStart, contentLength), sectionOffset);
    }
}
