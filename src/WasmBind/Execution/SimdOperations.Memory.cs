using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using WasmBind.Binary;

namespace WasmBind.Execution;

/// <summary>The memory forms of the vector instructions; the caller has bounds-checked the access (alignment is only a hint).</summary>
internal static unsafe partial class SimdOperations
{
    /// <summary>A <see cref="SimdShape.Load"/> from host address <paramref name="p"/> (its access size already checked).</summary>
    public static Vector128<byte> Load(SimdOpcode op, byte* p) => op switch
    {
        SimdOpcode.V128Load => Unsafe.ReadUnaligned<Vector128<byte>>(p),
        SimdOpcode.V128Load8x8S => Vector128.WidenLower(Vector128.CreateScalar(Unsafe.ReadUnaligned<ulong>(p)).AsSByte()).AsByte(),
        SimdOpcode.V128Load8x8U => Vector128.WidenLower(Vector128.CreateScalar(Unsafe.ReadUnaligned<ulong>(p)).AsByte()).AsByte(),
        SimdOpcode.V128Load16x4S => Vector128.WidenLower(Vector128.CreateScalar(Unsafe.ReadUnaligned<ulong>(p)).AsInt16()).AsByte(),
        SimdOpcode.V128Load16x4U => Vector128.WidenLower(Vector128.CreateScalar(Unsafe.ReadUnaligned<ulong>(p)).AsUInt16()).AsByte(),
        SimdOpcode.V128Load32x2S => Vector128.WidenLower(Vector128.CreateScalar(Unsafe.ReadUnaligned<ulong>(p)).AsInt32()).AsByte(),
        SimdOpcode.V128Load32x2U => Vector128.WidenLower(Vector128.CreateScalar(Unsafe.ReadUnaligned<ulong>(p)).AsUInt32()).AsByte(),
        SimdOpcode.V128Load8Splat => Vector128.Create(*p),
        SimdOpcode.V128Load16Splat => Vector128.Create(Unsafe.ReadUnaligned<ushort>(p)).AsByte(),
        SimdOpcode.V128Load32Splat => Vector128.Create(Unsafe.ReadUnaligned<uint>(p)).AsByte(),
        SimdOpcode.V128Load64Splat => Vector128.Create(Unsafe.ReadUnaligned<ulong>(p)).AsByte(),
        SimdOpcode.V128Load32Zero => Vector128.CreateScalar(Unsafe.ReadUnaligned<uint>(p)).AsByte(),
        SimdOpcode.V128Load64Zero => Vector128.CreateScalar(Unsafe.ReadUnaligned<ulong>(p)).AsByte(),
        _ => throw NotInShape(op),
    };

    /// <summary><c>v128.loadN_lane</c>: <paramref name="vector"/> with lane <paramref name="lane"/> replaced by <paramref name="size"/> bytes read at <paramref name="p"/>.</summary>
    public static Vector128<byte> LoadLane(int size, byte* p, Vector128<byte> vector, int lane) => size switch
    {
        1 => vector.WithElement(lane, *p),
        2 => vector.AsUInt16().WithElement(lane, Unsafe.ReadUnaligned<ushort>(p)).AsByte(),
        4 => vector.AsUInt32().WithElement(lane, Unsafe.ReadUnaligned<uint>(p)).AsByte(),
        _ => vector.AsUInt64().WithElement(lane, Unsafe.ReadUnaligned<ulong>(p)).AsByte(),
    };

    /// <summary><c>v128.storeN_lane</c>: writes lane <paramref name="lane"/> of <paramref name="vector"/> (<paramref name="size"/> bytes) at <paramref name="p"/>.</summary>
    public static void StoreLane(int size, byte* p, Vector128<byte> vector, int lane)
    {
        switch (size)
        {
            case 1: *p = vector.GetElement(lane); break;
            case 2: Unsafe.WriteUnaligned(p, vector.AsUInt16().GetElement(lane)); break;
            case 4: Unsafe.WriteUnaligned(p, vector.AsUInt32().GetElement(lane)); break;
            default: Unsafe.WriteUnaligned(p, vector.AsUInt64().GetElement(lane)); break;
        }
    }
}
