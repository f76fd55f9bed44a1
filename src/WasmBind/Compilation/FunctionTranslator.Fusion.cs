using WasmBind.Instructions;

namespace WasmBind.Compilation;

/// <summary>
/// Fuses a comparison with the conditional branch that consumes it: <c>i32.lt_s; br_if</c> becomes one
/// <c>BrIfI32LtS a, b, target</c>, saving a dispatch and a slot write on every loop test.
/// </summary>
internal sealed partial class FunctionTranslator
{
    /// <summary>
    /// If the instruction just emitted computed <paramref name="condition"/> by an integer comparison or eqz, removes it
    /// and emits the fused branch instead, jumping when the condition is <paramref name="jumpWhen"/>. The caller then
    /// appends the target operand. Returns false (emitting nothing) when the condition came from anything else.
    /// </summary>
    private bool TryEmitFusedBranch(int condition, bool jumpWhen)
    {
        if (lastResultOperand < 0 || code[lastResultOperand] != condition || condition < localSlotCount) return false;
        var start = lastResultOperand - 1;
        var producer = (Op)code[start];
        if (producer is Op.I32Eqz or Op.I64Eqz)
        {
            var operand = code[start + 2];
            var is64 = producer == Op.I64Eqz;
            // "eqz is true" is "operand is zero".
            var op = jumpWhen ? (is64 ? Op.BrIfEqz64 : Op.BrIfEqz) : (is64 ? Op.BrIfNez64 : Op.BrIfNez);
            Replace(start, op, operand);
            return true;
        }
        if (FusedComparison(producer, jumpWhen) is not { } fused) return false;
        var a = code[start + 2];
        var b = code[start + 3];
        Replace(start, fused, a, b);
        return true;
    }

    private void Replace(int start, Op op, params ReadOnlySpan<int> operands)
    {
        code.Truncate(start);
        lastResultOperand = -1;
        // The comparison's source-map entry (if any) stays: it points at this same code position.
        code.Add((int)op);
        foreach (var operand in operands) code.Add(operand);
    }

    /// <summary>The fused branch for an integer comparison; negated (for "jump when false") by the opposite comparison.</summary>
    private static Op? FusedComparison(Op comparison, bool jumpWhen)
    {
        int index;
        if (comparison is >= Op.I32Eq and <= Op.I32GeU) index = comparison - Op.I32Eq;
        else if (comparison is >= Op.I64Eq and <= Op.I64GeU) index = 10 + (comparison - Op.I64Eq);
        else return null;
        if (!jumpWhen) index = NegatedIndex(index);
        return Op.BrIfI32Eq + index;
    }

    /// <summary>Eq/Ne, LtS/GeS, LtU/GeU, GtS/LeS, GtU/LeU are each other's negation (exact for integers).</summary>
    private static int NegatedIndex(int index)
    {
        var width = index / 10 * 10;
        var kind = index % 10;
        var negated = kind switch
        {
            0 => 1,
            1 => 0,
            2 => 8,
            8 => 2,
            3 => 9,
            9 => 3,
            4 => 6,
            6 => 4,
            5 => 7,
            7 => 5,
            _ => kind,
        };
        return width + negated;
    }
}
