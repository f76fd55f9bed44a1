using System.Runtime.CompilerServices;
using WasmBind.Binary;
using WasmBind.Compilation;
using WasmBind.Runtime;

namespace WasmBind.Execution;

/// <summary>
/// Vector loads and stores on a memory other than an <c>i32</c> memory 0 (<see cref="SimdOpcode.V128MemoryAccess"/>):
/// the memory is looked up on each access and the bounds check is <see cref="EffectiveAddress"/>'s, which cannot wrap
/// for 64-bit addresses and offsets. Memory 0's vector instructions keep their own path in <c>ExecuteSimd</c>.
/// </summary>
internal sealed unsafe partial class ExecutionStack
{
    /// <summary>Runs the <see cref="SimdShape.MemoryAccess"/> instruction at <paramref name="ip"/>.</summary>
    private void ExecuteSimdMemoryAccess(ref ulong fp, ref int ip, Instance instance, WasmFunction function, int[] code)
    {
        var kind = Operand(ref ip, 2);
        var op = (SimdOpcode)(kind & ~FunctionTranslator.SimdMemoryAccess64Flag);
        var row = SimdInstructions.Get(op);
        var rawAddress = Slot(ref fp, Operand(ref ip, 4));
        var address = (kind & FunctionTranslator.SimdMemoryAccess64Flag) != 0 ? rawAddress : (uint)rawAddress;
        var memory = instance.Memories[Operand(ref ip, 6)];
        var offset = (uint)Operand(ref ip, 7) | ((ulong)(uint)Operand(ref ip, 8) << 32);
        var p = EffectiveAddress(memory, address, offset, row.AccessSize, function, Pc(code, ref ip));
        var lane = Operand(ref ip, 9);
        switch (row.Shape)
        {
            case SimdShape.Load:
                Write(ref fp, Operand(ref ip, 3), SimdOperations.Load(op, p));
                break;
            case SimdShape.Store:
                Unsafe.WriteUnaligned(p, Read(ref fp, Operand(ref ip, 5)));
                break;
            case SimdShape.LoadLane:
                Write(ref fp, Operand(ref ip, 3), SimdOperations.LoadLane(row.AccessSize, p, Read(ref fp, Operand(ref ip, 5)), lane));
                break;
            case SimdShape.StoreLane:
                SimdOperations.StoreLane(row.AccessSize, p, Read(ref fp, Operand(ref ip, 5)), lane);
                break;
            default:
                throw new InvalidOperationException($"internal error: {op} is not a vector load or store");
        }
    }
}
