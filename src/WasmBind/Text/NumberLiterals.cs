using System.Globalization;
using System.Numerics;

namespace WasmBind.Text;

/// <summary>
/// The text format's numeric literals: integers (decimal or <c>0x</c> hex, optional sign, <c>_</c> between digits)
/// and floats (decimal, hex with binary exponent, <c>inf</c>, <c>nan</c>, <c>nan:0x…</c>), rounded to nearest even.
/// Each parser returns false for text that is not a literal of its kind, and the caller reports the token.
/// </summary>
internal static class NumberLiterals
{
    /// <summary>An unsigned integer no larger than <paramref name="max"/> (no sign allowed).</summary>
    public static bool TryParseUnsigned(string text, ulong max, out ulong value)
    {
        value = 0;
        if (text.Length == 0 || text[0] is '+' or '-') return false;
        return TryParseMagnitude(text, out value, out var overflow) && !overflow && value <= max;
    }

    /// <summary>
    /// An integer of <paramref name="bits"/> bits, signed or unsigned in range (-2^(n-1) .. 2^n-1), as its bit pattern.
    /// <paramref name="outOfRange"/> tells a well-formed literal that does not fit from one that is not a literal.
    /// </summary>
    public static bool TryParseInteger(string text, int bits, out ulong value, out bool outOfRange)
    {
        value = 0;
        outOfRange = false;
        var negative = text.StartsWith('-');
        var digits = text.Length > 0 && text[0] is '+' or '-' ? text[1..] : text;
        if (!TryParseMagnitude(digits, out var magnitude, out var overflow)) return false;
        var max = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
        var minMagnitude = 1UL << (bits - 1);
        if (overflow || (negative ? magnitude > minMagnitude : magnitude > max))
        {
            outOfRange = true;
            return false;
        }
        value = (negative ? unchecked(0 - magnitude) : magnitude) & max;
        return true;
    }

    // Decimal or 0x-hex digits with single underscores between digits; no sign.
    private static bool TryParseMagnitude(string text, out ulong value, out bool overflow)
    {
        value = 0;
        overflow = false;
        var hex = text.StartsWith("0x", StringComparison.Ordinal);
        var digits = hex ? text.AsSpan(2) : text.AsSpan();
        if (!ValidDigitGroup(digits, hex)) return false;
        var radix = hex ? 16UL : 10UL;
        foreach (var c in digits)
        {
            if (c == '_') continue;
            var d = (ulong)DigitValue(c);
            if (value > (ulong.MaxValue - d) / radix) overflow = true;
            else value = value * radix + d;
        }
        return true;
    }

    /// <summary>Digits of the radix, at least one, with underscores only between two digits.</summary>
    private static bool ValidDigitGroup(ReadOnlySpan<char> digits, bool hex)
    {
        if (digits.Length == 0 || digits[0] == '_' || digits[^1] == '_') return false;
        for (var i = 0; i < digits.Length; i++)
        {
            var c = digits[i];
            if (c == '_')
            {
                if (digits[i - 1] == '_') return false;
                continue;
            }
            var d = DigitValue(c);
            if (d < 0 || (!hex && d > 9)) return false;
        }
        return true;
    }

    private static int DigitValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    /// <summary>An f32 literal's bits. <paramref name="outOfRange"/>: well-formed but rounds to infinity, or a bad NaN payload.</summary>
    public static bool TryParseF32(string text, out uint bits, out bool outOfRange)
    {
        var ok = TryParseFloat(text, Binary32, out var raw, out outOfRange);
        bits = (uint)raw;
        return ok;
    }

    /// <summary>An f64 literal's bits. <paramref name="outOfRange"/>: well-formed but rounds to infinity, or a bad NaN payload.</summary>
    public static bool TryParseF64(string text, out ulong bits, out bool outOfRange) => TryParseFloat(text, Binary64, out bits, out outOfRange);

    private sealed record FloatFormat(int Precision, int MinExponent, int MaxExponent, int Bias, int ExponentBits)
    {
        public int FractionBits => Precision - 1;
        public ulong SignBit => 1UL << (FractionBits + ExponentBits);
        public ulong Infinity => ((1UL << ExponentBits) - 1) << FractionBits;
    }

    private static readonly FloatFormat Binary32 = new(24, -126, 127, 127, 8);
    private static readonly FloatFormat Binary64 = new(53, -1022, 1023, 1023, 11);

    private static bool TryParseFloat(string text, FloatFormat format, out ulong bits, out bool outOfRange)
    {
        bits = 0;
        outOfRange = false;
        var negative = text.StartsWith('-');
        var body = text.Length > 0 && text[0] is '+' or '-' ? text[1..] : text;
        var sign = negative ? format.SignBit : 0;
        if (body == "inf")
        {
            bits = sign | format.Infinity;
            return true;
        }
        if (body == "nan")
        {
            bits = sign | format.Infinity | (1UL << (format.FractionBits - 1));
            return true;
        }
        if (body.StartsWith("nan:0x", StringComparison.Ordinal))
        {
            if (!TryParseMagnitude(body[4..], out var payload, out var overflow)) return false;
            if (overflow || payload == 0 || payload >= 1UL << format.FractionBits)
            {
                outOfRange = true;
                return false;
            }
            bits = sign | format.Infinity | payload;
            return true;
        }
        ulong magnitude;
        var parsed = body.StartsWith("0x", StringComparison.Ordinal)
            ? TryParseHexFloat(body[2..], format, out magnitude, out outOfRange)
            : TryParseDecimalFloat(body, format, out magnitude, out outOfRange);
        bits = sign | magnitude;
        return parsed;
    }

    // Splits "int[.frac][<exp-char>[sign]exp]" into its checked parts.
    private static bool Split(string body, bool hex, out string integer, out string fraction, out string? exponent)
    {
        integer = fraction = "";
        exponent = null;
        var expChars = hex ? "pP" : "eE";
        var expAt = body.IndexOfAny(expChars.ToCharArray());
        var mantissa = expAt >= 0 ? body[..expAt] : body;
        if (expAt >= 0)
        {
            exponent = body[(expAt + 1)..];
            var expDigits = exponent.Length > 0 && exponent[0] is '+' or '-' ? exponent[1..] : exponent;
            if (!ValidDigitGroup(expDigits, hex: false)) return false;
        }
        var dot = mantissa.IndexOf('.');
        integer = dot >= 0 ? mantissa[..dot] : mantissa;
        fraction = dot >= 0 ? mantissa[(dot + 1)..] : "";
        if (!ValidDigitGroup(integer, hex)) return false;
        return fraction.Length == 0 || ValidDigitGroup(fraction, hex);
    }

    private static bool TryParseDecimalFloat(string body, FloatFormat format, out ulong bits, out bool outOfRange)
    {
        bits = 0;
        outOfRange = false;
        if (!Split(body, hex: false, out var integer, out var fraction, out var exponent)) return false;
        var clean = $"{integer}.{(fraction.Length == 0 ? "0" : fraction)}e{ClampExponent(exponent)}".Replace("_", "", StringComparison.Ordinal);
        if (format == Binary32)
        {
            var f = float.Parse(clean, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (float.IsInfinity(f)) outOfRange = true;
            bits = BitConverter.SingleToUInt32Bits(f);
        }
        else
        {
            var d = double.Parse(clean, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (double.IsInfinity(d)) outOfRange = true;
            bits = BitConverter.DoubleToUInt64Bits(d);
        }
        return !outOfRange;
    }

    // Exponents beyond this only make the value overflow or vanish; clamping keeps the arithmetic in range.
    private static long ClampExponent(string? exponent)
    {
        if (exponent is null) return 0;
        var negative = exponent.StartsWith('-');
        long value = 0;
        foreach (var c in exponent)
        {
            if (c is >= '0' and <= '9') value = Math.Min(value * 10 + (c - '0'), 100_000_000);
        }
        return negative ? -value : value;
    }

    private static bool TryParseHexFloat(string body, FloatFormat format, out ulong bits, out bool outOfRange)
    {
        bits = 0;
        outOfRange = false;
        if (!Split(body, hex: true, out var integer, out var fraction, out var exponent)) return false;
        var digits = (integer + fraction).Replace("_", "", StringComparison.Ordinal);
        var mantissa = BigInteger.Parse("0" + digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        var fractionDigits = fraction.Replace("_", "", StringComparison.Ordinal).Length;
        var e = ClampExponent(exponent) - 4L * fractionDigits;
        if (mantissa.IsZero) return true;

        var length = (long)mantissa.GetBitLength();
        var leading = length - 1 + e;
        // The value is rounded to a multiple of 2^quantum: the precision's last bit, or the smallest subnormal's.
        var quantum = Math.Max(leading - (format.Precision - 1), format.MinExponent - (format.Precision - 1));
        var shift = quantum - e;
        BigInteger rounded;
        if (shift <= 0) rounded = mantissa << (int)-shift;
        else if (shift > length) rounded = BigInteger.Zero;
        else rounded = RoundShiftRight(mantissa, (int)shift);
        if (rounded.IsZero) return true;
        if (rounded.GetBitLength() > format.Precision)
        {
            rounded >>= 1;
            quantum++;
        }
        var top = (long)rounded.GetBitLength() - 1 + quantum;
        if (top > format.MaxExponent)
        {
            outOfRange = true;
            return false;
        }
        var r = (ulong)rounded;
        if (rounded.GetBitLength() < format.Precision)
        {
            bits = r; // subnormal: biased exponent 0
            return true;
        }
        var biased = (ulong)(top + format.Bias);
        bits = (biased << format.FractionBits) | (r & ((1UL << format.FractionBits) - 1));
        return true;
    }

    // value >> shift, rounded to nearest, ties to even.
    private static BigInteger RoundShiftRight(BigInteger value, int shift)
    {
        var kept = value >> shift;
        var remainder = value - (kept << shift);
        var half = BigInteger.One << (shift - 1);
        var cmp = remainder.CompareTo(half);
        if (cmp > 0 || (cmp == 0 && !kept.IsEven)) kept += 1;
        return kept;
    }
}
