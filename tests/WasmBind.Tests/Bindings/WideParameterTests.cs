using System.Buffers.Binary;
using System.Text;
using Xunit;

namespace WasmBind.Tests.Bindings;

/// <summary>What wide.wat imports: 22 core values (8 strings and 6 scalars) and a Caller, which is not one of them.</summary>
[WasmImports("wide")]
public partial interface IWideHost
{
    void Receive(Caller caller, string a, string b, string c, string d, string e, string f, string g, string h,
        byte small, short mid, long big, double real, bool flag, Rune ch);
}

/// <summary>What wide.wat exports: the same 22 core values, which the host lowers into one tuple in guest memory.</summary>
[WasmExports]
public partial interface IWideExports
{
    int Describe(string a, string b, string c, string d, string e, string f, string g, string h,
        byte small, short mid, long big, double real, bool flag, Rune ch);

    void Send();

    void SendMisaligned();

    void SendOutOfBounds();

    void SendBadChar();
}

internal sealed class WideHost : IWideHost
{
    public List<object> Received { get; } = [];

    public void Receive(Caller caller, string a, string b, string c, string d, string e, string f, string g, string h,
        byte small, short mid, long big, double real, bool flag, Rune ch) =>
        Received.AddRange([a, b, c, d, e, f, g, h, small, mid, big, real, flag, ch]);
}

/// <summary>Parameters past MAX_FLAT_PARAMS (16 core values) travel through memory, as the Canonical ABI says.</summary>
public sealed class WideParameterTests
{
    private readonly WideHost host = new();
    private readonly Memory memory;
    private readonly IWideExports guest;

    public WideParameterTests()
    {
        var engine = new Engine();
        var linker = new Linker(engine);
        IWideHost.AddTo(linker, host);
        var instance = linker.Instantiate(new Store(engine), BindingTests.Load(engine, "wide"));
        memory = instance.GetMemory("memory")!;
        guest = IWideExports.Bind(instance);
    }

    [Fact]
    public void AnExport_GetsItsArgumentsAsOneAlignedTupleInMemory()
    {
        var tuple = guest.Describe("alpha", "", "ü", "d", "e", "f", "g", "last", 200, -2, 0x0102030405060708, 1.5, true, new Rune(0x1F30D));

        Assert.Equal(0, tuple % 8); // the tuple's alignment: that of its s64 and f64
        var bytes = memory.GetSpan(tuple, 96);
        string[] expected = ["alpha", "", "ü", "d", "e", "f", "g", "last"];
        for (var i = 0; i < 8; i++)
        {
            var pointer = BinaryPrimitives.ReadInt32LittleEndian(bytes[(i * 8)..]);
            var length = BinaryPrimitives.ReadInt32LittleEndian(bytes[(i * 8 + 4)..]);
            Assert.Equal(expected[i], memory.ReadString(pointer, length));
        }
        Assert.Equal(200, bytes[64]);
        Assert.Equal(-2, BinaryPrimitives.ReadInt16LittleEndian(bytes[66..]));
        Assert.Equal(0x0102030405060708, BinaryPrimitives.ReadInt64LittleEndian(bytes[72..]));
        Assert.Equal(1.5, BinaryPrimitives.ReadDoubleLittleEndian(bytes[80..]));
        Assert.Equal(1, bytes[88]);
        Assert.Equal(0x1F30D, BinaryPrimitives.ReadInt32LittleEndian(bytes[92..]));
    }

    [Fact]
    public void AnImport_LiftsItsArgumentsFromTheGuestsTuple()
    {
        guest.Send();
        Assert.Equal(
            ["s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", (byte)200, (short)-2, 0x0102030405060708L, 1.5, true, new Rune(0x1F30D)],
            host.Received);
    }

    [Fact]
    public void AMisalignedTuple_Traps_AndTheHostNeverRuns()
    {
        Assert.Equal(TrapCode.MemoryOutOfBounds, Assert.Throws<TrapException>(guest.SendMisaligned).Code);
        Assert.Empty(host.Received);
    }

    [Fact]
    public void ATuplePastTheEndOfMemory_Traps_AndTheHostNeverRuns()
    {
        Assert.Equal(TrapCode.MemoryOutOfBounds, Assert.Throws<TrapException>(guest.SendOutOfBounds).Code);
        Assert.Empty(host.Received);
    }

    [Fact]
    public void AnInvalidCharInTheTuple_Traps()
    {
        Assert.Equal(TrapCode.InvalidCanonicalValue, Assert.Throws<TrapException>(guest.SendBadChar).Code);
        Assert.Empty(host.Received);
    }
}
