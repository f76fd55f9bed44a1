namespace WasmBind.Text;

/// <summary>A growable byte array with the binary format's LEB128 encodings.</summary>
internal sealed class ByteBuffer
{
    private byte[] bytes = new byte[64];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Span => bytes.AsSpan(0, Length);

    public void Byte(byte value)
    {
        if (Length == bytes.Length) Array.Resize(ref bytes, bytes.Length * 2);
        bytes[Length++] = value;
    }

    public void Bytes(ReadOnlySpan<byte> values)
    {
        if (Length + values.Length > bytes.Length) Array.Resize(ref bytes, Math.Max(bytes.Length * 2, Length + values.Length));
        values.CopyTo(bytes.AsSpan(Length));
        Length += values.Length;
    }

    public void U32(uint value)
    {
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            Byte(value != 0 ? (byte)(b | 0x80) : b);
        }
        while (value != 0);
    }

    public void U64(ulong value)
    {
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            Byte(value != 0 ? (byte)(b | 0x80) : b);
        }
        while (value != 0);
    }

    public void S64(long value)
    {
        while (true)
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            var done = (value == 0 && (b & 0x40) == 0) || (value == -1 && (b & 0x40) != 0);
            Byte(done ? b : (byte)(b | 0x80));
            if (done) return;
        }
    }

    public void S32(int value) => S64(value);

    public void U32Fixed(uint value)
    {
        for (var i = 0; i < 4; i++) Byte((byte)(value >> (8 * i)));
    }

    public void U64Fixed(ulong value)
    {
        for (var i = 0; i < 8; i++) Byte((byte)(value >> (8 * i)));
    }

    /// <summary>A length-prefixed byte vector (names, strings).</summary>
    public void Vector(ReadOnlySpan<byte> values)
    {
        U32((uint)values.Length);
        Bytes(values);
    }

    /// <summary>A section (or name subsection): its id, size and contents.</summary>
    public void Section(byte id, ByteBuffer contents)
    {
        Byte(id);
        U32((uint)contents.Length);
        Bytes(contents.Span);
    }

    /// <summary>Drops everything after the first <paramref name="length"/> bytes.</summary>
    public void Truncate(int length) => Length = length;

    public byte[] ToArray() => Span.ToArray();
}
