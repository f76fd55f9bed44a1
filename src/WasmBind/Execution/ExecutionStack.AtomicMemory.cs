using System.Runtime.CompilerServices;
using WasmBind.Binary;
using WasmBind.Compilation;
using WasmBind.Instructions;
using WasmBind.Runtime;

namespace WasmBind.Execution;

/// <summary>
/// Atomic accesses on a memory other than an <c>i32</c> memory 0 (<see cref="Op.AtomicAt"/>): the memory is looked up
/// on each access and the bounds check, by subtraction from the length, cannot wrap for a 64-bit address and offset.
/// The operation itself is memory 0's (<see cref="RunAtomic"/>).
/// </summary>
internal sealed unsafe partial class ExecutionStack
{
    /// <summary>Runs the <see cref="Op.AtomicAt"/> instruction at <paramref name="ip"/> (9 code units).</summary>
    private void ExecuteAtomicAt(ref ulong fp, ref int ip, Instance instance, WasmFunction function, int pc)
    {
        var kind = Unsafe.Add(ref ip, 1);
        var sub = (uint)(kind & ~FunctionTranslator.AtomicAt64Flag);
        var size = (ulong)AtomicOpcodes.Size(sub);
        var rawAddress = Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3));
        var address = (kind & FunctionTranslator.AtomicAt64Flag) != 0 ? rawAddress : (uint)rawAddress;
        // Read every operand before writing the result: the result slot may be the address's or an operand's.
        var a = Unsafe.Add(ref fp, Unsafe.Add(ref ip, 4));
        var b = Unsafe.Add(ref fp, Unsafe.Add(ref ip, 5));
        var memory = instance.Memories[Unsafe.Add(ref ip, 6)];
        var offset = (uint)Unsafe.Add(ref ip, 7) | ((ulong)(uint)Unsafe.Add(ref ip, 8) << 32);
        // One read of the block: a shared memory grown by another thread is seen, and the check and the access agree.
        var block = memory.Block;
        var length = block.Length;
        if (length < size || offset > length - size || address > length - size - offset)
            ThrowTrap(TrapCode.MemoryOutOfBounds, function, pc);
        if (RunAtomic(block, address + offset, sub, a, b, function, pc, out var result)) Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) = result;
    }
}
