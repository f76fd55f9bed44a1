using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using WasmBind.Jit;
using WasmBind.Runtime;

namespace WasmBind.Execution;

/// <summary>
/// The interpreter loop. One dispatch per instruction; operands are frame-relative slot indices read straight
/// from the code, so the loop keeps only the code pointer, the frame pointer and the current instance's memory
/// in locals. Validation has proven every slot index in range, so slots are addressed without bounds checks;
/// linear memory accesses do one check against the memory's length. <c>Run</c> itself is generated from
/// Instructions/Instructions.table (the loop around the cases and every instruction's body); these are its helpers.
/// </summary>
internal sealed partial class ExecutionStack
{
    /// <summary>
    /// The function a <c>call_indirect</c> or <c>return_call_indirect</c> at <paramref name="ip"/> (operands: table,
    /// type, index slot) reaches, after the checks both share: index inside the table, element not null, type equal.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Function ResolveIndirectCallee(WasmFunction function, int[] code, ref int ip, ref ulong fp)
    {
        var instance = function.Instance;
        var table = instance.Tables[Unsafe.Add(ref ip, 1)];
        var index = (uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3));
        if (index >= (uint)table.Count) ThrowTrap(TrapCode.UndefinedElement, function, Pc(code, ref ip));
        var reference = table.Elements[index];
        if (reference == 0) ThrowTrap(TrapCode.UninitializedElement, function, Pc(code, ref ip));
        var callee = store.GetFunctionByHandle((int)(reference - 1));
        if (callee.TypeId != instance.Module.TypeIds[Unsafe.Add(ref ip, 2)])
            ThrowTrap(TrapCode.IndirectCallTypeMismatch, function, Pc(code, ref ip));
        return callee;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Pc(int[] code, ref int ip) =>
        (int)(Unsafe.ByteOffset(ref MemoryMarshal.GetArrayDataReference(code), ref ip) / sizeof(int));
}
