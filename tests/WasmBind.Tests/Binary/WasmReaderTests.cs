using WasmBind.Binary;
using Xunit;

namespace WasmBind.Tests.Binary;

public sealed class WasmReaderTests
{
    [Theory]
    [InlineData(new byte[] { 0x00 }, 0u)]
    [InlineData(new byte[] { 0x7F }, 127u)]
    [InlineData(new byte[] { 0x80, 0x01 }, 128u)]
    [InlineData(new byte[] { 0x82, 0x80, 0x80, 0x80, 0x00 }, 2u)] // non-minimal but within 5 bytes
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x0F }, uint.MaxValue)]
    public void ReadU32_DecodesValidEncodings(byte[] bytes, uint expected)
    {
        var reader = new WasmReader(bytes);
        Assert.Equal(expected, reader.ReadU32());
        Assert.True(reader.IsAtEnd);
    }

    [Theory]
    [InlineData(new byte[] { 0x82, 0x80, 0x80, 0x80, 0x80, 0x00 }, "integer representation too long")]
    [InlineData(new byte[] { 0x82, 0x80, 0x80, 0x80, 0x10 }, "integer too large")]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x1F }, "integer too large")]
    [InlineData(new byte[] { 0x80, 0x80 }, "unexpected end of section or function")]
    public void ReadU32_RejectsMalformedEncodings(byte[] bytes, string reason)
    {
        var e = Assert.Throws<MalformedModuleException>(() => new WasmReader(bytes, 100).ReadU32());
        Assert.Equal(reason, e.Reason);
        Assert.InRange(e.Offset, 100, 100 + bytes.Length);
    }

    [Theory]
    [InlineData(new byte[] { 0x7F }, -1)]
    [InlineData(new byte[] { 0x3F }, 63)]
    [InlineData(new byte[] { 0x40 }, -64)]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x7F }, -1)]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x78 }, int.MinValue)]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x07 }, int.MaxValue)]
    public void ReadS32_DecodesValidEncodings(byte[] bytes, int expected)
    {
        var reader = new WasmReader(bytes);
        Assert.Equal(expected, reader.ReadS32());
        Assert.True(reader.IsAtEnd);
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x70 }, "integer too large")] // 0 with unused bits set
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x0F }, "integer too large")] // -1 with unused bits unset
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80, 0x00 }, "integer representation too long")]
    public void ReadS32_RejectsMalformedEncodings(byte[] bytes, string reason)
    {
        var e = Assert.Throws<MalformedModuleException>(() => new WasmReader(bytes).ReadS32());
        Assert.Equal(reason, e.Reason);
    }

    [Theory]
    [InlineData(new byte[] { 0x40 }, -64L)] // the empty block type
    [InlineData(new byte[] { 0x7F }, -1L)] // i32 as a block type
    [InlineData(new byte[] { 0x05 }, 5L)] // a type index
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x0F }, 0xFFFF_FFFFL)] // largest type index
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x70 }, -(1L << 32))] // most negative s33
    public void ReadS33_DecodesValidEncodings(byte[] bytes, long expected)
    {
        var reader = new WasmReader(bytes);
        Assert.Equal(expected, reader.ReadS33());
        Assert.True(reader.IsAtEnd);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x2F })] // bit 33 differs from the sign bit
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x50 })]
    public void ReadS33_RejectsUnusedBitsThatAreNotSignExtension(byte[] bytes)
    {
        var e = Assert.Throws<MalformedModuleException>(() => new WasmReader(bytes).ReadS33());
        Assert.Equal("integer too large", e.Reason);
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00 }, 0L)]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F }, -1L)]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F }, long.MinValue)]
    public void ReadS64_DecodesTenByteEncodings(byte[] bytes, long expected) =>
        Assert.Equal(expected, new WasmReader(bytes).ReadS64());

    [Theory]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x02 }, "integer too large")]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x41 }, "integer too large")]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00 }, "integer representation too long")]
    public void ReadS64_RejectsMalformedEncodings(byte[] bytes, string reason)
    {
        var e = Assert.Throws<MalformedModuleException>(() => new WasmReader(bytes).ReadS64());
        Assert.Equal(reason, e.Reason);
    }

    [Fact]
    public void ReadU64_AcceptsMaxAndRejectsOverflow()
    {
        byte[] max = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01];
        Assert.Equal(ulong.MaxValue, new WasmReader(max).ReadU64());
        byte[] tooLarge = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x03];
        Assert.Equal("integer too large", Assert.Throws<MalformedModuleException>(() => new WasmReader(tooLarge).ReadU64()).Reason);
    }

    [Fact]
    public void ReadName_RejectsInvalidUtf8()
    {
        byte[] surrogate = [0x03, 0xED, 0xA0, 0x80];
        Assert.Equal("malformed UTF-8 encoding", Assert.Throws<MalformedModuleException>(() => new WasmReader(surrogate).ReadName()).Reason);
        byte[] overlong = [0x02, 0xC0, 0x80];
        Assert.Equal("malformed UTF-8 encoding", Assert.Throws<MalformedModuleException>(() => new WasmReader(overlong).ReadName()).Reason);
    }

    [Fact]
    public void ReadName_RejectsLengthPastTheEnd()
    {
        byte[] bytes = [0x05, (byte)'a', (byte)'b'];
        Assert.Equal("length out of bounds", Assert.Throws<MalformedModuleException>(() => new WasmReader(bytes).ReadName()).Reason);
    }

    [Fact]
    public void ReadCount_RejectsMoreItemsThanBytesLeft()
    {
        byte[] bytes = [0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x00];
        var e = Assert.Throws<MalformedModuleException>(() => new WasmReader(bytes, 10).ReadCount());
        Assert.Equal("length out of bounds", e.Reason);
        Assert.Equal(10, e.Offset);
    }

    [Fact]
    public void SubReader_StopsAtItsEndAndReportsAbsoluteOffsets()
    {
        byte[] bytes = [0x01, 0x02, 0x03, 0x04];
        var reader = new WasmReader(bytes, 1000);
        reader.ReadByte();
        var sub = reader.ReadSubReader(2);
        Assert.Equal(1001, sub.Offset);
        Assert.Equal(1003, reader.Offset);
        sub.ReadByte();
        sub.ReadByte();
        Assert.True(sub.IsAtEnd);
        var threw = false;
        try
        {
            sub.ReadByte();
        }
        catch (MalformedModuleException e)
        {
            threw = true;
            Assert.Equal(1003, e.Offset);
        }
        Assert.True(threw);
    }
}
