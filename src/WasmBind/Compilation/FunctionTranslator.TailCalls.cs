using WasmBind.Binary;
using WasmBind.Instructions;

namespace WasmBind.Compilation;

/// <summary>
/// Tail calls (<c>return_call</c>, <c>return_call_indirect</c>). Each is emitted as its call instruction followed by
/// the function's ordinary return sequence: a WebAssembly callee replaces the frame and never comes back to that
/// sequence, while a host callee (which uses no interpreter frame) returns to it like a plain call, so host calls,
/// their async suspension and their resumption need no separate path.
/// </summary>
internal sealed partial class FunctionTranslator
{
    private void TranslateReturnCall(ref WasmReader reader)
    {
        RequireFeature(WasmFeatures.TailCall);
        var index = reader.ReadU32();
        if (index >= (uint)context.FunctionTypeIndices.Length) throw Invalid($"unknown function {index}");
        var type = context.FunctionType((int)index);
        RequireCallerResults(type);
        TranslateCall(type, Op.ReturnCall, (int)index, 0, -1);
        FinishTailCall();
    }

    private void TranslateReturnCallIndirect(ref WasmReader reader)
    {
        RequireFeature(WasmFeatures.TailCall);
        var typeIndex = reader.ReadU32();
        var tableIndex = reader.ReadU32();
        if (tableIndex >= (uint)context.Tables.Length) throw Invalid($"unknown table {tableIndex}");
        if (typeIndex >= (uint)context.Types.Length) throw Invalid($"unknown type {typeIndex}");
        if (context.Tables[tableIndex].ElementType != ValueType.FuncRef) throw Invalid("type mismatch");
        var type = context.Types[typeIndex];
        RequireCallerResults(type);
        var callee = PopTableOperand(TableAddressType((int)tableIndex));
        TranslateCall(type, Op.ReturnCallIndirect, (int)tableIndex, (int)typeIndex, callee);
        FinishTailCall();
    }

    /// <summary>
    /// The callee's results become the caller's: they must be exactly the caller's result types, even in unreachable
    /// code (unlike <c>return</c>, which only needs them on top of the stack).
    /// </summary>
    private void RequireCallerResults(FunctionType callee)
    {
        if (!callee.ResultSpan.SequenceEqual(controls[0].Results)) throw Invalid("type mismatch");
    }

    private void FinishTailCall()
    {
        CheckTop(controls[0].Results);
        if (Reachable) EmitFunctionReturn();
        MarkUnreachable();
    }
}
