using System.Collections.Generic;

namespace WasmBind.Generators.Model;

/// <summary>
/// The Canonical ABI's memory layout of values (shared/spec/component-model/CanonicalABI.md, "Alignment" and
/// "Element Size"): each value has a size and an alignment; a tuple of values places each at the next offset
/// aligned to it, and its own size is rounded up to its alignment (the largest of its fields').
/// </summary>
internal static class Layout
{
    /// <summary>The size in bytes of a value of <paramref name="type"/> in memory.</summary>
    public static int Size(TypeModel type) => type.Kind == ValueKind.Option
        ? AlignTo(PayloadOffset(type) + Size(type.Element!), Alignment(type))
        : Size(type.Kind);

    /// <summary>The alignment in bytes of a value of <paramref name="type"/> in memory.</summary>
    public static int Alignment(TypeModel type) => type.Kind == ValueKind.Option
        ? System.Math.Max(1, Alignment(type.Element!))
        : Alignment(type.Kind);

    /// <summary>Where an option's payload starts: after its one-byte discriminant, at the payload's alignment.</summary>
    public static int PayloadOffset(TypeModel option) => AlignTo(1, Alignment(option.Element!));

    private static int Size(ValueKind kind) => kind switch
    {
        ValueKind.Bool or ValueKind.SByte or ValueKind.Byte => 1,
        ValueKind.Int16 or ValueKind.UInt16 => 2,
        ValueKind.Int64 or ValueKind.UInt64 or ValueKind.Double => 8,
        // A string or byte list is its (ptr, len) pair of i32.
        ValueKind.String or ValueKind.ByteArray or ValueKind.ReadOnlySpan or ValueKind.ReadOnlyMemory => 8,
        _ => 4,
    };

    private static int Alignment(ValueKind kind) => Flattening.IsInMemory(kind) ? 4 : Size(kind);

    /// <summary>The layout of the tuple of <paramref name="types"/>: each one's offset, the size and the alignment.</summary>
    public static TupleLayout Tuple(IEnumerable<TypeModel> types)
    {
        var offsets = new List<int>();
        var size = 0;
        var alignment = 1;
        foreach (var type in types)
        {
            var fieldAlignment = Alignment(type);
            size = AlignTo(size, fieldAlignment);
            offsets.Add(size);
            size += Size(type);
            if (fieldAlignment > alignment) alignment = fieldAlignment;
        }
        return new TupleLayout(offsets, AlignTo(size, alignment), alignment);
    }

    private static int AlignTo(int offset, int alignment) => (offset + alignment - 1) / alignment * alignment;
}

/// <summary>Where each value of a tuple lives, relative to the tuple's address.</summary>
internal sealed class TupleLayout
{
    public TupleLayout(IReadOnlyList<int> offsets, int size, int alignment)
    {
        Offsets = offsets;
        Size = size;
        Alignment = alignment;
    }

    public IReadOnlyList<int> Offsets { get; }

    public int Size { get; }

    public int Alignment { get; }
}
