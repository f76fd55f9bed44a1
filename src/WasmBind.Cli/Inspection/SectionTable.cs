using System.Text;

namespace WasmBind.Cli.Inspection;

/// <summary>One section of a module binary. <see cref="Offset"/> is where its contents start (after id and size).</summary>
internal sealed record SectionInfo(byte Id, long Offset, long Size, string? CustomName)
{
    public string KindName => Id switch
    {
        0 => "custom",
        1 => "type",
        2 => "import",
        3 => "function",
        4 => "table",
        5 => "memory",
        6 => "global",
        7 => "export",
        8 => "start",
        9 => "element",
        10 => "code",
        11 => "data",
        12 => "datacount",
        13 => "tag",
        _ => "unknown",
    };
}

/// <summary>
/// Reads a module's section table straight from its bytes. Deliberately independent of the runtime's decoder:
/// <c>inspect</c> should still show the layout of a module the decoder rejects.
/// </summary>
internal static class SectionTable
{
    private static ReadOnlySpan<byte> Magic => [0x00, 0x61, 0x73, 0x6D];

    /// <exception cref="FormatException">The bytes are not a module binary, or a section overruns the file.</exception>
    public static IReadOnlyList<SectionInfo> Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 8 || !bytes[..4].SequenceEqual(Magic)) throw new FormatException("not a WebAssembly binary (bad magic number)");
        var sections = new List<SectionInfo>();
        var position = 8;
        while (position < bytes.Length)
        {
            var id = bytes[position++];
            var size = ReadU32(bytes, ref position);
            if (size > (ulong)(bytes.Length - position))
                throw new FormatException($"section {id} at offset 0x{position:x} claims {size} bytes; only {bytes.Length - position} remain");
            var contents = bytes.Slice(position, (int)size);
            string? name = null;
            if (id == 0)
            {
                var at = 0;
                var length = ReadU32(contents, ref at);
                if (length > (ulong)(contents.Length - at)) throw new FormatException($"custom section at offset 0x{position:x} has a name longer than itself");
                name = Encoding.UTF8.GetString(contents.Slice(at, (int)length));
            }
            sections.Add(new SectionInfo(id, position, (long)size, name));
            position += (int)size;
        }
        return sections;
    }

    /// <summary>The binary format's version field (1 for core modules).</summary>
    public static uint Version(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 8 ? System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(bytes[4..8]) : 0;

    // Unsigned LEB128 of at most 5 bytes, as the binary format requires for u32.
    private static ulong ReadU32(ReadOnlySpan<byte> bytes, ref int position)
    {
        ulong result = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            if (position >= bytes.Length) throw new FormatException("unexpected end of the binary inside a LEB128 number");
            var b = bytes[position++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result <= uint.MaxValue ? result : throw new FormatException("LEB128 number exceeds 32 bits");
        }
        throw new FormatException("LEB128 number longer than 5 bytes");
    }
}
