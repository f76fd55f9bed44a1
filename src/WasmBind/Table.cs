namespace WasmBind;

/// <summary>A table of references (<c>funcref</c> or <c>externref</c>).</summary>
public sealed class Table : Extern
{
    /// <summary>The most elements a table may hold here; growing past it fails (<c>table.grow</c> returns -1).</summary>
    public const uint MaxElements = 10_000_000;

    // Elements are encoded reference handles (see Store): 0 is null. The array is the capacity, which grows by
    // doubling so that growing one element at a time costs amortised O(1); only the first Count are the table.
    internal ulong[] Elements;
    internal int Count;

    /// <summary>Creates a table in <paramref name="store"/> filled with <paramref name="initial"/> (null by default).</summary>
    /// <exception cref="ArgumentException">The type is not a reference table type, or its minimum exceeds its maximum.</exception>
    /// <exception cref="ResourceLimitExceededException">The size exceeds the store's limits or what this runtime supports.</exception>
    public Table(Store store, TableType type, object? initial = null) : base(store)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (!type.ElementType.IsReference()) throw new ArgumentException("A table's element type must be a reference type.", nameof(type));
        if (type.Limits.Maximum is { } max && max < type.Limits.Minimum)
            throw new ArgumentException("The minimum size exceeds the maximum.", nameof(type));
        if (type.Limits.Minimum > MaxElements)
            throw new ResourceLimitExceededException($"A table of {type.Limits.Minimum} elements exceeds this runtime's limit of {MaxElements}.");
        if (type.Limits.Minimum > store.Limits?.TableElements)
            throw new ResourceLimitExceededException($"A table of {type.Limits.Minimum} elements exceeds the store's limit of {store.Limits.TableElements}.");
        store.CountTable();
        Type = type;
        Elements = new ulong[type.Limits.Minimum];
        Count = Elements.Length;
        var fill = store.EncodeReference(type.ElementType, initial);
        if (fill != 0) Array.Fill(Elements, fill);
    }

    /// <summary>The type the table was created with; its current size is <see cref="Size"/>.</summary>
    public TableType Type { get; }

    /// <inheritdoc />
    public override ExternKind Kind => ExternKind.Table;

    /// <summary>The table's current type: its current size as the minimum.</summary>
    public override ExternType ExternType => Type with { Limits = Type.Limits with { Minimum = Size } };

    /// <summary>The current number of elements.</summary>
    public uint Size => (uint)Count;

    /// <summary>The table's elements (encoded references), valid until it grows.</summary>
    internal Span<ulong> Live => Elements.AsSpan(0, Count);

    /// <summary>Elements moved by reallocation over the table's life, for tests that bound the cost of growth.</summary>
    internal ulong ElementsRelocated { get; private set; }

    /// <summary>The largest size this table can grow to.</summary>
    public uint MaximumSize => (uint)Math.Min(Math.Min(Type.Limits.Maximum ?? MaxElements, MaxElements), Store.Limits?.TableElements ?? MaxElements);

    /// <summary>The element at <paramref name="index"/>: a <see cref="Function"/> for funcref tables, the host object for externref, or null.</summary>
    public object? Get(uint index)
    {
        if (index >= Size) throw new ArgumentOutOfRangeException(nameof(index), $"index {index} is outside the table of {Size} elements.");
        return Store.DecodeReference(Type.ElementType, Elements[index]);
    }

    /// <summary>Sets the element at <paramref name="index"/>.</summary>
    public void Set(uint index, object? value)
    {
        if (index >= Size) throw new ArgumentOutOfRangeException(nameof(index), $"index {index} is outside the table of {Size} elements.");
        Elements[index] = Store.EncodeReference(Type.ElementType, value);
    }

    /// <summary>Grows the table by <paramref name="delta"/> elements set to <paramref name="initial"/>.</summary>
    /// <returns>The size before growing.</returns>
    /// <exception cref="InvalidOperationException">The table cannot grow that far.</exception>
    public uint Grow(uint delta, object? initial = null)
    {
        var previous = TryGrow(delta, Store.EncodeReference(Type.ElementType, initial));
        return previous >= 0 ? (uint)previous
            : throw new InvalidOperationException($"Cannot grow the table from {Size} by {delta} elements (maximum {MaximumSize}).");
    }

    /// <summary>Whether growing by <paramref name="delta"/> stays within <see cref="MaximumSize"/> (the limiter may still refuse).</summary>
    internal bool IsWithinMaximum(ulong delta) => Size + delta <= MaximumSize;

    /// <summary>Grows by <paramref name="delta"/> elements set to <paramref name="fill"/>; returns the previous size, or -1 when that is not possible.</summary>
    internal long TryGrow(ulong delta, ulong fill)
    {
        var old = Size;
        var target = old + delta;
        if (target > MaximumSize) return -1;
        if (delta != 0 && Store.Limiter is { } limiter && !limiter.TableGrowing(this, old, target)) return -1;
        if (delta == 0) return old;
        if (target > (ulong)Elements.Length)
        {
            var capacity = Math.Min(Math.Max(target, (ulong)Elements.Length * 2), MaximumSize);
            var bigger = new ulong[capacity];
            Live.CopyTo(bigger);
            ElementsRelocated += old;
            Elements = bigger;
        }
        // Past Count the array is all null: nothing writes there (every access is checked against Count).
        if (fill != 0) Elements.AsSpan((int)old, (int)delta).Fill(fill);
        Count = (int)target;
        return old;
    }
}
