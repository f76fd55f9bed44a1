using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
using WasmBind.Binary;

namespace WasmBind.Execution;

/// <summary>
/// Relaxed SIMD with <see cref="EngineConfig.RelaxedSimdNative"/>: the hardware's own instruction where it is one of
/// the results the spec allows and cheaper than the deterministic choice. Where this machine has no such
/// instruction, the deterministic result (the spec's deterministic profile, see <see cref="Unary"/> and friends)
/// is used, which is also always allowed. Results may then differ between x64 and Arm64; the default does not.
/// The truncations (<c>i32x4.relaxed_trunc_*</c>) always saturate: x86's <c>cvttps2dq</c> answer for NaN is not one the
/// proposal's tests accept, and the saturating one is.
/// </summary>
internal static partial class SimdOperations
{
    public static Vector128<byte> RelaxedNativeBinary(SimdOpcode op, Vector128<byte> a, Vector128<byte> b)
    {
        switch (op)
        {
            // pshufb: a set top bit gives 0, otherwise the low four bits index (allowed: i[j mod 16]).
            case SimdOpcode.I8x16RelaxedSwizzle when Ssse3.IsSupported:
                return Ssse3.Shuffle(a, b);
            // minps/maxps return the second operand for NaNs and for zeros of either sign: allowed choices.
            case SimdOpcode.F32x4RelaxedMin when Sse.IsSupported:
                return Sse.Min(a.AsSingle(), b.AsSingle()).AsByte();
            case SimdOpcode.F32x4RelaxedMax when Sse.IsSupported:
                return Sse.Max(a.AsSingle(), b.AsSingle()).AsByte();
            case SimdOpcode.F64x2RelaxedMin when Sse2.IsSupported:
                return Sse2.Min(a.AsDouble(), b.AsDouble()).AsByte();
            case SimdOpcode.F64x2RelaxedMax when Sse2.IsSupported:
                return Sse2.Max(a.AsDouble(), b.AsDouble()).AsByte();
            // pmulhrsw: the one overflowing case gives 0x8000, the other allowed result.
            case SimdOpcode.I16x8RelaxedQ15mulrS when Ssse3.IsSupported:
                return Ssse3.MultiplyHighRoundScale(a.AsInt16(), b.AsInt16()).AsByte();
            // pmaddubsw treats its first operand as unsigned: b's lanes unsigned, a's signed (the allowed "u" choice).
            case SimdOpcode.I16x8RelaxedDotI8x16I7x16S when Ssse3.IsSupported:
                return Ssse3.MultiplyAddAdjacent(b, a.AsSByte()).AsByte();
            default:
                return Binary(op, a, b);
        }
    }

    public static Vector128<byte> RelaxedNativeTernary(SimdOpcode op, Vector128<byte> a, Vector128<byte> b, Vector128<byte> c)
    {
        var fused = Fma.IsSupported || AdvSimd.IsSupported;
        switch (op)
        {
            // Fused multiply-add (one rounding): the other allowed result, and one instruction where the hardware has it.
            case SimdOpcode.F32x4RelaxedMadd when fused:
                return Vector128.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).AsByte();
            case SimdOpcode.F32x4RelaxedNmadd when fused:
                return Vector128.FusedMultiplyAdd(-a.AsSingle(), b.AsSingle(), c.AsSingle()).AsByte();
            case SimdOpcode.F64x2RelaxedMadd when fused:
                return Vector128.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).AsByte();
            case SimdOpcode.F64x2RelaxedNmadd when fused:
                return Vector128.FusedMultiplyAdd(-a.AsDouble(), b.AsDouble(), c.AsDouble()).AsByte();
            // pblendvb selects whole bytes by their top bit: the allowed "top bit of the mask lane" choice.
            case SimdOpcode.I8x16RelaxedLaneselect when Sse41.IsSupported:
                return Sse41.BlendVariable(b, a, c);
            case SimdOpcode.I32x4RelaxedLaneselect when Sse41.IsSupported:
                return Sse41.BlendVariable(b.AsSingle(), a.AsSingle(), c.AsSingle()).AsByte();
            case SimdOpcode.I64x2RelaxedLaneselect when Sse41.IsSupported:
                return Sse41.BlendVariable(b.AsDouble(), a.AsDouble(), c.AsDouble()).AsByte();
            default:
                return Ternary(op, a, b, c);
        }
    }
}
