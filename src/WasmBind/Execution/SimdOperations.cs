using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using WasmBind.Binary;

namespace WasmBind.Execution;

/// <summary>
/// The semantics of the vector instructions (spec exec/numerics.rst), one method per <see cref="SimdShape"/> and
/// one case per <see cref="SimdOpcode"/>. Values are <see cref="Vector128{T}"/> of bytes reinterpreted per lane
/// type. Cross-platform <see cref="Vector128"/> operations are used where their result is defined bit for bit on
/// every platform; where hardware differs (NaN, signed zero, saturation, shift counts) the code states the spec's
/// rule explicitly, with an x86 or Arm intrinsic behind <c>IsSupported</c> only where it computes exactly that rule.
/// </summary>
internal static partial class SimdOperations
{
    /// <summary>Thrown for an opcode a shape method does not know: the table and the semantics disagree (a bug).</summary>
    private static InvalidOperationException NotInShape(SimdOpcode op) => new($"no semantics for {SimdInstructions.Name(op)} in its shape");

    public static Vector128<byte> Unary(SimdOpcode op, Vector128<byte> a) => op switch
    {
        SimdOpcode.V128Not => ~a,
        SimdOpcode.I8x16Abs => IntAbs(a.AsSByte()).AsByte(),
        SimdOpcode.I16x8Abs => IntAbs(a.AsInt16()).AsByte(),
        SimdOpcode.I32x4Abs => IntAbs(a.AsInt32()).AsByte(),
        SimdOpcode.I64x2Abs => IntAbs(a.AsInt64()).AsByte(),
        SimdOpcode.I8x16Neg => (-a.AsSByte()).AsByte(),
        SimdOpcode.I16x8Neg => (-a.AsInt16()).AsByte(),
        SimdOpcode.I32x4Neg => (-a.AsInt32()).AsByte(),
        SimdOpcode.I64x2Neg => (-a.AsInt64()).AsByte(),
        SimdOpcode.I8x16Popcnt => Popcount(a),
        // abs and neg touch only the sign bit, NaNs included (spec: fabs/fneg are not arithmetic).
        SimdOpcode.F32x4Abs => (a.AsUInt32() & Vector128.Create(0x7FFF_FFFFu)).AsByte(),
        SimdOpcode.F64x2Abs => (a.AsUInt64() & Vector128.Create(0x7FFF_FFFF_FFFF_FFFFul)).AsByte(),
        SimdOpcode.F32x4Neg => (a.AsUInt32() ^ Vector128.Create(0x8000_0000u)).AsByte(),
        SimdOpcode.F64x2Neg => (a.AsUInt64() ^ Vector128.Create(0x8000_0000_0000_0000ul)).AsByte(),
        SimdOpcode.F32x4Sqrt => QuietNans(Vector128.Sqrt(a.AsSingle()), a.AsSingle()).AsByte(),
        SimdOpcode.F64x2Sqrt => QuietNans(Vector128.Sqrt(a.AsDouble()), a.AsDouble()).AsByte(),
        SimdOpcode.F32x4Ceil => QuietNans(Vector128.Ceiling(a.AsSingle()), a.AsSingle()).AsByte(),
        SimdOpcode.F32x4Floor => QuietNans(Vector128.Floor(a.AsSingle()), a.AsSingle()).AsByte(),
        SimdOpcode.F32x4Trunc => QuietNans(Vector128.Truncate(a.AsSingle()), a.AsSingle()).AsByte(),
        SimdOpcode.F32x4Nearest => QuietNans(Vector128.Round(a.AsSingle()), a.AsSingle()).AsByte(),
        SimdOpcode.F64x2Ceil => QuietNans(Vector128.Ceiling(a.AsDouble()), a.AsDouble()).AsByte(),
        SimdOpcode.F64x2Floor => QuietNans(Vector128.Floor(a.AsDouble()), a.AsDouble()).AsByte(),
        SimdOpcode.F64x2Trunc => QuietNans(Vector128.Truncate(a.AsDouble()), a.AsDouble()).AsByte(),
        SimdOpcode.F64x2Nearest => QuietNans(Vector128.Round(a.AsDouble()), a.AsDouble()).AsByte(),
        SimdOpcode.I16x8ExtaddPairwiseI8x16S => ExtAddPairwise(a.AsSByte()).AsByte(),
        SimdOpcode.I16x8ExtaddPairwiseI8x16U => ExtAddPairwise(a).AsByte(),
        SimdOpcode.I32x4ExtaddPairwiseI16x8S => ExtAddPairwise(a.AsInt16()).AsByte(),
        SimdOpcode.I32x4ExtaddPairwiseI16x8U => ExtAddPairwise(a.AsUInt16()).AsByte(),
        SimdOpcode.I16x8ExtendLowI8x16S => Vector128.WidenLower(a.AsSByte()).AsByte(),
        SimdOpcode.I16x8ExtendHighI8x16S => Vector128.WidenUpper(a.AsSByte()).AsByte(),
        SimdOpcode.I16x8ExtendLowI8x16U => Vector128.WidenLower(a).AsByte(),
        SimdOpcode.I16x8ExtendHighI8x16U => Vector128.WidenUpper(a).AsByte(),
        SimdOpcode.I32x4ExtendLowI16x8S => Vector128.WidenLower(a.AsInt16()).AsByte(),
        SimdOpcode.I32x4ExtendHighI16x8S => Vector128.WidenUpper(a.AsInt16()).AsByte(),
        SimdOpcode.I32x4ExtendLowI16x8U => Vector128.WidenLower(a.AsUInt16()).AsByte(),
        SimdOpcode.I32x4ExtendHighI16x8U => Vector128.WidenUpper(a.AsUInt16()).AsByte(),
        SimdOpcode.I64x2ExtendLowI32x4S => Vector128.WidenLower(a.AsInt32()).AsByte(),
        SimdOpcode.I64x2ExtendHighI32x4S => Vector128.WidenUpper(a.AsInt32()).AsByte(),
        SimdOpcode.I64x2ExtendLowI32x4U => Vector128.WidenLower(a.AsUInt32()).AsByte(),
        SimdOpcode.I64x2ExtendHighI32x4U => Vector128.WidenUpper(a.AsUInt32()).AsByte(),
        SimdOpcode.F32x4DemoteF64x2Zero => Vector128.Create((float)a.AsDouble()[0], (float)a.AsDouble()[1], 0f, 0f).AsByte(),
        SimdOpcode.F64x2PromoteLowF32x4 => Vector128.Create((double)a.AsSingle()[0], (double)a.AsSingle()[1]).AsByte(),
        SimdOpcode.F32x4ConvertI32x4S => Vector128.ConvertToSingle(a.AsInt32()).AsByte(),
        SimdOpcode.F32x4ConvertI32x4U => ConvertToSingle(a.AsUInt32()).AsByte(),
        SimdOpcode.F64x2ConvertLowI32x4S => Vector128.Create((double)a.AsInt32()[0], a.AsInt32()[1]).AsByte(),
        SimdOpcode.F64x2ConvertLowI32x4U => Vector128.Create((double)a.AsUInt32()[0], a.AsUInt32()[1]).AsByte(),
        SimdOpcode.I32x4TruncSatF32x4S or SimdOpcode.I32x4RelaxedTruncF32x4S => TruncSatS(a.AsSingle()).AsByte(),
        SimdOpcode.I32x4TruncSatF32x4U or SimdOpcode.I32x4RelaxedTruncF32x4U => TruncSatU(a.AsSingle()).AsByte(),
        SimdOpcode.I32x4TruncSatF64x2SZero or SimdOpcode.I32x4RelaxedTruncF64x2SZero => TruncSatSZero(a.AsDouble()).AsByte(),
        SimdOpcode.I32x4TruncSatF64x2UZero or SimdOpcode.I32x4RelaxedTruncF64x2UZero => TruncSatUZero(a.AsDouble()).AsByte(),
        _ => throw NotInShape(op),
    };

    public static Vector128<byte> Binary(SimdOpcode op, Vector128<byte> a, Vector128<byte> b) => op switch
    {
        SimdOpcode.V128And => a & b,
        SimdOpcode.V128Andnot => a & ~b,
        SimdOpcode.V128Or => a | b,
        SimdOpcode.V128Xor => a ^ b,
        SimdOpcode.I8x16Swizzle or SimdOpcode.I8x16RelaxedSwizzle => Vector128.Shuffle(a, b),
        SimdOpcode.I8x16Eq => Vector128.Equals(a, b),
        SimdOpcode.I8x16Ne => ~Vector128.Equals(a, b),
        SimdOpcode.I8x16LtS => Vector128.LessThan(a.AsSByte(), b.AsSByte()).AsByte(),
        SimdOpcode.I8x16LtU => Vector128.LessThan(a, b),
        SimdOpcode.I8x16GtS => Vector128.GreaterThan(a.AsSByte(), b.AsSByte()).AsByte(),
        SimdOpcode.I8x16GtU => Vector128.GreaterThan(a, b),
        SimdOpcode.I8x16LeS => Vector128.LessThanOrEqual(a.AsSByte(), b.AsSByte()).AsByte(),
        SimdOpcode.I8x16LeU => Vector128.LessThanOrEqual(a, b),
        SimdOpcode.I8x16GeS => Vector128.GreaterThanOrEqual(a.AsSByte(), b.AsSByte()).AsByte(),
        SimdOpcode.I8x16GeU => Vector128.GreaterThanOrEqual(a, b),
        SimdOpcode.I16x8Eq => Vector128.Equals(a.AsInt16(), b.AsInt16()).AsByte(),
        SimdOpcode.I16x8Ne => (~Vector128.Equals(a.AsInt16(), b.AsInt16())).AsByte(),
        SimdOpcode.I16x8LtS => Vector128.LessThan(a.AsInt16(), b.AsInt16()).AsByte(),
        SimdOpcode.I16x8LtU => Vector128.LessThan(a.AsUInt16(), b.AsUInt16()).AsByte(),
        SimdOpcode.I16x8GtS => Vector128.GreaterThan(a.AsInt16(), b.AsInt16()).AsByte(),
        SimdOpcode.I16x8GtU => Vector128.GreaterThan(a.AsUInt16(), b.AsUInt16()).AsByte(),
        SimdOpcode.I16x8LeS => Vector128.LessThanOrEqual(a.AsInt16(), b.AsInt16()).AsByte(),
        SimdOpcode.I16x8LeU => Vector128.LessThanOrEqual(a.AsUInt16(), b.AsUInt16()).AsByte(),
        SimdOpcode.I16x8GeS => Vector128.GreaterThanOrEqual(a.AsInt16(), b.AsInt16()).AsByte(),
        SimdOpcode.I16x8GeU => Vector128.GreaterThanOrEqual(a.AsUInt16(), b.AsUInt16()).AsByte(),
        SimdOpcode.I32x4Eq => Vector128.Equals(a.AsInt32(), b.AsInt32()).AsByte(),
        SimdOpcode.I32x4Ne => (~Vector128.Equals(a.AsInt32(), b.AsInt32())).AsByte(),
        SimdOpcode.I32x4LtS => Vector128.LessThan(a.AsInt32(), b.AsInt32()).AsByte(),
        SimdOpcode.I32x4LtU => Vector128.LessThan(a.AsUInt32(), b.AsUInt32()).AsByte(),
        SimdOpcode.I32x4GtS => Vector128.GreaterThan(a.AsInt32(), b.AsInt32()).AsByte(),
        SimdOpcode.I32x4GtU => Vector128.GreaterThan(a.AsUInt32(), b.AsUInt32()).AsByte(),
        SimdOpcode.I32x4LeS => Vector128.LessThanOrEqual(a.AsInt32(), b.AsInt32()).AsByte(),
        SimdOpcode.I32x4LeU => Vector128.LessThanOrEqual(a.AsUInt32(), b.AsUInt32()).AsByte(),
        SimdOpcode.I32x4GeS => Vector128.GreaterThanOrEqual(a.AsInt32(), b.AsInt32()).AsByte(),
        SimdOpcode.I32x4GeU => Vector128.GreaterThanOrEqual(a.AsUInt32(), b.AsUInt32()).AsByte(),
        SimdOpcode.I64x2Eq => Vector128.Equals(a.AsInt64(), b.AsInt64()).AsByte(),
        SimdOpcode.I64x2Ne => (~Vector128.Equals(a.AsInt64(), b.AsInt64())).AsByte(),
        SimdOpcode.I64x2LtS => Vector128.LessThan(a.AsInt64(), b.AsInt64()).AsByte(),
        SimdOpcode.I64x2GtS => Vector128.GreaterThan(a.AsInt64(), b.AsInt64()).AsByte(),
        SimdOpcode.I64x2LeS => Vector128.LessThanOrEqual(a.AsInt64(), b.AsInt64()).AsByte(),
        SimdOpcode.I64x2GeS => Vector128.GreaterThanOrEqual(a.AsInt64(), b.AsInt64()).AsByte(),
        // Ordered comparisons: false when either lane is NaN; ne is the negation of eq, so true for NaN.
        SimdOpcode.F32x4Eq => Vector128.Equals(a.AsSingle(), b.AsSingle()).AsByte(),
        SimdOpcode.F32x4Ne => (~Vector128.Equals(a.AsSingle(), b.AsSingle())).AsByte(),
        SimdOpcode.F32x4Lt => Vector128.LessThan(a.AsSingle(), b.AsSingle()).AsByte(),
        SimdOpcode.F32x4Gt => Vector128.GreaterThan(a.AsSingle(), b.AsSingle()).AsByte(),
        SimdOpcode.F32x4Le => Vector128.LessThanOrEqual(a.AsSingle(), b.AsSingle()).AsByte(),
        SimdOpcode.F32x4Ge => Vector128.GreaterThanOrEqual(a.AsSingle(), b.AsSingle()).AsByte(),
        SimdOpcode.F64x2Eq => Vector128.Equals(a.AsDouble(), b.AsDouble()).AsByte(),
        SimdOpcode.F64x2Ne => (~Vector128.Equals(a.AsDouble(), b.AsDouble())).AsByte(),
        SimdOpcode.F64x2Lt => Vector128.LessThan(a.AsDouble(), b.AsDouble()).AsByte(),
        SimdOpcode.F64x2Gt => Vector128.GreaterThan(a.AsDouble(), b.AsDouble()).AsByte(),
        SimdOpcode.F64x2Le => Vector128.LessThanOrEqual(a.AsDouble(), b.AsDouble()).AsByte(),
        SimdOpcode.F64x2Ge => Vector128.GreaterThanOrEqual(a.AsDouble(), b.AsDouble()).AsByte(),
        SimdOpcode.I8x16NarrowI16x8S => NarrowS(a.AsInt16(), b.AsInt16()).AsByte(),
        SimdOpcode.I8x16NarrowI16x8U => NarrowU(a.AsInt16(), b.AsInt16()),
        SimdOpcode.I16x8NarrowI32x4S => NarrowS(a.AsInt32(), b.AsInt32()).AsByte(),
        SimdOpcode.I16x8NarrowI32x4U => NarrowU(a.AsInt32(), b.AsInt32()).AsByte(),
        SimdOpcode.I8x16Add => a + b,
        SimdOpcode.I8x16Sub => a - b,
        SimdOpcode.I16x8Add => (a.AsInt16() + b.AsInt16()).AsByte(),
        SimdOpcode.I16x8Sub => (a.AsInt16() - b.AsInt16()).AsByte(),
        SimdOpcode.I16x8Mul => (a.AsInt16() * b.AsInt16()).AsByte(),
        SimdOpcode.I32x4Add => (a.AsInt32() + b.AsInt32()).AsByte(),
        SimdOpcode.I32x4Sub => (a.AsInt32() - b.AsInt32()).AsByte(),
        SimdOpcode.I32x4Mul => (a.AsInt32() * b.AsInt32()).AsByte(),
        SimdOpcode.I64x2Add => (a.AsInt64() + b.AsInt64()).AsByte(),
        SimdOpcode.I64x2Sub => (a.AsInt64() - b.AsInt64()).AsByte(),
        SimdOpcode.I64x2Mul => (a.AsInt64() * b.AsInt64()).AsByte(),
        SimdOpcode.I8x16AddSatS => AddSaturate(a.AsSByte(), b.AsSByte()).AsByte(),
        SimdOpcode.I8x16AddSatU => AddSaturate(a, b),
        SimdOpcode.I8x16SubSatS => SubtractSaturate(a.AsSByte(), b.AsSByte()).AsByte(),
        SimdOpcode.I8x16SubSatU => SubtractSaturate(a, b),
        SimdOpcode.I16x8AddSatS => AddSaturate(a.AsInt16(), b.AsInt16()).AsByte(),
        SimdOpcode.I16x8AddSatU => AddSaturate(a.AsUInt16(), b.AsUInt16()).AsByte(),
        SimdOpcode.I16x8SubSatS => SubtractSaturate(a.AsInt16(), b.AsInt16()).AsByte(),
        SimdOpcode.I16x8SubSatU => SubtractSaturate(a.AsUInt16(), b.AsUInt16()).AsByte(),
        SimdOpcode.I8x16MinS => Vector128.Min(a.AsSByte(), b.AsSByte()).AsByte(),
        SimdOpcode.I8x16MinU => Vector128.Min(a, b),
        SimdOpcode.I8x16MaxS => Vector128.Max(a.AsSByte(), b.AsSByte()).AsByte(),
        SimdOpcode.I8x16MaxU => Vector128.Max(a, b),
        SimdOpcode.I16x8MinS => Vector128.Min(a.AsInt16(), b.AsInt16()).AsByte(),
        SimdOpcode.I16x8MinU => Vector128.Min(a.AsUInt16(), b.AsUInt16()).AsByte(),
        SimdOpcode.I16x8MaxS => Vector128.Max(a.AsInt16(), b.AsInt16()).AsByte(),
        SimdOpcode.I16x8MaxU => Vector128.Max(a.AsUInt16(), b.AsUInt16()).AsByte(),
        SimdOpcode.I32x4MinS => Vector128.Min(a.AsInt32(), b.AsInt32()).AsByte(),
        SimdOpcode.I32x4MinU => Vector128.Min(a.AsUInt32(), b.AsUInt32()).AsByte(),
        SimdOpcode.I32x4MaxS => Vector128.Max(a.AsInt32(), b.AsInt32()).AsByte(),
        SimdOpcode.I32x4MaxU => Vector128.Max(a.AsUInt32(), b.AsUInt32()).AsByte(),
        // Rounding average without overflow: (a | b) - ((a ^ b) >> 1) is ceil((a + b) / 2).
        SimdOpcode.I8x16AvgrU => (a | b) - ((a ^ b) >>> 1),
        SimdOpcode.I16x8AvgrU => ((a.AsUInt16() | b.AsUInt16()) - ((a.AsUInt16() ^ b.AsUInt16()) >>> 1)).AsByte(),
        SimdOpcode.I16x8Q15mulrSatS or SimdOpcode.I16x8RelaxedQ15mulrS => Q15MulRoundSaturate(a.AsInt16(), b.AsInt16()).AsByte(),
        SimdOpcode.I16x8ExtmulLowI8x16S => (Vector128.WidenLower(a.AsSByte()) * Vector128.WidenLower(b.AsSByte())).AsByte(),
        SimdOpcode.I16x8ExtmulHighI8x16S => (Vector128.WidenUpper(a.AsSByte()) * Vector128.WidenUpper(b.AsSByte())).AsByte(),
        SimdOpcode.I16x8ExtmulLowI8x16U => (Vector128.WidenLower(a) * Vector128.WidenLower(b)).AsByte(),
        SimdOpcode.I16x8ExtmulHighI8x16U => (Vector128.WidenUpper(a) * Vector128.WidenUpper(b)).AsByte(),
        SimdOpcode.I32x4ExtmulLowI16x8S => (Vector128.WidenLower(a.AsInt16()) * Vector128.WidenLower(b.AsInt16())).AsByte(),
        SimdOpcode.I32x4ExtmulHighI16x8S => (Vector128.WidenUpper(a.AsInt16()) * Vector128.WidenUpper(b.AsInt16())).AsByte(),
        SimdOpcode.I32x4ExtmulLowI16x8U => (Vector128.WidenLower(a.AsUInt16()) * Vector128.WidenLower(b.AsUInt16())).AsByte(),
        SimdOpcode.I32x4ExtmulHighI16x8U => (Vector128.WidenUpper(a.AsUInt16()) * Vector128.WidenUpper(b.AsUInt16())).AsByte(),
        SimdOpcode.I64x2ExtmulLowI32x4S => (Vector128.WidenLower(a.AsInt32()) * Vector128.WidenLower(b.AsInt32())).AsByte(),
        SimdOpcode.I64x2ExtmulHighI32x4S => (Vector128.WidenUpper(a.AsInt32()) * Vector128.WidenUpper(b.AsInt32())).AsByte(),
        SimdOpcode.I64x2ExtmulLowI32x4U => (Vector128.WidenLower(a.AsUInt32()) * Vector128.WidenLower(b.AsUInt32())).AsByte(),
        SimdOpcode.I64x2ExtmulHighI32x4U => (Vector128.WidenUpper(a.AsUInt32()) * Vector128.WidenUpper(b.AsUInt32())).AsByte(),
        SimdOpcode.I32x4DotI16x8S => DotS(a.AsInt16(), b.AsInt16()).AsByte(),
        SimdOpcode.I16x8RelaxedDotI8x16I7x16S => DotSaturate(a.AsSByte(), b.AsSByte()).AsByte(),
        SimdOpcode.F32x4Add => (a.AsSingle() + b.AsSingle()).AsByte(),
        SimdOpcode.F32x4Sub => (a.AsSingle() - b.AsSingle()).AsByte(),
        SimdOpcode.F32x4Mul => (a.AsSingle() * b.AsSingle()).AsByte(),
        SimdOpcode.F32x4Div => (a.AsSingle() / b.AsSingle()).AsByte(),
        SimdOpcode.F64x2Add => (a.AsDouble() + b.AsDouble()).AsByte(),
        SimdOpcode.F64x2Sub => (a.AsDouble() - b.AsDouble()).AsByte(),
        SimdOpcode.F64x2Mul => (a.AsDouble() * b.AsDouble()).AsByte(),
        SimdOpcode.F64x2Div => (a.AsDouble() / b.AsDouble()).AsByte(),
        SimdOpcode.F32x4Min or SimdOpcode.F32x4RelaxedMin => Min(a.AsSingle(), b.AsSingle()).AsByte(),
        SimdOpcode.F32x4Max or SimdOpcode.F32x4RelaxedMax => Max(a.AsSingle(), b.AsSingle()).AsByte(),
        SimdOpcode.F64x2Min or SimdOpcode.F64x2RelaxedMin => Min(a.AsDouble(), b.AsDouble()).AsByte(),
        SimdOpcode.F64x2Max or SimdOpcode.F64x2RelaxedMax => Max(a.AsDouble(), b.AsDouble()).AsByte(),
        // pmin is "b < a ? b : a" and pmax "a < b ? b : a" lane by lane, NaNs and zeros included.
        SimdOpcode.F32x4Pmin => Vector128.ConditionalSelect(Vector128.LessThan(b.AsSingle(), a.AsSingle()), b.AsSingle(), a.AsSingle()).AsByte(),
        SimdOpcode.F32x4Pmax => Vector128.ConditionalSelect(Vector128.LessThan(a.AsSingle(), b.AsSingle()), b.AsSingle(), a.AsSingle()).AsByte(),
        SimdOpcode.F64x2Pmin => Vector128.ConditionalSelect(Vector128.LessThan(b.AsDouble(), a.AsDouble()), b.AsDouble(), a.AsDouble()).AsByte(),
        SimdOpcode.F64x2Pmax => Vector128.ConditionalSelect(Vector128.LessThan(a.AsDouble(), b.AsDouble()), b.AsDouble(), a.AsDouble()).AsByte(),
        _ => throw NotInShape(op),
    };

    public static Vector128<byte> Ternary(SimdOpcode op, Vector128<byte> a, Vector128<byte> b, Vector128<byte> c) => op switch
    {
        // bitselect and the deterministic laneselect: bits of a where c is 1, of b where c is 0.
        SimdOpcode.V128Bitselect or SimdOpcode.I8x16RelaxedLaneselect or SimdOpcode.I16x8RelaxedLaneselect
            or SimdOpcode.I32x4RelaxedLaneselect or SimdOpcode.I64x2RelaxedLaneselect => (a & c) | (b & ~c),
        // The deterministic madd is unfused: the product is rounded before the addition.
        SimdOpcode.F32x4RelaxedMadd => (a.AsSingle() * b.AsSingle() + c.AsSingle()).AsByte(),
        SimdOpcode.F32x4RelaxedNmadd => (-a.AsSingle() * b.AsSingle() + c.AsSingle()).AsByte(),
        SimdOpcode.F64x2RelaxedMadd => (a.AsDouble() * b.AsDouble() + c.AsDouble()).AsByte(),
        SimdOpcode.F64x2RelaxedNmadd => (-a.AsDouble() * b.AsDouble() + c.AsDouble()).AsByte(),
        SimdOpcode.I32x4RelaxedDotI8x16I7x16AddS => (ExtAddPairwise(DotSaturate(a.AsSByte(), b.AsSByte())) + c.AsInt32()).AsByte(),
        _ => throw NotInShape(op),
    };

    public static Vector128<byte> Shift(SimdOpcode op, Vector128<byte> a, int count) => op switch
    {
        // The count is taken modulo the lane width, as the spec says; masking here keeps it independent of
        // what the hardware does with large counts.
        SimdOpcode.I8x16Shl => a << (count & 7),
        SimdOpcode.I8x16ShrS => (a.AsSByte() >> (count & 7)).AsByte(),
        SimdOpcode.I8x16ShrU => a >>> (count & 7),
        SimdOpcode.I16x8Shl => (a.AsInt16() << (count & 15)).AsByte(),
        SimdOpcode.I16x8ShrS => (a.AsInt16() >> (count & 15)).AsByte(),
        SimdOpcode.I16x8ShrU => (a.AsUInt16() >>> (count & 15)).AsByte(),
        SimdOpcode.I32x4Shl => (a.AsInt32() << (count & 31)).AsByte(),
        SimdOpcode.I32x4ShrS => (a.AsInt32() >> (count & 31)).AsByte(),
        SimdOpcode.I32x4ShrU => (a.AsUInt32() >>> (count & 31)).AsByte(),
        SimdOpcode.I64x2Shl => (a.AsInt64() << (count & 63)).AsByte(),
        SimdOpcode.I64x2ShrS => (a.AsInt64() >> (count & 63)).AsByte(),
        SimdOpcode.I64x2ShrU => (a.AsUInt64() >>> (count & 63)).AsByte(),
        _ => throw NotInShape(op),
    };

    public static uint Test(SimdOpcode op, Vector128<byte> a) => op switch
    {
        SimdOpcode.V128AnyTrue => a != Vector128<byte>.Zero ? 1u : 0u,
        SimdOpcode.I8x16AllTrue => Vector128.EqualsAny(a, Vector128<byte>.Zero) ? 0u : 1u,
        SimdOpcode.I16x8AllTrue => Vector128.EqualsAny(a.AsUInt16(), Vector128<ushort>.Zero) ? 0u : 1u,
        SimdOpcode.I32x4AllTrue => Vector128.EqualsAny(a.AsUInt32(), Vector128<uint>.Zero) ? 0u : 1u,
        SimdOpcode.I64x2AllTrue => Vector128.EqualsAny(a.AsUInt64(), Vector128<ulong>.Zero) ? 0u : 1u,
        SimdOpcode.I8x16Bitmask => a.ExtractMostSignificantBits(),
        SimdOpcode.I16x8Bitmask => a.AsUInt16().ExtractMostSignificantBits(),
        SimdOpcode.I32x4Bitmask => a.AsUInt32().ExtractMostSignificantBits(),
        SimdOpcode.I64x2Bitmask => a.AsUInt64().ExtractMostSignificantBits(),
        _ => throw NotInShape(op),
    };

    /// <summary>A scalar slot (i32 and f32 in the low 32 bits) copied to every lane.</summary>
    public static Vector128<byte> Splat(SimdOpcode op, ulong value) => op switch
    {
        SimdOpcode.I8x16Splat => Vector128.Create((byte)value),
        SimdOpcode.I16x8Splat => Vector128.Create((ushort)value).AsByte(),
        SimdOpcode.I32x4Splat or SimdOpcode.F32x4Splat => Vector128.Create((uint)value).AsByte(),
        SimdOpcode.I64x2Splat or SimdOpcode.F64x2Splat => Vector128.Create(value).AsByte(),
        _ => throw NotInShape(op),
    };

    /// <summary>A lane as a scalar slot: i8/i16 lanes sign- or zero-extended to i32 (zero-extended to 64 bits).</summary>
    public static ulong ExtractLane(SimdOpcode op, Vector128<byte> a, int lane) => op switch
    {
        SimdOpcode.I8x16ExtractLaneS => (uint)(int)a.AsSByte().GetElement(lane),
        SimdOpcode.I8x16ExtractLaneU => a.GetElement(lane),
        SimdOpcode.I16x8ExtractLaneS => (uint)(int)a.AsInt16().GetElement(lane),
        SimdOpcode.I16x8ExtractLaneU => a.AsUInt16().GetElement(lane),
        SimdOpcode.I32x4ExtractLane or SimdOpcode.F32x4ExtractLane => a.AsUInt32().GetElement(lane),
        SimdOpcode.I64x2ExtractLane or SimdOpcode.F64x2ExtractLane => a.AsUInt64().GetElement(lane),
        _ => throw NotInShape(op),
    };

    public static Vector128<byte> ReplaceLane(SimdOpcode op, Vector128<byte> a, ulong value, int lane) => op switch
    {
        SimdOpcode.I8x16ReplaceLane => a.WithElement(lane, (byte)value),
        SimdOpcode.I16x8ReplaceLane => a.AsUInt16().WithElement(lane, (ushort)value).AsByte(),
        SimdOpcode.I32x4ReplaceLane or SimdOpcode.F32x4ReplaceLane => a.AsUInt32().WithElement(lane, (uint)value).AsByte(),
        SimdOpcode.I64x2ReplaceLane or SimdOpcode.F64x2ReplaceLane => a.AsUInt64().WithElement(lane, value).AsByte(),
        _ => throw NotInShape(op),
    };

    /// <summary><c>i8x16.shuffle</c>: lane i of the result is lane indices[i] of a:b (indices below 32, checked by validation).</summary>
    public static Vector128<byte> Shuffle(Vector128<byte> a, Vector128<byte> b, Vector128<byte> indices)
    {
        // Two table lookups: Vector128.Shuffle yields 0 for an out-of-range index, so each half contributes only
        // its own lanes, and indices 16..31 are rebased into b.
        var fromA = Vector128.Shuffle(a, indices);
        var fromB = Vector128.Shuffle(b, indices - Vector128.Create((byte)16));
        return fromA | fromB;
    }

    // ---- helpers ----

    /// <summary>Where an input lane is NaN, the result is that NaN made quiet (an arithmetic NaN, as spec NaN propagation requires).</summary>
    private static Vector128<T> QuietNans<T>(Vector128<T> result, Vector128<T> input)
    {
        var nan = ~Vector128.Equals(input, input);
        return nan == Vector128<T>.Zero ? result : Vector128.ConditionalSelect(nan, input + input, result);
    }

    private static Vector128<T> IntAbs<T>(Vector128<T> a) =>
        // Math.Abs would throw for the minimum value; the spec wraps it to itself, which negation does.
        Vector128.ConditionalSelect(Vector128.LessThan(a, Vector128<T>.Zero), -a, a);

    /// <summary>
    /// fmin: NaN if either operand is NaN (propagated, quiet), -0 below +0. Equal lanes are OR-ed, so min(+0, -0) is -0;
    /// a NaN lane takes a + b, which is a quiet NaN built from the NaN operand(s).
    /// </summary>
    private static Vector128<T> Min<T>(Vector128<T> a, Vector128<T> b)
    {
        var result = Vector128.ConditionalSelect(Vector128.LessThan(a, b), a,
            Vector128.ConditionalSelect(Vector128.Equals(a, b), a | b, b));
        var nan = ~(Vector128.Equals(a, a) & Vector128.Equals(b, b));
        return Vector128.ConditionalSelect(nan, a + b, result);
    }

    /// <summary>fmax: as <see cref="Min{T}"/>, with equal lanes AND-ed so max(+0, -0) is +0.</summary>
    private static Vector128<T> Max<T>(Vector128<T> a, Vector128<T> b)
    {
        var result = Vector128.ConditionalSelect(Vector128.GreaterThan(a, b), a,
            Vector128.ConditionalSelect(Vector128.Equals(a, b), a & b, b));
        var nan = ~(Vector128.Equals(a, a) & Vector128.Equals(b, b));
        return Vector128.ConditionalSelect(nan, a + b, result);
    }

    private static Vector128<byte> Popcount(Vector128<byte> a)
    {
        // Nibble lookup: each byte's count is the sum of the counts of its two halves.
        var table = Vector128.Create((byte)0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4);
        var mask = Vector128.Create((byte)0x0F);
        return Vector128.Shuffle(table, a & mask) + Vector128.Shuffle(table, (a >>> 4) & mask);
    }

    private static Vector128<short> ExtAddPairwise(Vector128<sbyte> a)
    {
        var wide = Vector128.WidenLower(a);
        var high = Vector128.WidenUpper(a);
        return PairSums(wide, high);
    }

    private static Vector128<ushort> ExtAddPairwise(Vector128<byte> a) =>
        PairSums(Vector128.WidenLower(a), Vector128.WidenUpper(a));

    private static Vector128<int> ExtAddPairwise(Vector128<short> a) =>
        PairSums(Vector128.WidenLower(a), Vector128.WidenUpper(a));

    private static Vector128<uint> ExtAddPairwise(Vector128<ushort> a) =>
        PairSums(Vector128.WidenLower(a), Vector128.WidenUpper(a));

    /// <summary>Sums adjacent lanes of the concatenation low:high (lanes 2i and 2i+1), wrapping.</summary>
    private static Vector128<T> PairSums<T>(Vector128<T> low, Vector128<T> high) where T : unmanaged
    {
        Span<T> lanes = stackalloc T[2 * Vector128<T>.Count];
        low.CopyTo(lanes);
        high.CopyTo(lanes[Vector128<T>.Count..]);
        Span<T> sums = stackalloc T[Vector128<T>.Count];
        for (var i = 0; i < sums.Length; i++) sums[i] = Add(lanes[2 * i], lanes[2 * i + 1]);
        return Vector128.Create<T>(sums);
    }

    private static T Add<T>(T x, T y) where T : unmanaged => (Vector128.CreateScalarUnsafe(x) + Vector128.CreateScalarUnsafe(y)).ToScalar();

    private static Vector128<int> DotS(Vector128<short> a, Vector128<short> b)
    {
        if (Sse2.IsSupported) return Sse2.MultiplyAddAdjacent(a, b);
        var products = (Vector128.WidenLower(a) * Vector128.WidenLower(b), Vector128.WidenUpper(a) * Vector128.WidenUpper(b));
        return PairSums(products.Item1, products.Item2);
    }

    /// <summary>Products of signed bytes, summed in pairs with signed saturation to 16 bits (spec ivdotsat).</summary>
    private static Vector128<short> DotSaturate(Vector128<sbyte> a, Vector128<sbyte> b)
    {
        var low = Vector128.WidenLower(a) * Vector128.WidenLower(b);
        var high = Vector128.WidenUpper(a) * Vector128.WidenUpper(b);
        Span<short> result = stackalloc short[8];
        for (var i = 0; i < 4; i++)
        {
            result[i] = SaturateToInt16(low.GetElement(2 * i) + low.GetElement(2 * i + 1));
            result[i + 4] = SaturateToInt16(high.GetElement(2 * i) + high.GetElement(2 * i + 1));
        }
        return Vector128.Create<short>(result);
    }

    private static short SaturateToInt16(int value) => (short)Math.Clamp(value, short.MinValue, short.MaxValue);

    private static Vector128<short> Q15MulRoundSaturate(Vector128<short> a, Vector128<short> b)
    {
        var low = (Vector128.WidenLower(a) * Vector128.WidenLower(b) + Vector128.Create(0x4000)) >> 15;
        var high = (Vector128.WidenUpper(a) * Vector128.WidenUpper(b) + Vector128.Create(0x4000)) >> 15;
        return NarrowS(low, high);
    }

    private static Vector128<sbyte> NarrowS(Vector128<short> a, Vector128<short> b)
    {
        if (Sse2.IsSupported) return Sse2.PackSignedSaturate(a, b);
        var min = Vector128.Create((short)sbyte.MinValue);
        var max = Vector128.Create((short)sbyte.MaxValue);
        return Vector128.Narrow(Vector128.Clamp(a, min, max), Vector128.Clamp(b, min, max));
    }

    private static Vector128<byte> NarrowU(Vector128<short> a, Vector128<short> b)
    {
        if (Sse2.IsSupported) return Sse2.PackUnsignedSaturate(a, b);
        var min = Vector128<short>.Zero;
        var max = Vector128.Create((short)byte.MaxValue);
        return Vector128.Narrow(Vector128.Clamp(a, min, max).AsUInt16(), Vector128.Clamp(b, min, max).AsUInt16());
    }

    private static Vector128<short> NarrowS(Vector128<int> a, Vector128<int> b)
    {
        if (Sse2.IsSupported) return Sse2.PackSignedSaturate(a, b);
        var min = Vector128.Create((int)short.MinValue);
        var max = Vector128.Create((int)short.MaxValue);
        return Vector128.Narrow(Vector128.Clamp(a, min, max), Vector128.Clamp(b, min, max));
    }

    private static Vector128<ushort> NarrowU(Vector128<int> a, Vector128<int> b)
    {
        if (Sse41.IsSupported) return Sse41.PackUnsignedSaturate(a, b);
        var min = Vector128<int>.Zero;
        var max = Vector128.Create((int)ushort.MaxValue);
        return Vector128.Narrow(Vector128.Clamp(a, min, max).AsUInt32(), Vector128.Clamp(b, min, max).AsUInt32());
    }

    private static Vector128<T> AddSaturate<T>(Vector128<T> a, Vector128<T> b) where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T> =>
        Lanewise(a, b, static (x, y) => SaturatingAdd(x, y));

    private static Vector128<T> SubtractSaturate<T>(Vector128<T> a, Vector128<T> b) where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T> =>
        Lanewise(a, b, static (x, y) => SaturatingSubtract(x, y));

    private static T SaturatingAdd<T>(T x, T y) where T : IBinaryInteger<T>, IMinMaxValue<T>
    {
        var sum = long.CreateTruncating(x) + long.CreateTruncating(y);
        return T.CreateSaturating(sum);
    }

    private static T SaturatingSubtract<T>(T x, T y) where T : IBinaryInteger<T>, IMinMaxValue<T>
    {
        var difference = long.CreateTruncating(x) - long.CreateTruncating(y);
        return T.CreateSaturating(difference);
    }

    private static Vector128<T> Lanewise<T>(Vector128<T> a, Vector128<T> b, Func<T, T, T> f) where T : unmanaged
    {
        Span<T> lanes = stackalloc T[Vector128<T>.Count];
        for (var i = 0; i < lanes.Length; i++) lanes[i] = f(a.GetElement(i), b.GetElement(i));
        return Vector128.Create<T>(lanes);
    }

    private static Vector128<float> ConvertToSingle(Vector128<uint> a) =>
        Vector128.Create((float)a.GetElement(0), (float)a.GetElement(1), (float)a.GetElement(2), (float)a.GetElement(3));

    // The saturating truncations: NaN is 0, out-of-range values clamp (spec trunc_sat).
    private static Vector128<int> TruncSatS(Vector128<float> a) =>
        Vector128.Create(SatS(a.GetElement(0)), SatS(a.GetElement(1)), SatS(a.GetElement(2)), SatS(a.GetElement(3)));

    private static Vector128<uint> TruncSatU(Vector128<float> a) =>
        Vector128.Create(SatU(a.GetElement(0)), SatU(a.GetElement(1)), SatU(a.GetElement(2)), SatU(a.GetElement(3)));

    private static Vector128<int> TruncSatSZero(Vector128<double> a) => Vector128.Create(SatS(a.GetElement(0)), SatS(a.GetElement(1)), 0, 0);

    private static Vector128<uint> TruncSatUZero(Vector128<double> a) => Vector128.Create(SatU(a.GetElement(0)), SatU(a.GetElement(1)), 0u, 0u);

    private static int SatS(double x) => double.IsNaN(x) ? 0 : x <= int.MinValue ? int.MinValue : x >= int.MaxValue ? int.MaxValue : (int)x;

    private static uint SatU(double x) => double.IsNaN(x) || x <= 0 ? 0u : x >= uint.MaxValue ? uint.MaxValue : (uint)x;
}
