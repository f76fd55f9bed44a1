namespace WasmBind.Tests.Binary;

/// <summary>Builds small module binaries by hand for focused decoder tests.</summary>
internal static class BinaryBuilder
{
    public static byte[] Module(params byte[][] sections) =>
        [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, .. sections.SelectMany(s => s)];

    /// <summary>A section with its id and a (one-byte or longer) LEB128 size computed from the content.</summary>
    public static byte[] Section(byte id, params byte[] content) => [id, .. U32(checked((uint)content.Length)), .. content];

    public static byte[] Custom(string name, params byte[] content) => Section(0, [.. Name(name), .. content]);

    public static byte[] Name(string name)
    {
        var utf8 = System.Text.Encoding.UTF8.GetBytes(name);
        return [.. U32((uint)utf8.Length), .. utf8];
    }

    public static byte[] U32(uint value)
    {
        var bytes = new List<byte>();
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value != 0 ? (byte)(b | 0x80) : b);
        }
        while (value != 0);
        return [.. bytes];
    }
}
