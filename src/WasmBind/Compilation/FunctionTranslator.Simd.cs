using WasmBind.Binary;
using WasmBind.Instructions;

namespace WasmBind.Compilation;

/// <summary>
/// The 0xFD-prefixed vector instructions, validated and translated by their <see cref="SimdShape"/> from
/// <see cref="SimdInstructions"/>: one method for all of SIMD and relaxed SIMD, no per-instruction code.
/// </summary>
internal sealed partial class FunctionTranslator
{
    private void TranslateSimd(ref WasmReader reader)
    {
        var sub = reader.ReadU32();
        if (!SimdInstructions.TryGet(sub, out var row)) throw new MalformedModuleException(instructionOffset, $"illegal opcode 0xfd {sub}");
        RequireFeature(WasmFeatures.Simd);
        if (row.IsRelaxed) RequireFeature(WasmFeatures.RelaxedSimd);
        var op = row.Opcode;
        switch (row.Shape)
        {
            case SimdShape.Load:
            {
                var offset = ReadSimdMemArg(ref reader, row.AccessSize);
                var address = Pop(ValueType.I32);
                var dst = Push(ValueType.V128);
                EmitSimdResult(op, dst, address, offset);
                break;
            }
            case SimdShape.Store:
            {
                var offset = ReadSimdMemArg(ref reader, row.AccessSize);
                var value = Pop(ValueType.V128);
                var address = Pop(ValueType.I32);
                if (Reachable) EmitSimd(op, address, value, offset);
                break;
            }
            case SimdShape.LoadLane:
            {
                var offset = ReadSimdMemArg(ref reader, row.AccessSize);
                var lane = ReadLane(ref reader, row.Lanes);
                var vector = Pop(ValueType.V128);
                var address = Pop(ValueType.I32);
                var dst = Push(ValueType.V128);
                EmitSimdResult(op, dst, address, vector, offset, lane);
                break;
            }
            case SimdShape.StoreLane:
            {
                var offset = ReadSimdMemArg(ref reader, row.AccessSize);
                var lane = ReadLane(ref reader, row.Lanes);
                var vector = Pop(ValueType.V128);
                var address = Pop(ValueType.I32);
                if (Reachable) EmitSimd(op, address, vector, offset, lane);
                break;
            }
            case SimdShape.Const:
            {
                Span<int> words = stackalloc int[4];
                ReadWords(ref reader, words);
                var dst = Push(ValueType.V128);
                EmitSimdResult(op, dst, words[0], words[1], words[2], words[3]);
                break;
            }
            case SimdShape.Shuffle:
            {
                Span<int> words = stackalloc int[4];
                ReadWords(ref reader, words);
                foreach (var word in words)
                {
                    // Each of the 16 lane indices selects from the 32 lanes of both operands.
                    if ((word & unchecked((int)0xE0E0E0E0)) != 0) throw Invalid("invalid lane index");
                }
                var b = Pop(ValueType.V128);
                var a = Pop(ValueType.V128);
                var dst = Push(ValueType.V128);
                EmitSimdResult(op, dst, a, b, words[0], words[1], words[2], words[3]);
                break;
            }
            case SimdShape.ExtractLane:
            {
                var lane = ReadLane(ref reader, row.Lanes);
                var a = Pop(ValueType.V128);
                var dst = Push(row.Scalar);
                if (Reachable) EmitSimd(op, dst, a, lane);
                break;
            }
            case SimdShape.ReplaceLane:
            {
                var lane = ReadLane(ref reader, row.Lanes);
                var b = Pop(row.Scalar);
                var a = Pop(ValueType.V128);
                var dst = Push(ValueType.V128);
                EmitSimdResult(op, dst, a, b, lane);
                break;
            }
            case SimdShape.Splat:
            {
                var a = Pop(row.Scalar);
                var dst = Push(ValueType.V128);
                EmitSimdResult(op, dst, a);
                break;
            }
            case SimdShape.Unary:
            {
                var a = Pop(ValueType.V128);
                var dst = Push(ValueType.V128);
                EmitSimdResult(op, dst, a);
                break;
            }
            case SimdShape.Binary or SimdShape.Shift:
            {
                var b = Pop(row.Shape == SimdShape.Shift ? ValueType.I32 : ValueType.V128);
                var a = Pop(ValueType.V128);
                var dst = Push(ValueType.V128);
                EmitSimdResult(op, dst, a, b);
                break;
            }
            case SimdShape.Ternary:
            {
                var c = Pop(ValueType.V128);
                var b = Pop(ValueType.V128);
                var a = Pop(ValueType.V128);
                var dst = Push(ValueType.V128);
                EmitSimdResult(op, dst, a, b, c);
                break;
            }
            case SimdShape.Test:
            {
                var a = Pop(ValueType.V128);
                var dst = Push(ValueType.I32);
                // No NoteResultOperand: the branch fusion reads the word before a noted result as a scalar opcode.
                if (Reachable) EmitSimd(op, dst, a);
                break;
            }
            default:
                throw new MalformedModuleException(instructionOffset, $"illegal opcode 0xfd {sub}");
        }
    }

    /// <summary>
    /// A vector access's memarg. Vector loads and stores run on memory 0 with i32 addresses (the interpreter's
    /// cached memory); a module using them on another memory or a 64-bit one is rejected with that reason.
    /// </summary>
    private int ReadSimdMemArg(ref WasmReader reader, int naturalSize)
    {
        var memArg = ReadMemArg(ref reader, naturalSize);
        if (!memArg.IsFastPath) throw Invalid("vector loads and stores on a memory other than a 32-bit memory 0 are not supported");
        return (int)(uint)memArg.Offset;
    }

    private int ReadLane(ref WasmReader reader, int lanes)
    {
        var lane = reader.ReadByte();
        if (lane >= lanes) throw Invalid("invalid lane index");
        return lane;
    }

    private static void ReadWords(ref WasmReader reader, scoped Span<int> words)
    {
        for (var i = 0; i < words.Length; i++)
        {
            words[i] = reader.ReadByte() | (reader.ReadByte() << 8) | (reader.ReadByte() << 16) | (reader.ReadByte() << 24);
        }
    }

    /// <summary>Emits <c>Op.Simd</c>, <paramref name="op"/> and its operands.</summary>
    private void EmitSimd(SimdOpcode op, params ReadOnlySpan<int> operands)
    {
        EmitOp(Op.Simd);
        code.Add((int)op);
        foreach (var operand in operands) code.Add(operand);
    }

    /// <summary>
    /// Emits a vector instruction whose first operand is its v128 result, and records it so that a following
    /// <c>local.set</c> can write the local directly.
    /// </summary>
    private void EmitSimdResult(SimdOpcode op, int dst, params ReadOnlySpan<int> operands)
    {
        if (!Reachable) return;
        EmitOp(Op.Simd);
        code.Add((int)op);
        var position = code.Count;
        code.Add(dst);
        foreach (var operand in operands) code.Add(operand);
        NoteResultOperand(position);
    }
}
