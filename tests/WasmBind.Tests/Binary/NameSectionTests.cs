using WasmBind.Binary;
using Xunit;
using static WasmBind.Tests.Binary.BinaryBuilder;

namespace WasmBind.Tests.Binary;

public sealed class NameSectionTests
{
    private static readonly byte[] TypeSection = Section(1, 0x01, 0x60, 0x00, 0x00);
    private static readonly byte[] FunctionSection = Section(3, 0x02, 0x00, 0x00);
    // Two bodies; the second declares one i32 local.
    private static readonly byte[] CodeSection = Section(10, 0x02, 0x02, 0x00, 0x0B, 0x04, 0x01, 0x01, 0x7F, 0x0B);

    private static byte[] NameSection() =>
    [
        .. Subsection(0, Name("mod")),
        .. Subsection(1, [0x02, 0x00, .. Name("first"), 0x01, .. Name("second")]),
        .. Subsection(2, [0x01, 0x01, 0x01, 0x00, .. Name("x")]),
    ];

    private static byte[] Subsection(byte id, byte[] content) => [id, .. U32((uint)content.Length), .. content];

    [Fact]
    public void ModuleFunctionAndLocalNames_AreDecoded()
    {
        var module = ModuleDecoder.Decode(Module(TypeSection, FunctionSection, CodeSection, Custom("name", NameSection())));

        Assert.Equal("mod", module.Names.ModuleName);
        Assert.Equal("first", module.Names.FunctionNames[0]);
        Assert.Equal("second", module.Names.FunctionNames[1]);
        Assert.Equal("x", module.Names.LocalNames[1][0]);
        Assert.Equal("name", Assert.Single(module.CustomSections).Name);
    }

    [Fact]
    public void UnknownSubsections_AreSkipped()
    {
        byte[] names = [.. Subsection(0, Name("mod")), .. Subsection(7, [0x01, 0x02, 0x03])];
        var module = ModuleDecoder.Decode(Module(Custom("name", names)));
        Assert.Equal("mod", module.Names.ModuleName);
    }

    [Theory]
    [InlineData(new byte[] { 0x01, 0x05, 0x01, 0x00, 0x02, 0xC0, 0x80 })] // function name not UTF-8
    [InlineData(new byte[] { 0x01, 0x09, 0x01 })] // subsection longer than the section
    [InlineData(new byte[] { 0x00, 0x02, 0x01, 0x61, 0x00, 0x02, 0x01, 0x62 })] // module name twice
    [InlineData(new byte[] { 0x01, 0x03, 0x05, 0x00, 0x00 })] // more entries than bytes
    public void MalformedNameSection_IsIgnoredNotFatal(byte[] content)
    {
        var module = ModuleDecoder.Decode(Module(Custom("name", content)));

        Assert.Null(module.Names.ModuleName);
        Assert.Empty(module.Names.FunctionNames);
        Assert.Single(module.CustomSections);
    }

    [Fact]
    public void CustomSectionName_MustBeUtf8()
    {
        var custom = Section(0, 0x02, 0xC0, 0x80);
        var e = Assert.Throws<MalformedModuleException>(() => ModuleDecoder.Decode(Module(custom)));
        Assert.Equal("malformed UTF-8 encoding", e.Reason);
    }
}
