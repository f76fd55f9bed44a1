using System.Text;
using Xunit;

namespace WasmBind.Tests.Bindings;

/// <summary>A positional record struct: record { x: s32, y: s32 }.</summary>
public readonly record struct Point(int X, int Y);

/// <summary>A record of one field, which flattens to one core value and so is returned flat.</summary>
public readonly record struct Id(long Value);

/// <summary>A plain struct with an init-only property and a field: record { width: s32, height: s16 }.</summary>
public struct Size
{
    public int Width { get; init; }

    public short Height;
}

/// <summary>A record class nesting another record, with padding before the f64 and an option at the end.</summary>
public sealed record Shape(byte Kind, Point Origin, double Scale, Rune Mark, int? Tag);

/// <summary>What records.wat imports.</summary>
[WasmImports("rec")]
public partial interface IRecordHost
{
    Point Mirror(Point p);

    Shape Describe(Shape s);

    ValueTask<Point> MirrorLaterAsync(Point p);

    Id Bump(Id id);

    int Total(Shape a, Shape b, Shape c);
}

/// <summary>What records.wat exports.</summary>
[WasmExports]
public partial interface IRecordGuest
{
    Point Translate(Point p, int dx);

    Shape EchoShape(Shape s);

    Id Next(Id id);

    Size Grow(Size s);

    int Pick(Shape a, Shape b, Shape c);

    Shape BadTag();

    Shape BadChar();

    Point MisalignedPoint();

    Point PointPastTheEnd();

    Point MirrorViaHost(Point p);

    Shape DescribeViaHost(Shape s);

    ValueTask<Point> MirrorLaterViaHostAsync(Point p, CancellationToken cancellationToken);

    Id BumpViaHost(Id id);

    int TotalViaHost(Shape a, Shape b, Shape c);

    Shape HostBadTag();

    Shape HostBadChar();

    Point HostBadArea();

    int HostBadTuple();

    int HostTuplePastTheEnd();
}

/// <summary>records.wat's exports again, called asynchronously.</summary>
[WasmExports]
public partial interface IRecordAsyncGuest
{
    [WasmName("echo_shape")] Task<Shape> EchoShapeAsync(Shape s, CancellationToken cancellationToken);

    [WasmName("next")] ValueTask<Id> NextAsync(Id id);

    [WasmName("pick")] ValueTask<int> PickAsync(Shape a, Shape b, Shape c);
}

internal sealed class RecordHost : IRecordHost
{
    public int Calls { get; private set; }

    public Point Mirror(Point p)
    {
        Calls++;
        return new Point(p.Y, p.X);
    }

    public Shape Describe(Shape s)
    {
        Calls++;
        return s with { Kind = (byte)(s.Kind + 1), Origin = new Point(s.Origin.X * 10, s.Origin.Y * 10), Tag = s.Tag is null ? 0 : null };
    }

    public async ValueTask<Point> MirrorLaterAsync(Point p)
    {
        await Task.Yield(); // really suspend the guest
        return new Point(-p.Y, -p.X);
    }

    public Id Bump(Id id) => new(id.Value + 100);

    public int Total(Shape a, Shape b, Shape c)
    {
        Calls++;
        return a.Origin.X + b.Origin.Y + (c.Tag ?? 0) + c.Mark.Value;
    }
}

/// <summary>Records (record, record struct, struct) as Canonical ABI records, both directions, flat, in result areas and in argument tuples.</summary>
public sealed class RecordTests
{
    private static readonly Shape Sample = new(7, new Point(-3, 4), 2.5, new Rune(0x1F30D), 42);

    private readonly RecordHost host = new();
    private readonly IRecordGuest guest;
    private readonly IRecordAsyncGuest asyncGuest;

    public RecordTests()
    {
        var engine = new Engine();
        var linker = new Linker(engine);
        IRecordHost.AddTo(linker, host);
        var instance = linker.Instantiate(new Store(engine), BindingTests.Load(engine, "records"));
        guest = IRecordGuest.Bind(instance);
        asyncGuest = IRecordAsyncGuest.Bind(instance);
    }

    [Fact]
    public void Records_RoundTripThroughTheGuest()
    {
        Assert.Equal(new Point(7, 4), guest.Translate(new Point(2, 4), 5));
        Assert.Equal(Sample, guest.EchoShape(Sample));
        Assert.Equal(Sample with { Tag = null }, guest.EchoShape(Sample with { Tag = null }));
        Assert.Equal(new Id(long.MinValue), guest.Next(new Id(long.MaxValue)));
        var grown = guest.Grow(new Size { Width = 21, Height = -2 });
        Assert.Equal(42, grown.Width);
        Assert.Equal(-1, grown.Height);
    }

    [Fact]
    public void RecordsPastSixteenCoreValues_TravelAsOneTuple()
    {
        Assert.Equal(-3 + 40 + 9, guest.Pick(Sample, Sample with { Origin = new Point(0, 40) }, Sample with { Tag = 9 }));
    }

    [Fact]
    public async Task AsyncExports_LiftRecordsToo()
    {
        Assert.Equal(Sample, await asyncGuest.EchoShapeAsync(Sample, CancellationToken.None));
        Assert.Equal(new Id(2), await asyncGuest.NextAsync(new Id(1)));
        Assert.Equal(-3 + 4 + 42, await asyncGuest.PickAsync(Sample, Sample, Sample));
    }

    [Fact]
    public void TheHostLiftsAndStoresRecords()
    {
        Assert.Equal(new Point(2, 1), guest.MirrorViaHost(new Point(1, 2)));
        Assert.Equal(Sample with { Kind = 8, Origin = new Point(-30, 40), Tag = null }, guest.DescribeViaHost(Sample));
        Assert.Equal(Sample with { Kind = 8, Origin = new Point(-30, 40), Tag = 0 }, guest.DescribeViaHost(Sample with { Tag = null }));
        Assert.Equal(new Id(105), guest.BumpViaHost(new Id(5)));
        Assert.Equal(-3 + 4 + 42 + 0x1F30D, guest.TotalViaHost(Sample, Sample, Sample));
    }

    [Fact]
    public async Task AnAsyncImportStoresItsRecordWhenTheCallResumes() =>
        Assert.Equal(new Point(-2, -1), await guest.MirrorLaterViaHostAsync(new Point(1, 2), CancellationToken.None));

    [Fact]
    public void ABadDiscriminantOrCharInARecordResult_Traps()
    {
        var tag = Assert.Throws<TrapException>(() => guest.BadTag());
        Assert.Equal(TrapCode.InvalidCanonicalValue, tag.Code);
        Assert.Contains("option discriminant 2", tag.Message, StringComparison.Ordinal);
        Assert.Equal(TrapCode.InvalidCanonicalValue, Assert.Throws<TrapException>(() => guest.BadChar()).Code);
    }

    [Fact]
    public void AMisalignedOrOutOfRangeRecordResult_Traps()
    {
        Assert.Equal(TrapCode.MemoryOutOfBounds, Assert.Throws<TrapException>(() => guest.MisalignedPoint()).Code);
        Assert.Equal(TrapCode.MemoryOutOfBounds, Assert.Throws<TrapException>(() => guest.PointPastTheEnd()).Code);
    }

    [Fact]
    public void BadRecordsPassedToTheHost_Trap_AndTheHostNeverRuns()
    {
        Assert.Equal(TrapCode.InvalidCanonicalValue, Assert.Throws<TrapException>(() => guest.HostBadTag()).Code);
        Assert.Equal(TrapCode.InvalidCanonicalValue, Assert.Throws<TrapException>(() => guest.HostBadChar()).Code);
        Assert.Equal(TrapCode.MemoryOutOfBounds, Assert.Throws<TrapException>(() => guest.HostBadTuple()).Code);
        Assert.Equal(TrapCode.MemoryOutOfBounds, Assert.Throws<TrapException>(() => guest.HostTuplePastTheEnd()).Code);
        Assert.Equal(0, host.Calls);
        Assert.Equal(new Point(2, 1), guest.MirrorViaHost(new Point(1, 2))); // the store is fine
    }

    [Fact]
    public void ANullRecordClass_IsAnArgumentError_BeforeTheGuestRuns()
    {
        Assert.Equal("s", Assert.Throws<ArgumentNullException>(() => guest.EchoShape(null!)).ParamName);
        Assert.Equal("b", Assert.Throws<ArgumentNullException>(() => guest.Pick(Sample, null!, Sample)).ParamName);
        Assert.Equal(Sample, guest.EchoShape(Sample)); // nothing was allocated or half-written
    }

    [Fact]
    public void AMisalignedAreaForTheHostsRecordResult_Traps() =>
        Assert.Equal(TrapCode.MemoryOutOfBounds, Assert.Throws<TrapException>(() => guest.HostBadArea()).Code);
}
