using WasmBind.Instructions;

namespace WasmBind.Compilation;

/// <summary>
/// The wide-arithmetic proposal (0xFC 19..22): 128-bit addition and subtraction of i64 pairs, and the full 128-bit
/// product of two i64s. Each result is a (low, high) pair of i64s.
/// </summary>
internal sealed partial class FunctionTranslator
{
    private void TranslateWideArithmetic(uint sub)
    {
        // add128/sub128 (19, 20) take two (low, high) pairs; mul_wide_s/u (21, 22) take two i64s.
        int a, b, c = 0, d = 0;
        if (sub <= 20)
        {
            d = Pop(ValueType.I64);
            c = Pop(ValueType.I64);
        }
        b = Pop(ValueType.I64);
        a = Pop(ValueType.I64);
        var low = Push(ValueType.I64);
        var high = Push(ValueType.I64);
        if (!Reachable) return;
        // One instruction reads every operand before writing either result, so results may share operand slots.
        EmitWideArithmetic((int)sub, low, high, a, b, c, d);
    }
}
