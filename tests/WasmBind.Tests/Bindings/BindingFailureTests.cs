using WasmBind.Bindings;
using Xunit;

namespace WasmBind.Tests.Bindings;

public sealed class BindingFailureTests
{
    private readonly Engine engine = new();

    [Fact]
    public void Bind_ListsEveryMissingOrMismatchedExport_InOneException()
    {
        var store = new Store(engine);
        var instance = new Linker(engine).Instantiate(store, BindingTests.Load(engine, "partial"));

        var error = Assert.Throws<BindingException>(() => ISmallGuest.Bind(instance));

        Assert.Equal("WasmBind.Tests.Bindings.ISmallGuest", error.InterfaceName);
        Assert.Equal(
            [
                new BindingProblem("cabi_realloc", "(func (param i32 i32 i32 i32) (result i32))", null),
                new BindingProblem("add", "(func (param i32 i32) (result i32))", "(func (param i64 i64) (result i64))"),
                new BindingProblem("cabi_post_add", "(func (param i32))", "(func (param i64))"),
                new BindingProblem("greet", "(func (param i32 i32) (result i32))", null),
            ],
            error.Problems);
        Assert.Contains("4 exports are missing or mismatched", error.Message);
        Assert.Contains("`add`: expected (func (param i32 i32) (result i32)), found (func (param i64 i64) (result i64))", error.Message);
        Assert.Contains("`greet`: missing; expected (func (param i32 i32) (result i32))", error.Message);
    }

    [Fact]
    public void Bind_ReportsAMissingMemory()
    {
        var store = new Store(engine);
        var linker = new Linker(engine);
        IGuestHost.AddTo(linker, new TestHost());
        var instance = linker.Instantiate(store, BindingTests.Load(engine, "hostile"));

        // hostile.wat has a memory and an allocator but none of ISmallGuest's functions.
        var error = Assert.Throws<BindingException>(() => ISmallGuest.Bind(instance));
        Assert.Equal(["add", "greet"], error.Problems.Select(p => p.ExportName));
    }
}

/// <summary>A guest that lies about every pointer gets traps, never another exception, never an access outside its memory.</summary>
public sealed class HostileGuestTests
{
    private readonly IHostileGuest guest;
    private readonly TestHost host = new();

    public HostileGuestTests()
    {
        var engine = new Engine();
        var store = new Store(engine);
        var linker = new Linker(engine);
        IGuestHost.AddTo(linker, host);
        guest = IHostileGuest.Bind(linker.Instantiate(store, BindingTests.Load(engine, "hostile")));
    }

    public static TheoryData<string> OutOfBounds => new()
    {
        nameof(IHostileGuest.BadString),
        nameof(IHostileGuest.HugeLength),
        nameof(IHostileGuest.NegativePointer),
        nameof(IHostileGuest.BadArea),
        nameof(IHostileGuest.MisalignedArea),
        nameof(IHostileGuest.TakeString),
        nameof(IHostileGuest.LogOutOfBounds),
        nameof(IHostileGuest.DecorateBadArea),
        nameof(IHostileGuest.DecorateBadAllocator),
    };

    [Theory]
    [MemberData(nameof(OutOfBounds))]
    public void OutOfBoundsPointers_Trap(string member)
    {
        Action call = member switch
        {
            nameof(IHostileGuest.BadString) => () => guest.BadString(),
            nameof(IHostileGuest.HugeLength) => () => guest.HugeLength(),
            nameof(IHostileGuest.NegativePointer) => () => guest.NegativePointer(),
            nameof(IHostileGuest.BadArea) => () => guest.BadArea(),
            nameof(IHostileGuest.MisalignedArea) => () => guest.MisalignedArea(),
            nameof(IHostileGuest.TakeString) => () => guest.TakeString("never arrives"),
            nameof(IHostileGuest.LogOutOfBounds) => guest.LogOutOfBounds,
            nameof(IHostileGuest.DecorateBadArea) => guest.DecorateBadArea,
            _ => guest.DecorateBadAllocator,
        };
        var trap = Assert.Throws<TrapException>(call);
        Assert.Equal(TrapCode.MemoryOutOfBounds, trap.Code);
        Assert.Empty(host.Logged);
    }

    [Fact]
    public void InvalidUtf8_Traps()
    {
        var trap = Assert.Throws<TrapException>(() => guest.InvalidUtf8());
        Assert.Equal(TrapCode.InvalidCanonicalValue, trap.Code);
        Assert.Contains("not valid UTF-8", trap.Message);
    }
}
