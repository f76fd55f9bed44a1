using System.Globalization;
using System.Runtime.Intrinsics;

namespace WasmBind.Testing;

/// <summary>
/// The host object behind <c>ref.extern N</c>. The store maps extern objects to handles by reference,
/// so one object per N must be reused for the whole script (see <see cref="ExternObjects"/>).
/// </summary>
internal sealed record ExternObj(ulong Number)
{
    public override string ToString() => Number.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The <see cref="ExternObj"/> for each N, created once per script.</summary>
internal sealed class ExternObjects
{
    private readonly Dictionary<ulong, ExternObj> objects = new();

    public ExternObj Get(ulong number)
    {
        if (!objects.TryGetValue(number, out var obj)) objects.Add(number, obj = new ExternObj(number));
        return obj;
    }
}

/// <summary>Converts script values to runtime values and checks results against expected ones.</summary>
internal static class WastValues
{
    private const uint F32CanonicalNan = 0x7FC0_0000;
    private const ulong F64CanonicalNan = 0x7FF8_0000_0000_0000;

    /// <summary>An argument as a runtime value.</summary>
    public static Value ToValue(WastValue v, ExternObjects externs) => v.Type switch
    {
        "v128" => Value.V128(Vector(v)),
        "i32" => Value.I32((int)(uint)Bits(v)),
        "i64" => Value.I64((long)Bits(v)),
        "f32" => Value.F32Bits((uint)Bits(v)),
        "f64" => Value.F64Bits(Bits(v)),
        "funcref" when v.Value == "null" => Value.FuncRef(null),
        "externref" when v.Value == "null" => Value.ExternRef(null),
        "externref" => Value.ExternRef(externs.Get(Bits(v))),
        _ => throw new FormatException($"cannot pass a {v} argument"),
    };

    /// <summary>Null when <paramref name="actual"/> matches <paramref name="expected"/>, else why not.</summary>
    public static string? Mismatch(WastValue expected, Value actual, ExternObjects externs)
    {
        if (expected.Alternatives is { } alternatives)
        {
            return alternatives.Any(a => Mismatch(a, actual, externs) is null) ? null : $"expected {expected}, got {Describe(actual)}";
        }
        var expectedType = TypeOf(expected.Type);
        if (actual.Type != expectedType) return $"expected {expected}, got {Describe(actual)} (wrong type)";
        var ok = expected.Type switch
        {
            "v128" => LanesMatch(expected, actual.AsVector128<byte>()),
            "i32" or "i64" => actual.RawBits == Bits(expected),
            "f32" => expected.Value switch
            {
                "nan:canonical" => ((uint)actual.RawBits & 0x7FFF_FFFF) == F32CanonicalNan,
                "nan:arithmetic" => ((uint)actual.RawBits & F32CanonicalNan) == F32CanonicalNan,
                _ => (uint)actual.RawBits == (uint)Bits(expected),
            },
            "f64" => expected.Value switch
            {
                "nan:canonical" => (actual.RawBits & 0x7FFF_FFFF_FFFF_FFFF) == F64CanonicalNan,
                "nan:arithmetic" => (actual.RawBits & F64CanonicalNan) == F64CanonicalNan,
                _ => actual.RawBits == Bits(expected),
            },
            // An expected funcref other than null only says "some function": wast2json drops which one.
            "funcref" => expected.Value == "null" ? actual.IsNullReference : !actual.IsNullReference,
            "externref" => expected.Value switch
            {
                "null" => actual.IsNullReference,
                null => !actual.IsNullReference,
                _ => ReferenceEquals(actual.AsExternObject(), externs.Get(Bits(expected))),
            },
            _ => throw new FormatException($"cannot check a {expected} result"),
        };
        return ok ? null : $"expected {expected}, got {Describe(actual)}";
    }

    /// <summary>
    /// Whether each lane of <paramref name="actual"/> matches the expected lane of <paramref name="expected"/>'s lane
    /// type: integers and floats bit for bit, and a NaN pattern (<c>nan:canonical</c>, <c>nan:arithmetic</c>) per lane.
    /// </summary>
    private static bool LanesMatch(WastValue expected, Vector128<byte> actual)
    {
        var lanes = expected.Lanes ?? throw new FormatException($"{expected} has no lanes");
        Span<byte> bytes = stackalloc byte[16];
        actual.CopyTo(bytes);
        var width = 16 / lanes.Count;
        for (var i = 0; i < lanes.Count; i++)
        {
            var lane = bytes.Slice(i * width, width);
            var bits = width switch
            {
                1 => (ulong)lane[0],
                2 => System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(lane),
                4 => System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(lane),
                _ => System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(lane),
            };
            var ok = (expected.LaneType, lanes[i]) switch
            {
                ("f32", "nan:canonical") => ((uint)bits & 0x7FFF_FFFF) == F32CanonicalNan,
                ("f32", "nan:arithmetic") => ((uint)bits & F32CanonicalNan) == F32CanonicalNan,
                ("f64", "nan:canonical") => (bits & 0x7FFF_FFFF_FFFF_FFFF) == F64CanonicalNan,
                ("f64", "nan:arithmetic") => (bits & F64CanonicalNan) == F64CanonicalNan,
                _ => bits == LaneBits(lanes[i], width),
            };
            if (!ok) return false;
        }
        return true;
    }

    /// <summary>A v128 argument or constant from its lanes (each the lane's bits as an unsigned decimal).</summary>
    private static Vector128<byte> Vector(WastValue v)
    {
        var lanes = v.Lanes ?? throw new FormatException($"{v} has no lanes");
        if (lanes.Count is not (16 or 8 or 4 or 2)) throw new FormatException($"{v} does not have 2, 4, 8 or 16 lanes");
        Span<byte> bytes = stackalloc byte[16];
        var width = 16 / lanes.Count;
        for (var i = 0; i < lanes.Count; i++)
        {
            var bits = LaneBits(lanes[i], width);
            for (var b = 0; b < width; b++) bytes[i * width + b] = (byte)(bits >> (8 * b));
        }
        return Vector128.Create<byte>(bytes);
    }

    // A lane's bits; wast2json writes them unsigned, but a signed spelling is accepted and truncated to the lane width.
    private static ulong LaneBits(string lane, int width)
    {
        var mask = width == 8 ? ulong.MaxValue : (1UL << (8 * width)) - 1;
        if (ulong.TryParse(lane, NumberStyles.None, CultureInfo.InvariantCulture, out var bits)) return bits & mask;
        if (long.TryParse(lane, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var signed)) return (ulong)signed & mask;
        throw new FormatException($"'{lane}' is not a lane bit pattern");
    }

    /// <summary>A runtime value for a failure message: floats show their bits too, since NaN payloads matter.</summary>
    public static string Describe(Value v) => v.Type switch
    {
        ValueType.V128 => $"v128:i32x4[{string.Join(' ', Enumerable.Range(0, 4).Select(i => $"0x{v.AsVector128<uint>().GetElement(i):x8}"))}]",
        ValueType.F32 => $"{v} (0x{(uint)v.RawBits:x8})",
        ValueType.F64 => $"{v} (0x{v.RawBits:x16})",
        ValueType.ExternRef when v.AsExternObject() is { } o and not ExternObj => $"externref:<{o.GetType().Name} {o}>",
        _ => v.ToString(),
    };

    public static ValueType TypeOf(string type) => type switch
    {
        "i32" => ValueType.I32,
        "i64" => ValueType.I64,
        "f32" => ValueType.F32,
        "f64" => ValueType.F64,
        "v128" => ValueType.V128,
        "funcref" => ValueType.FuncRef,
        "externref" => ValueType.ExternRef,
        _ => throw new FormatException($"unknown value type '{type}'"),
    };

    // Numbers are the value's bits as an unsigned decimal; f32/i32 fit in the low 32 bits.
    private static ulong Bits(WastValue v) =>
        ulong.TryParse(v.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var bits)
            ? bits
            : throw new FormatException($"'{v.Value}' is not a {v.Type} bit pattern");
}
