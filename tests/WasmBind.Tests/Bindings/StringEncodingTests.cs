using Xunit;

namespace WasmBind.Tests.Bindings;

/// <summary>What strings.c exports with UTF-16 strings.</summary>
[WasmExports(StringEncoding = WasmStringEncoding.Utf16)]
public partial interface IUtf16Guest
{
    string Shout(string text);

    int Units(string text);

    string LoneSurrogate();

    string OddPointer();

    int DriveGreet();
}

/// <summary>What strings.c exports with latin1+utf16 strings.</summary>
[WasmExports(StringEncoding = WasmStringEncoding.Latin1Utf16)]
public partial interface ILatin1Guest
{
    [WasmName("tagged_len")] int TaggedLength(string text);

    [WasmName("echo_tagged")] string Echo(string text);
}

/// <summary>What strings.c imports, with UTF-16 strings.</summary>
[WasmImports("host", StringEncoding = WasmStringEncoding.Utf16)]
public partial interface IUtf16Host
{
    string Greet(string name);
}

internal sealed class Utf16Host : IUtf16Host
{
    public string Greet(string name) => "Hi " + name;
}

/// <summary>The string-encoding option: UTF-16 and latin1+utf16 guests, both directions, and bad UTF-16 trapping.</summary>
public sealed class StringEncodingTests
{
    private readonly IUtf16Guest utf16;
    private readonly ILatin1Guest latin1;

    public StringEncodingTests()
    {
        var engine = new Engine();
        var linker = new Linker(engine);
        IUtf16Host.AddTo(linker, new Utf16Host());
        var instance = linker.Instantiate(new Store(engine), BindingTests.Load(engine, "c/strings"));
        utf16 = IUtf16Guest.Bind(instance);
        latin1 = ILatin1Guest.Bind(instance);
    }

    [Fact]
    public void Utf16_CountsCodeUnits_BothWays()
    {
        Assert.Equal("HELLO, ZOË 😀", utf16.Shout("hello, zoË 😀"));
        Assert.Equal(3, utf16.Units("a😀")); // a surrogate pair is two code units
        Assert.Equal("", utf16.Shout(""));
        Assert.Equal(0, utf16.DriveGreet());
    }

    [Fact]
    public void Latin1Utf16_IsLatin1WhenEveryCharFits_ElseTaggedUtf16()
    {
        Assert.Equal(4, latin1.TaggedLength("café"));
        Assert.Equal(unchecked((int)0x80000002), latin1.TaggedLength("€1"));
        Assert.Equal("café", latin1.Echo("café"));
        Assert.Equal("€ and 😀", latin1.Echo("€ and 😀"));
    }

    [Fact]
    public void BadUtf16FromTheGuest_Traps()
    {
        var lone = Assert.Throws<TrapException>(() => utf16.LoneSurrogate());
        Assert.Equal(TrapCode.InvalidCanonicalValue, lone.Code);
        Assert.Contains("lone surrogate", lone.Message, StringComparison.Ordinal);
        Assert.Equal(TrapCode.MemoryOutOfBounds, Assert.Throws<TrapException>(() => utf16.OddPointer()).Code);
    }
}
