using System.Globalization;

namespace WasmBind.Cli.Commands;

/// <summary>Parses command-line text into a value of a parameter's type: <c>42</c>, <c>-1</c>, <c>0xff</c>, <c>1.5</c>, <c>inf</c>, <c>nan</c>, or typed as <c>i32:42</c>.</summary>
internal static class ValueArguments
{
    public static Value Parse(string text, ValueType type)
    {
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
