using System.Globalization;

namespace WasmBind.Cli.Commands;

/// <summary>
/// Parses command-line text into a value of a parameter's type: <c>42</c>, <c>-1</c>, <c>0xff</c>, <c>1.5</c>, <c>inf</c>,
/// <c>nan</c>, or typed as <c>i32:42</c>; a v128 as lanes (<c>i32x4:1,2,3,4</c>, <c>f32x4:1.5,nan,0,-0</c>) or as one
/// 128-bit hex number (<c>0x000000040000000300000002000000001</c>, as results print).
/// </summary>
internal static class ValueArguments
{
    public static Value Parse(string text, ValueType type)
    {
        if (type == ValueType.V128) return ParseV128(text);
        var body = StripTypePrefix(text, type);
        return type switch
        {
            ValueType.I32 => Value.I32(ParseI32(body) ?? throw Bad(text, type)),
            ValueType.I64 => Value.I64(ParseI64(body) ?? throw Bad(text, type)),
            ValueType.F32 => Value.F32((float)(ParseFloat(body) ?? throw Bad(text, type))),
            ValueType.F64 => Value.F64(ParseFloat(body) ?? throw Bad(text, type)),
            ValueType.FuncRef when IsNull(body) => Value.FuncRef(null),
            ValueType.FuncRef => throw new UsageException($"a funcref argument can only be null here, not '{text}'"),
            ValueType.ExternRef => Value.ExternRef(IsNull(body) ? null : body),
            _ => throw new UsageException($"{type.ToWatName()} arguments are not supported by the command line"),
        };
    }

    // "i32:5" names its type; the prefix must agree with the parameter so a typo is not silently reinterpreted.
    private static string StripTypePrefix(string text, ValueType type)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0) return text;
        var prefix = text[..colon];
        if (prefix != type.ToWatName())
            throw new UsageException($"argument '{text}' is typed {prefix}, but the parameter is {type.ToWatName()}");
        return text[(colon + 1)..];
    }

    private static Value ParseV128(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var shape = colon < 0 ? "v128" : text[..colon];
        var body = colon < 0 ? text : text[(colon + 1)..];
        if (shape == "v128")
        {
            if (!body.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || body.Length > 34
                || !UInt128.TryParse(body.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var bits))
            {
                throw new UsageException($"'{text}' is not a valid v128: give lanes (i32x4:1,2,3,4) or up to 32 hex digits (0x...)");
            }
            return Value.V128(System.Runtime.Intrinsics.Vector128.Create((ulong)bits, (ulong)(bits >> 64)));
        }
        var lanes = body.Split(',');
        Value Lanes<T>(int count, Func<string, T?> parse) where T : struct
        {
            if (lanes.Length != count) throw new UsageException($"'{text}': {shape} takes {count} lanes, got {lanes.Length}");
            var values = new T[count];
            for (var i = 0; i < count; i++)
            {
                values[i] = parse(lanes[i].Trim()) ?? throw new UsageException($"'{lanes[i]}' is not a valid {shape} lane in '{text}'");
            }
            return Value.V128(System.Runtime.Intrinsics.Vector128.Create<T>(values));
        }
        return shape switch
        {
            "i8x16" => Lanes(16, l => ParseI32(l) is { } v && v is >= sbyte.MinValue and <= byte.MaxValue ? (byte?)(byte)v : null),
            "i16x8" => Lanes(8, l => ParseI32(l) is { } v && v is >= short.MinValue and <= ushort.MaxValue ? (ushort?)(ushort)v : null),
            "i32x4" => Lanes(4, ParseI32),
            "i64x2" => Lanes(2, ParseI64),
            "f32x4" => Lanes(4, l => ParseFloat(l) is { } v ? (float?)(float)v : null),
            "f64x2" => Lanes(2, ParseFloat),
            _ => throw new UsageException($"argument '{text}' is typed {shape}, but the parameter is v128 (use i8x16, i16x8, i32x4, i64x2, f32x4 or f64x2)"),
        };
    }

    private static bool IsNull(string text) => text is "null" or "ref.null";

    private static int? ParseI32(string text)
    {
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var signed)) return signed;
        // The unsigned spelling of the same bits (4294967295 for -1), as the spec scripts write them.
        if (uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var unsigned)) return (int)unsigned;
        return TryHex(text, out var hex) && hex <= uint.MaxValue ? (int)(uint)hex : null;
    }

    private static long? ParseI64(string text)
    {
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var signed)) return signed;
        if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var unsigned)) return (long)unsigned;
        return TryHex(text, out var hex) ? (long)hex : null;
    }

    private static double? ParseFloat(string text)
    {
        switch (text.ToLowerInvariant())
        {
            case "nan" or "+nan": return double.NaN;
            case "-nan": return -double.NaN;
            case "inf" or "+inf" or "infinity" or "+infinity": return double.PositiveInfinity;
            case "-inf" or "-infinity": return double.NegativeInfinity;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    private static bool TryHex(string text, out ulong value)
    {
        value = 0;
        return text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            && ulong.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
    }

    private static UsageException Bad(string text, ValueType type) =>
        new($"'{text}' is not a valid {type.ToWatName()}");
}
