using System.Text;
using WasmBind.Bindings;
using Xunit;

namespace WasmBind.Tests.Bindings;

/// <summary>
/// The Canonical ABI value set end to end against values.c, a guest written by hand to the ABI: lists, strings and
/// lists inside records, tuples, results, variants (with joined flat payloads), enums, flags and options of reference
/// types, both directions, sync and async; and a hostile guest's bad values trapping with the right code.
/// </summary>
public sealed class ValueSetTests
{
    private readonly ValueHost host = new();
    private readonly IValueGuest guest;
    private readonly IValueGuestAsync asyncGuest;
    private readonly IHostileValueGuest hostile;

    public ValueSetTests()
    {
        var engine = new Engine();
        var linker = new Linker(engine);
        IValueHost.AddTo(linker, host);
        var instance = linker.Instantiate(new Store(engine), BindingTests.Load(engine, "c/values"));
        guest = IValueGuest.Bind(instance);
        asyncGuest = IValueGuestAsync.Bind(instance);
        hostile = IHostileValueGuest.Bind(instance);
    }

    private static readonly Item[] Items = [new("pear", 2), new("fig", 7), new("plum", 5)];

    // ---- exports: the host lowers arguments and lifts results ----

    [Fact]
    public void ListsOfPrimitives_InEveryForm()
    {
        Assert.Equal(1L + 2 + long.MaxValue / 2 + 10 + 20, guest.Total([1, 2, long.MaxValue / 2], new[] { 10, 20 }));
        Assert.Equal(0, guest.Total([], ReadOnlyMemory<int>.Empty));
    }

    [Fact]
    public void ARecordWithStringsAListOfRecordsAnEnumAndAnOption_IsLifted_AndCabiPostRuns()
    {
        var before = guest.PostCount();
        var order = guest.Make("Zoë", Items);
        Assert.True(order.SameAs(new Order("Zoë", Items, Hue.Blue, "pear")), order.ToString());
        Assert.Equal(before + 1, guest.PostCount());

        var single = guest.Make("", [new Item("x", -1)]);
        Assert.True(single.SameAs(new Order("", [new Item("x", -1)], Hue.Green, "x")));
        var none = guest.Make("nobody", []);
        Assert.True(none.SameAs(new Order("nobody", [], Hue.Green, null)));
    }

    [Fact]
    public void Variants_FlattenWithJoinedPayloads_BothWays()
    {
        // circle's f32 travels in the i64 slot it shares with rect's first f64.
        Assert.Equal(new Figure.Rect(1.25, 2.5), guest.Flip(new Figure.Circle(1.25f)));
        Assert.Equal(new Figure.Rect(4.5, 3.25), guest.Flip(new Figure.Rect(3.25, 4.5)));
        Assert.Equal(new Figure.Circle(1.5f), guest.Flip(new Figure.Empty()));
        Assert.Throws<ArgumentNullException>(() => guest.Flip(null!));
    }

    [Fact]
    public void Results_AsValues_OrAsExceptions()
    {
        Assert.Equal(Result<int, string>.Ok(1234), guest.Parse("1234"));
        Assert.Equal(Result<int, string>.Err("not a number"), guest.Parse("12x"));
        Assert.Equal(99, guest.ParseOrThrow("99"));
        var error = Assert.Throws<ResultException<string>>(() => guest.ParseOrThrow("nope"));
        Assert.Equal("not a number", error.Error);
    }

    [Fact]
    public void AnOptionOfARecord_AndATupleOfAnEnumAndFlags()
    {
        Assert.Equal(new Item("fig", 7), guest.Best(Items));
        Assert.Null(guest.Best([]));
        Assert.Equal((Hue.Red, Perm.Read | Perm.Exec), guest.Mix(Hue.Blue, Perm.Read));
        // Bits past the labels are not part of flags: lowered as zero.
        Assert.Equal((Hue.Green, Perm.Exec), guest.Mix(Hue.Red, (Perm)0x80));
        Assert.Throws<ArgumentOutOfRangeException>(() => guest.Mix((Hue)3, Perm.None));
    }

    [Fact]
    public async Task AsyncExports_LiftTheSameValues()
    {
        var order = await asyncGuest.MakeAsync("async", Items, CancellationToken.None);
        Assert.True(order.SameAs(new Order("async", Items, Hue.Blue, "pear")));
        Assert.Equal(new Figure.Rect(2, 1), await asyncGuest.FlipAsync(new Figure.Rect(1, 2)));
        Assert.Equal(7, await asyncGuest.ParseOrThrowAsync("7"));
        Assert.Equal("not a number", (await Assert.ThrowsAsync<ResultException<string>>(async () => await asyncGuest.ParseOrThrowAsync("x"))).Error);
        Assert.Equal(new Item("plum", 5), await asyncGuest.BestAsync([new Item("plum", 5)]));
        Assert.Equal(6, await asyncGuest.TotalAsync([1, 2], new[] { 3 }));
    }

    // ---- imports: the host lifts the guest's arguments and lowers its results; the guest checks them ----

    [Fact]
    public void Imports_LiftArguments_AndLowerResults_AsTheGuestExpects()
    {
        Assert.Equal(0, guest.DriveSum());
        Assert.Equal([1, 2, 3, 4], Assert.IsType<int[]>(host.Received[^1]));
        Assert.Equal(0, guest.DriveSplit());
        Assert.Equal(0, guest.DriveEcho());
        Assert.True(Assert.IsType<Order>(host.Received[^1]).SameAs(new Order("ann", [new Item("x", 1), new Item("yy", 2)], Hue.Green, "hi")));
        Assert.Equal(0, guest.DrivePair());
        Assert.Equal(0, guest.DriveFind());
        Assert.Equal(0, guest.DriveGrow());
        Assert.Equal([new Figure.Circle(1.25f), new Figure.Rect(1.5, 2.5), new Figure.Empty()], host.Received.OfType<Figure>());
        Assert.Equal(0, guest.DriveEnums());
        Assert.Equal(0, guest.DriveLookup());
        Assert.Equal(0, guest.DriveChars());
    }

    [Fact]
    public async Task AsyncImports_LowerTheirResultsWhenTheGuestResumes()
    {
        Assert.Equal(0, await asyncGuest.DriveItemsAsync());
        Assert.Equal(0, await asyncGuest.DriveCheckAsync());
    }

    // ---- a hostile guest ----

    [Theory]
    [InlineData("variant", TrapCode.InvalidCanonicalValue, "discriminant 7")]
    [InlineData("enum", TrapCode.InvalidCanonicalValue, "discriminant 3")]
    [InlineData("list length", TrapCode.MemoryOutOfBounds, "outside the memory")]
    [InlineData("unaligned", TrapCode.MemoryOutOfBounds, "not aligned")]
    [InlineData("utf8", TrapCode.InvalidCanonicalValue, "not valid UTF-8")]
    [InlineData("char", TrapCode.InvalidCanonicalValue, "not a Unicode scalar value")]
    [InlineData("option", TrapCode.InvalidCanonicalValue, "discriminant 2")]
    [InlineData("record list", TrapCode.MemoryOutOfBounds, "not aligned")]
    [InlineData("return area", TrapCode.MemoryOutOfBounds, "not aligned")]
    public void BadArgumentsToTheHost_Trap_BeforeTheImplementationRuns(string what, TrapCode code, string message)
    {
        Action call = what switch
        {
            "variant" => guest.HostileVariant,
            "enum" => guest.HostileEnum,
            "list length" => guest.HostileListLength,
            "unaligned" => guest.HostileUnaligned,
            "utf8" => guest.HostileUtf8,
            "char" => guest.HostileChar,
            "option" => guest.HostileOption,
            "record list" => guest.HostileRecordList,
            _ => guest.HostileReturnArea,
        };
        var trap = Assert.Throws<TrapException>(call);
        Assert.Equal(code, trap.Code);
        Assert.Contains(message, trap.Message, StringComparison.Ordinal);
        if (what != "return area") Assert.Empty(host.Received); // the implementation never saw the bad value
        Assert.Equal(0, guest.DriveSum()); // the store is fine afterwards
    }

    [Fact]
    public void BadResultsFromTheGuest_Trap()
    {
        Assert.Equal(TrapCode.InvalidCanonicalValue, Assert.Throws<TrapException>(() => hostile.BadFlip(new Figure.Empty())).Code);
        Assert.Equal(TrapCode.InvalidCanonicalValue, Assert.Throws<TrapException>(() => hostile.BadBest(Items)).Code);
        Assert.Equal(TrapCode.MemoryOutOfBounds, Assert.Throws<TrapException>(() => hostile.BadMake("x", Items)).Code);
        Assert.Equal(TrapCode.InvalidCanonicalValue, Assert.Throws<TrapException>(() => hostile.BadParse("x")).Code);
        Assert.Equal(TrapCode.MemoryOutOfBounds, Assert.Throws<TrapException>(() => hostile.BadArea("x", Items)).Code);
        Assert.Equal(new Item("fig", 7), guest.Best(Items));
    }

    [Fact]
    public async Task ABadResultOfAnAsyncCall_FaultsTheTask()
    {
        var trap = await Assert.ThrowsAsync<TrapException>(async () => await asyncGuest.BadFlipAsync(new Figure.Empty()));
        Assert.Equal(TrapCode.InvalidCanonicalValue, trap.Code);
    }
}
