using WasmBind.Generators.Model;
using static WasmBind.Generators.Emitting.Conversions;

namespace WasmBind.Generators.Emitting
{
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

        /// <summary><paramref name="pointer"/> + <paramref name="offset"/>, without a "+ 0".</summary>
        public static string Address(string pointer, int offset) =>
            offset == 0 ? pointer : pointer + " + " + offset.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
