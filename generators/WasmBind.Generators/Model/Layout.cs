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
    public static int Size(TypeModel type) => type.Kind switch
    {
        ValueKind.Option or ValueKind.Result or ValueKind.Variant => AlignTo(PayloadOffset(type) + MaxPayloadSize(type), Alignment(type)),
        ValueKind.Record => Record(type).Size,
        ValueKind.Tuple => Tuple(type.Elements).Size,
        ValueKind.List => 8,
        ValueKind.Unit => 0,
        ValueKind.Flags => type.Count <= 8 ? 1 : type.Count <= 16 ? 2 : 4,
        _ when type.IsEnum && type.Count > 0 => DiscriminantSize(type.Count),
        _ => Size(type.Kind),
    };

    /// <summary>The alignment in bytes of a value of <paramref name="type"/> in memory.</summary>
    public static int Alignment(TypeModel type) => type.Kind switch
    {
        ValueKind.Option or ValueKind.Result or ValueKind.Variant => System.Math.Max(DiscriminantSize(CaseCount(type)), MaxPayloadAlignment(type)),
        ValueKind.Record => Record(type).Alignment,
        ValueKind.Tuple => Tuple(type.Elements).Alignment,
        ValueKind.List => 4,
        ValueKind.Unit => 1,
        ValueKind.Flags => Size(type),
        _ when type.IsEnum && type.Count > 0 => DiscriminantSize(type.Count),
        _ => Alignment(type.Kind),
    };

    /// <summary>A record's layout: the tuple of its fields.</summary>
    public static TupleLayout Record(TypeModel record) => Tuple(FieldTypes(record));

    private static IEnumerable<TypeModel> FieldTypes(TypeModel record)
    {
        foreach (var field in record.Record!.Fields) yield return field.Type;
    }

    /// <summary>The number of cases of an option (2), result (2) or variant.</summary>
    public static int CaseCount(TypeModel type) => type.Kind == ValueKind.Variant ? type.Cases.Count : 2;

    /// <summary>The spec's <c>discriminant_type</c> size: 1 byte up to 256 cases, 2 up to 65536, else 4.</summary>
    public static int DiscriminantSize(int cases) => cases <= 256 ? 1 : cases <= 65536 ? 2 : 4;

    /// <summary>Where a variant's (option's, result's) payload starts: after its discriminant, at the largest payload alignment.</summary>
    public static int PayloadOffset(TypeModel type) => AlignTo(DiscriminantSize(CaseCount(type)), MaxPayloadAlignment(type));

    private static int MaxPayloadAlignment(TypeModel type)
    {
        var alignment = 1;
        foreach (var payload in Flattening.CasePayloads(type))
        {
            if (payload is not null) alignment = System.Math.Max(alignment, Alignment(payload));
        }
        return alignment;
    }

    private static int MaxPayloadSize(TypeModel type)
    {
        var size = 0;
        foreach (var payload in Flattening.CasePayloads(type))
        {
            if (payload is not null) size = System.Math.Max(size, Size(payload));
        }
        return size;
    }

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
