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
                var memArg = ReadMemArg(ref reader, row.AccessSize);
                var address = Pop(MemoryAddressType(memArg.Memory));
                var dst = Push(ValueType.V128);
                if (memArg.IsFastPath) EmitSimdResult(op, dst, address, (int)memArg.Offset);
                else EmitSimdMemoryAccess(op, memArg, dst, address, vector: 0, lane: 0);
                break;
            }
            case SimdShape.Store:
            {
                var memArg = ReadMemArg(ref reader, row.AccessSize);
                var value = Pop(ValueType.V128);
                var address = Pop(MemoryAddressType(memArg.Memory));
                if (!Reachable) break;
                if (memArg.IsFastPath) EmitSimd(op, address, value, (int)memArg.Offset);
                else EmitSimdMemoryAccess(op, memArg, dst: -1, address, value, lane: 0);
                break;
            }
            case SimdShape.LoadLane:
            {
                var memArg = ReadMemArg(ref reader, row.AccessSize);
                var lane = ReadLane(ref reader, row.Lanes);
                var vector = Pop(ValueType.V128);
                var address = Pop(MemoryAddressType(memArg.Memory));
                var dst = Push(ValueType.V128);
                if (memArg.IsFastPath) EmitSimdResult(op, dst, address, vector, (int)memArg.Offset, lane);
                else EmitSimdMemoryAccess(op, memArg, dst, address, vector, lane);
                break;
            }
            case SimdShape.StoreLane:
            {
                var memArg = ReadMemArg(ref reader, row.AccessSize);
                var lane = ReadLane(ref reader, row.Lanes);
                var vector = Pop(ValueType.V128);
                var address = Pop(MemoryAddressType(memArg.Memory));
                if (!Reachable) break;
                if (memArg.IsFastPath) EmitSimd(op, address, vector, (int)memArg.Offset, lane);
                else EmitSimdMemoryAccess(op, memArg, dst: -1, address, vector, lane);
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
    /// Emits a vector load or store on a memory other than an <c>i32</c> memory 0 as
    /// <see cref="SimdOpcode.V128MemoryAccess"/> (layout: <see cref="SimdShape.MemoryAccess"/>), which looks the memory
    /// up on each access; memory 0's vector instructions keep their own shorter forms. <paramref name="dst"/> is -1 for
    /// a store (nothing is written or retargeted).
    /// </summary>
    private void EmitSimdMemoryAccess(SimdOpcode op, MemArg memArg, int dst, int address, int vector, int lane)
    {
        if (!Reachable) return;
        EmitOp(Op.Simd);
        code.Add((int)SimdOpcode.V128MemoryAccess);
        code.Add((int)op | (memArg.Is64 ? SimdMemoryAccess64Flag : 0));
        var position = code.Count;
        code.Add(Math.Max(dst, 0));
        code.Add(address);
        code.Add(vector);
        code.Add(memArg.Memory);
        code.Add((int)(uint)memArg.Offset);
        code.Add((int)(uint)(memArg.Offset >> 32));
        code.Add(lane);
        if (dst >= 0) NoteResultOperand(position);
    }

    /// <summary>Set in <see cref="SimdOpcode.V128MemoryAccess"/>'s first operand when the memory takes 64-bit addresses.</summary>
    internal const int SimdMemoryAccess64Flag = 0x1000;

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
