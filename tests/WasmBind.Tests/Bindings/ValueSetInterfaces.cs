using System.Text;
using WasmBind.Bindings;

namespace WasmBind.Tests.Bindings;

/// <summary>A Canonical ABI enum of three cases (a u8 discriminant, checked).</summary>
public enum Hue
{
    Red,
    Green,
    Blue,
}

/// <summary>Canonical ABI flags of three labels (one byte); All is a combination, not a label.</summary>
[Flags]
public enum Perm : byte
{
    None = 0,
    Read = 1,
    Write = 2,
    Exec = 4,
    All = Read | Write | Exec,
}

/// <summary>record item { name: string, count: s32 }: 12 bytes.</summary>
public sealed record Item(string Name, int Count);

/// <summary>record order { customer: string, items: list&lt;item&gt;, color: color, note: option&lt;string&gt; }: 32 bytes.</summary>
public sealed record Order(string Customer, IReadOnlyList<Item> Items, Hue Hue, string? Note)
{
    /// <summary>Records compare lists by reference; tests compare them by content.</summary>
    public bool SameAs(Order other) =>
        Customer == other.Customer && Hue == other.Hue && Note == other.Note && Items.SequenceEqual(other.Items);
}

/// <summary>variant shape { circle(f32), rect(tuple&lt;f64, f64&gt;), empty }: flat (i32, i64, f64), 24 bytes in memory.</summary>
public abstract record Figure
{
    private Figure()
    {
    }

    /// <summary>Case 0.</summary>
    public sealed record Circle(float Radius) : Figure;

    /// <summary>Case 1.</summary>
    public sealed record Rect(double Width, double Height) : Figure;

    /// <summary>Case 2, without payload.</summary>
    public sealed record Empty : Figure;
}

/// <summary>What values.c exports.</summary>
[WasmExports]
public partial interface IValueGuest
{
    long Total(List<long> values, ReadOnlyMemory<int> more);

    Order Make(string customer, Item[] items);

    Figure Flip(Figure shape);

    Result<int, string> Parse(string text);

    [WasmThrows(typeof(string))] int ParseOrThrow(string text);

    Item? Best(IReadOnlyList<Item> items);

    (Hue, Perm) Mix(Hue color, Perm perm);

    int PostCount();

    int DriveSum();

    int DriveSplit();

    int DriveEcho();

    int DrivePair();

    int DriveFind();

    int DriveGrow();

    int DriveEnums();

    int DriveLookup();

    int DriveChars();

    void HostileVariant();

    void HostileEnum();

    void HostileListLength();

    void HostileUnaligned();

    void HostileUtf8();

    void HostileChar();

    void HostileOption();

    void HostileRecordList();

    void HostileReturnArea();
}

/// <summary>values.c's exports, called asynchronously (and the drivers of its async imports).</summary>
[WasmExports]
public partial interface IValueGuestAsync
{
    [WasmName("make")] Task<Order> MakeAsync(string customer, Item[] items, CancellationToken cancellationToken);

    [WasmName("flip")] ValueTask<Figure> FlipAsync(Figure shape);

    [WasmName("parse_or_throw"), WasmThrows(typeof(string))] ValueTask<int> ParseOrThrowAsync(string text);

    [WasmName("best")] ValueTask<Item?> BestAsync(IReadOnlyList<Item> items);

    [WasmName("total")] ValueTask<long> TotalAsync(List<long> values, ReadOnlyMemory<int> more);

    ValueTask<int> DriveItemsAsync();

    ValueTask<int> DriveCheckAsync();

    [WasmName("bad_flip")] ValueTask<Figure> BadFlipAsync(Figure shape);
}

/// <summary>values.c's exports that return what the Canonical ABI forbids.</summary>
[WasmExports]
public partial interface IHostileValueGuest
{
    Figure BadFlip(Figure shape);

    Item? BadBest(IReadOnlyList<Item> items);

    Order BadMake(string customer, Item[] items);

    Result<int, string> BadParse(string text);

    Order BadArea(string customer, Item[] items);
}

/// <summary>What values.c imports from module "host".</summary>
[WasmImports("host")]
public partial interface IValueHost
{
    int Sum(int[] values);

    List<string> Split(string text);

    Order Echo(Order order);

    (int, string) Pair((long, string) input);

    Result<Item, string> Find(string name);

    Figure Grow(Figure shape);

    Perm Allow(Perm perm);

    Hue Next(Hue color);

    string? Lookup(string? key);

    int CharSum(IReadOnlyList<Rune> chars);

    ValueTask<IReadOnlyList<Item>> ItemsAsync(ReadOnlyMemory<double> weights);

    ValueTask<Result<Unit, string>> CheckAsync(Figure shape);
}

/// <summary>The host side of values.c: fixed behaviours the guest's drivers check, and what it received.</summary>
internal sealed class ValueHost : IValueHost
{
    public List<object?> Received { get; } = [];

    public int Sum(int[] values)
    {
        Received.Add(values);
        return values.Sum();
    }

    public List<string> Split(string text) => [.. text.Split(',')];

    public Order Echo(Order order)
    {
        Received.Add(order);
        return new Order(order.Customer.ToUpperInvariant(), order.Items.Reverse().ToArray(), Next(order.Hue), null);
    }

    public (int, string) Pair((long, string) input) => ((int)input.Item1 * 2, input.Item2 + "!");

    public Result<Item, string> Find(string name) => name == "apple" ? new Item("apple", 3) : Result<Item, string>.Err("no " + name);

    public Figure Grow(Figure shape)
    {
        Received.Add(shape);
        return shape switch
        {
            Figure.Circle c => new Figure.Circle(c.Radius * 2),
            Figure.Rect r => new Figure.Rect(r.Width + 1, r.Height + 1),
            _ => new Figure.Empty(),
        };
    }

    public Perm Allow(Perm perm) => perm | Perm.Write;

    public Hue Next(Hue color) => (Hue)(((int)color + 1) % 3);

    public string? Lookup(string? key) => key is null ? "none" : key == "k" ? null : key + key;

    public int CharSum(IReadOnlyList<Rune> chars) => chars.Sum(c => c.Value);

    public async ValueTask<IReadOnlyList<Item>> ItemsAsync(ReadOnlyMemory<double> weights)
    {
        await Task.Yield(); // really suspend the guest
        return weights.ToArray().Select((w, i) => new Item("w" + i, (int)w)).ToArray();
    }

    public async ValueTask<Result<Unit, string>> CheckAsync(Figure shape)
    {
        await Task.Yield();
        return shape is Figure.Empty ? Result<Unit, string>.Err("empty") : Unit.Value;
    }
}
