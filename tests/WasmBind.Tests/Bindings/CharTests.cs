using System.Text;
using Xunit;

namespace WasmBind.Tests.Bindings;

/// <summary>What chars.wat imports.</summary>
[WasmImports("chars")]
public partial interface ICharHost
{
    void Put(Rune value);

    Rune Next(Rune value);
}

/// <summary>What chars.wat exports.</summary>
[WasmExports]
public partial interface ICharGuest
{
    Rune Echo(Rune value);

    Rune Surrogate();

    Rune TooBig();

    Rune Negative();

    void Send(int value);

    Rune AskNext(Rune value);
}

/// <summary>The guest's view of chars.wat's exports, with the raw i32 the hostile cases send.</summary>
[WasmExports]
public partial interface IRawCharGuest
{
    int AskNext(int value);
}

internal sealed class CharHost : ICharHost
{
    public List<Rune> Received { get; } = [];

    public void Put(Rune value) => Received.Add(value);

    public Rune Next(Rune value) => new(value.Value + 1);
}

/// <summary>The Canonical ABI's char as System.Text.Rune: every scalar value crosses; anything else traps.</summary>
public sealed class CharTests
{
    private readonly CharHost host = new();
    private readonly Instance instance;
    private readonly ICharGuest guest;

    public CharTests()
    {
        var engine = new Engine();
        var linker = new Linker(engine);
        ICharHost.AddTo(linker, host);
        instance = linker.Instantiate(new Store(engine), BindingTests.Load(engine, "chars"));
        guest = ICharGuest.Bind(instance);
    }

    [Theory]
    [InlineData(0)]
    [InlineData('A')]
    [InlineData(0xD7FF)]
    [InlineData(0xE000)]
    [InlineData(0x1F30D)]
    [InlineData(0x10FFFF)]
    public void ScalarValues_RoundTrip(int value)
    {
        Assert.Equal(new Rune(value), guest.Echo(new Rune(value)));
        guest.Send(value);
        Assert.Equal([new Rune(value)], host.Received);
    }

    [Fact]
    public void HostResults_AreLowered() => Assert.Equal(new Rune('b'), guest.AskNext(new Rune('a')));

    public static TheoryData<string> HostileResults => new() { nameof(ICharGuest.Surrogate), nameof(ICharGuest.TooBig), nameof(ICharGuest.Negative) };

    [Theory]
    [MemberData(nameof(HostileResults))]
    public void AnExportReturningANonScalar_Traps(string member)
    {
        Func<Rune> call = member switch
        {
            nameof(ICharGuest.Surrogate) => guest.Surrogate,
            nameof(ICharGuest.TooBig) => guest.TooBig,
            _ => guest.Negative,
        };
        var trap = Assert.Throws<TrapException>(() => call());
        Assert.Equal(TrapCode.InvalidCanonicalValue, trap.Code);
        Assert.Contains("not a Unicode scalar value", trap.Message);
    }

    [Theory]
    [InlineData(0xD800)]
    [InlineData(0xDFFF)]
    [InlineData(0x110000)]
    [InlineData(-1)]
    public void AGuestPassingANonScalarToTheHost_Traps_AndTheHostNeverRuns(int value)
    {
        var trap = Assert.Throws<TrapException>(() => guest.Send(value));
        Assert.Equal(TrapCode.InvalidCanonicalValue, trap.Code);
        Assert.Empty(host.Received);
        Assert.Equal(new Rune('z'), guest.Echo(new Rune('z'))); // the store is fine
    }

    [Fact]
    public void AHostileArgumentToAnImportWithAResult_Traps() =>
        Assert.Equal(TrapCode.InvalidCanonicalValue, Assert.Throws<TrapException>(() => IRawCharGuest.Bind(instance).AskNext(0xDC00)).Code);
}
