using WasmBind.Instructions;
using System.Reflection.Emit;
using WasmBind.Execution;

namespace WasmBind.Jit;

/// <summary>
/// Whether the JIT may see a float operand as a constant, and fold the operation wrongly for a signalling NaN
/// (see <see cref="JitNumerics"/>). The module-wide <see cref="constantSlots"/> answers for a slot anywhere; operand
/// slots are reused, so in a large function nearly every slot holds a constant somewhere. This looks at the
/// definition that reaches the operand within its straight-line run instead.
/// </summary>
internal sealed partial class IlCompiler
{
    private enum Constness : byte
    {
        /// <summary>The operand is computed at run time: the JIT cannot fold the operation.</summary>
        NotConstant,

        /// <summary>A constant the JIT folds no float operation with: finite, neither zero nor one in magnitude.</summary>
        Harmless,

        /// <summary>Maybe a constant the JIT could fold the operation with.</summary>
        Risky,
    }

    /// <summary>How far back a definition is looked for before the module-wide answer is taken.</summary>
    private const int ReachingDefinitionWindow = 64;

    private int[] instructionStarts = [];
    private Dictionary<int, int> instructionIndex = [];

    /// <summary>Whether the float operation at <paramref name="pc"/> reading slots <paramref name="a"/> and <paramref name="b"/> needs the NaN re-check.</summary>
    private bool NeedsNaNRecheck(int pc, int a, int b)
    {
        if (instructionStarts.Length == 0)
        {
            var starts = new List<int>();
            for (var at = 0; at < code.Length; at += Length(code, at)) starts.Add(at);
            instructionStarts = [.. starts];
            instructionIndex = new Dictionary<int, int>(starts.Count);
            for (var i = 0; i < starts.Count; i++) instructionIndex[starts[i]] = i;
        }
        var index = instructionIndex[pc];
        return ConstnessAt(a, index, 0) == Constness.Risky || ConstnessAt(b, index, 0) == Constness.Risky;
    }

    /// <summary>The constness of <paramref name="slot"/>'s value as instruction number <paramref name="index"/> reads it.</summary>
    private Constness ConstnessAt(int slot, int index, int depth)
    {
        var fallback = constantSlots.Contains(slot) ? Constness.Risky : Constness.NotConstant;
        if (depth > 8) return fallback;
        for (var k = index - 1; k >= 0 && k >= index - ReachingDefinitionWindow; k--)
        {
            var at = instructionStarts[k];
            var written = Writes(at, slot);
            if (written is null) return fallback;
            if (written.Value) return DefinitionConstness(at, k, depth);
            // A branch target: the value may come from another path.
            if (labels.ContainsKey(at)) return fallback;
        }
        return fallback;
    }

    private Constness DefinitionConstness(int at, int index, int depth)
    {
        var op = (Op)code[at];
        switch (op)
        {
            case Op.Const64:
            {
                var value = Math.Abs(BitConverter.UInt64BitsToDouble((uint)code[at + 2] | ((ulong)(uint)code[at + 3] << 32)));
                return double.IsFinite(value) && value != 0 && value != 1 ? Constness.Harmless : Constness.Risky;
            }
            case Op.Const32:
            {
                var value = Math.Abs(BitConverter.UInt32BitsToSingle((uint)code[at + 2]));
                return float.IsFinite(value) && value != 0 && value != 1 ? Constness.Harmless : Constness.Risky;
            }
            case Op.Copy:
                return ConstnessAt(code[at + 2], index, depth + 1);
            case Op.Select:
                return (Constness)Math.Max((int)ConstnessAt(code[at + 2], index, depth + 1), (int)ConstnessAt(code[at + 3], index, depth + 1));
        }
        if (Numerics.TryGetValue(op, out var numeric))
        {
            // Computed from constants only, the JIT folds it to a constant of unknown value.
            var operands = numeric.GetParameters().Length;
            for (var i = 0; i < operands; i++)
            {
                if (ConstnessAt(code[at + 2 + i], index, depth + 1) == Constness.NotConstant) return Constness.NotConstant;
            }
            return Constness.Risky;
        }
        // Loads, calls, globals, trapping operations and the rest: run-time values.
        return Constness.NotConstant;
    }

    /// <summary>Whether the instruction at <paramref name="at"/> writes <paramref name="slot"/>; null where this does not know.</summary>
    private bool? Writes(int at, int slot)
    {
        var op = (Op)code[at];
        switch (op)
        {
            case Op.Call:
                return slot >= code[at + 2] && slot < code[at + 2] + module.FunctionTypeAt(code[at + 1]).ResultSlotCount;
            case Op.CallIndirect:
                return slot >= code[at + 4] && slot < code[at + 4] + module.Definition.Types[code[at + 2]].ResultSlotCount;
            case Op.Copy or Op.Const32 or Op.Const64 or Op.Select or Op.GlobalGet or Op.RefFunc or Op.MemorySize or Op.MemoryGrow
                or Op.TableGet or Op.TableSize or Op.TableGrow
                or (>= Op.I32Load and <= Op.I64Load32U):
                return code[at + 1] == slot;
            case Op.Unreachable or Op.Return or Op.Br or Op.BrTable or Op.BrIfNez or Op.BrIfEqz or Op.BrIfNez64 or Op.BrIfEqz64
                or (>= Op.BrIfI32Eq and <= Op.BrIfI64GeU) or (>= Op.I32Store and <= Op.I64Store32)
                or Op.GlobalSet or Op.ConsumeFuel or Op.CheckEpoch or Op.AtomicFence:
                return false;
        }
        if (Numerics.ContainsKey(op) || Divisions.ContainsKey(op)) return code[at + 1] == slot;
        var truncation = op is Op.I32TruncF32S or Op.I32TruncF32U or Op.I32TruncF64S or Op.I32TruncF64U
            or Op.I64TruncF32S or Op.I64TruncF32U or Op.I64TruncF64S or Op.I64TruncF64U;
        return truncation ? code[at + 1] == slot : null;
    }

    private static OpCode ArithmeticOpCode(Op op) => op switch
    {
        Op.F32Add or Op.F64Add => OpCodes.Add,
        Op.F32Sub or Op.F64Sub => OpCodes.Sub,
        Op.F32Mul or Op.F64Mul => OpCodes.Mul,
        _ => OpCodes.Div,
    };
}
