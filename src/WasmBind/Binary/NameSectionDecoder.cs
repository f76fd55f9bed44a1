namespace WasmBind.Binary;

/// <summary>
/// Decodes the <c>name</c> custom section (appendix "Name Section"): module, function and local names.
/// </summary>
/// <remarks>
/// The spec says an implementation must not fail a module because of a bad custom section, so any
/// malformation discards the whole name section (rather than keeping a possibly misaligned part of it).
/// </remarks>
internal static class NameSectionDecoder
{
    private const byte ModuleNameId = 0;
    private const byte FunctionNamesId = 1;
    private const byte LocalNamesId = 2;

    /// <returns>The names, or null if the section is malformed.</returns>
    public static NameSection? TryDecode(ReadOnlySpan<byte> content, long contentOffset)
    {
        try
        {
            return Decode(new WasmReader(content, contentOffset));
        }
        catch (MalformedModuleException)
        {
            return null;
        }
    }

    private static NameSection? Decode(WasmReader reader)
    {
        var names = new NameSection();
        var lastId = -1;
        while (!reader.IsAtEnd)
        {
            var id = reader.ReadByte();
            var subsection = reader.ReadSubReader(reader.ReadLength());
            // Subsections must be unique and in increasing id order.
            if (id <= lastId) return null;
            lastId = id;

            switch (id)
            {
                case ModuleNameId:
                    names.ModuleName = subsection.ReadName();
                    break;
                case FunctionNamesId:
                    ReadNameMap(ref subsection, names.FunctionNames);
                    break;
                case LocalNamesId:
                    var count = subsection.ReadCount();
                    for (var i = 0; i < count; i++)
                    {
                        var function = subsection.ReadU32();
                        var locals = new Dictionary<uint, string>();
                        ReadNameMap(ref subsection, locals);
                        names.LocalNames[function] = locals;
                    }
                    break;
                default:
                    // Later proposals define more subsections (labels, types, ...); skip them.
                    subsection.Skip(subsection.Remaining);
                    break;
            }
            if (!subsection.IsAtEnd) return null;
        }
        return names;
    }

    private static void ReadNameMap(ref WasmReader reader, Dictionary<uint, string> map)
    {
        var count = reader.ReadCount();
        for (var i = 0; i < count; i++)
        {
            var index = reader.ReadU32();
            map[index] = reader.ReadName();
        }
    }
}
