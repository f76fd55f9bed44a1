using WasmBind.Generators.Model;
using static WasmBind.Generators.Emitting.Conversions;

namespace WasmBind.Generators.Emitting;

/// <summary>The C# that stores a scalar into, or loads one from, guest memory at its Canonical ABI size.</summary>
internal static class MemoryAccess
{
    /// <summary>A statement storing the scalar expression <paramref name="value"/> of <paramref name="type"/> at <paramref name="address"/>.</summary>
    public static string Store(TypeModel type, string memory, string address, string value)
    {
        var method = type.Kind switch
        {
            ValueKind.Bool or ValueKind.SByte or ValueKind.Byte => "StoreI8",
            ValueKind.Int16 or ValueKind.UInt16 => "StoreI16",
            ValueKind.Int64 or ValueKind.UInt64 => "StoreI64",
            ValueKind.Single => "StoreF32",
            ValueKind.Double => "StoreF64",
            _ => "StoreI32",
        };
        return $"{Abi}.{method}({memory}, {address}, {Lower(type, value)});";
    }

    /// <summary>An expression loading the core value of a scalar of <paramref name="type"/> at <paramref name="address"/> (to be lifted).</summary>
    public static string Load(TypeModel type, string memory, string address)
    {
        var method = type.Kind switch
        {
            ValueKind.Bool or ValueKind.Byte => "LoadU8",
            ValueKind.SByte => "LoadS8",
            ValueKind.Int16 => "LoadS16",
            ValueKind.UInt16 => "LoadU16",
            ValueKind.Int64 or ValueKind.UInt64 => "LoadI64",
            ValueKind.Single => "LoadF32",
            ValueKind.Double => "LoadF64",
            _ => "LoadI32",
        };
        return $"{Abi}.{method}({memory}, {address})";
    }

    /// <summary>The option <paramref name="option"/> lifted from its two core values (the discriminant is checked).</summary>
    public static string LiftOption(TypeModel option, string discriminant, string payload) =>
        $"{Abi}.IsSome({discriminant}) ? ({option.Element!.DisplayName}?)({Lift(option.Element!, payload)}) : null";

    /// <summary>The option <paramref name="option"/> loaded from <paramref name="address"/>, inside a range already checked.</summary>
    public static string LoadOption(TypeModel option, string memory, string address) =>
        $"{Abi}.IsSome({Abi}.LoadU8({memory}, {address})) ? ({option.Element!.DisplayName}?)" +
        $"({Lift(option.Element!, Load(option.Element!, memory, Address(address, Layout.PayloadOffset(option))))}) : null";

    /// <summary>The option <paramref name="option"/> in the result area at <paramref name="area"/>, whose range and alignment are checked first.</summary>
    public static string LiftOptionResult(TypeModel option, string memory, string area) =>
        $"{Abi}.LiftOptionCase({memory}, {area}, {Layout.Alignment(option)}, {Layout.Size(option)}) ? ({option.Element!.DisplayName}?)" +
        $"({Lift(option.Element!, Load(option.Element!, memory, Address(area, Layout.PayloadOffset(option))))}) : null";

    /// <summary>Statements storing the option in the local <paramref name="value"/> at <paramref name="address"/>: its discriminant byte, then its payload (zero for none).</summary>
    public static string[] StoreOption(TypeModel option, string memory, string address, string value) => new[]
    {
        $"{Abi}.StoreI8({memory}, {address}, {value}.HasValue ? 1 : 0);",
        Store(option.Element!, memory, Address(address, Layout.PayloadOffset(option)), value + ".GetValueOrDefault()"),
    };

    /// <summary><paramref name="pointer"/> + <paramref name="offset"/>, without a "+ 0".</summary>
    public static string Address(string pointer, int offset)
    {
        if (offset == 0) return pointer;
        // Fold "p + 16" + 1 into "p + 17", so generated addresses read as the layout's offsets.
        var plus = pointer.LastIndexOf(" + ", System.StringComparison.Ordinal);
        if (plus > 0 && int.TryParse(pointer.Substring(plus + 3), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var start))
            return pointer.Substring(0, plus) + " + " + (start + offset).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return pointer + " + " + offset.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
