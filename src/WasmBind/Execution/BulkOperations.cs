using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using WasmBind.Instructions;
using WasmBind.Runtime;

namespace WasmBind.Execution;

/// <summary>Table instructions and bulk memory operations, kept out of the main loop to keep it small.</summary>
internal sealed unsafe partial class ExecutionStack
{
    // Extra fuel of bulk operations, on top of the instruction's own unit (see EngineConfig.ConsumeFuel).
    private const int BytesPerFuel = 64;
    private const int ElementsPerFuel = 8;

    // memory.grow is charged like a memory.fill of the grown bytes: 1,024 units per 64 KiB page.
    private const int FuelPerPage = MemoryType.PageSize / BytesPerFuel;

    /// <summary>
    /// Charges the extra fuel for <paramref name="count"/> units of work before doing it: the units charged
    /// (0 without fuel), or -1 when there is not enough (then nothing was charged).
    /// </summary>
    private long Charge(ulong count, int unitsPerFuel)
    {
        if (!checks.ConsumesFuel) return 0;
        var cost = (long)(count / (ulong)unitsPerFuel) + (count % (ulong)unitsPerFuel == 0 ? 0 : 1);
        if (store.FuelRemaining < cost) return -1;
        store.FuelRemaining -= cost;
        return cost;
    }

    /// <summary>Whether [start, start + count) lies within <paramref name="length"/> bytes, computed without overflow.</summary>
    private static bool Fits(ulong start, ulong count, ulong length) => count <= length && start <= length - count;

    /// <summary>
    /// Runs the table or bulk instruction at <paramref name="ip"/>; returns its length in code units, or 0 when
    /// there was not enough fuel for it (then nothing was changed).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int ExecuteBulk(ref ulong fp, ref int ip, Instance instance, WasmFunction function, int pc)
    {
        int Operand(ref int code, int k) => Unsafe.Add(ref code, k);
        ref ulong Slot(ref ulong frame, ref int code, int k) => ref Unsafe.Add(ref frame, Unsafe.Add(ref code, k));

        switch ((Op)ip)
        {
            case Op.TableGet:
            {
                var table = instance.Tables[Operand(ref ip, 2)];
                var index = (uint)Slot(ref fp, ref ip, 3);
                if (index >= (uint)table.Count) ThrowTrap(TrapCode.TableOutOfBounds, function, pc);
                Slot(ref fp, ref ip, 1) = table.Elements[index];
                return 4;
            }
            case Op.TableSet:
            {
                var table = instance.Tables[Operand(ref ip, 1)];
                var index = (uint)Slot(ref fp, ref ip, 2);
                if (index >= (uint)table.Count) ThrowTrap(TrapCode.TableOutOfBounds, function, pc);
                table.Elements[index] = Slot(ref fp, ref ip, 3);
                return 4;
            }
            case Op.TableSize:
                Slot(ref fp, ref ip, 1) = instance.Tables[Operand(ref ip, 2)].Size;
                return 3;
            case Op.TableGrow:
            {
                var table = instance.Tables[Operand(ref ip, 2)];
                var delta = (uint)Slot(ref fp, ref ip, 4);
                // Charged like table.fill of the new elements, and only for growth the maximum allows: a refused
                // grow does no work and must still return -1 (or trap below), not run out of fuel.
                var charged = table.IsWithinMaximum(delta) ? Charge(delta, ElementsPerFuel) : 0;
                if (charged < 0) return 0;
                var result = table.TryGrow(delta, Slot(ref fp, ref ip, 3));
                if (result < 0) store.FuelRemaining += charged;
                if (result < 0 && store.Limits is { TrapOnGrowFailure: true }) ThrowTrap(TrapCode.ResourceLimitExceeded, function, pc);
                Slot(ref fp, ref ip, 1) = (uint)(int)result;
                return 5;
            }
            case Op.TableFill:
            {
                var table = instance.Tables[Operand(ref ip, 1)];
                var start = (uint)Slot(ref fp, ref ip, 2);
                var count = (uint)Slot(ref fp, ref ip, 4);
                if (!TryChargeBulk(count, ElementsPerFuel)) return 0;
                if ((ulong)start + count > (ulong)table.Count) ThrowTrap(TrapCode.TableOutOfBounds, function, pc);
                table.Elements.AsSpan((int)start, (int)count).Fill(Slot(ref fp, ref ip, 3));
                return 5;
            }
            case Op.TableCopy:
            {
                var destinationTable = instance.Tables[Operand(ref ip, 1)];
                var sourceTable = instance.Tables[Operand(ref ip, 2)];
                var destination = (uint)Slot(ref fp, ref ip, 3);
                var source = (uint)Slot(ref fp, ref ip, 4);
                var count = (uint)Slot(ref fp, ref ip, 5);
                if (!TryChargeBulk(count, ElementsPerFuel)) return 0;
                if ((ulong)source + count > (ulong)sourceTable.Count || (ulong)destination + count > (ulong)destinationTable.Count)
                    ThrowTrap(TrapCode.TableOutOfBounds, function, pc);
                sourceTable.Elements.AsSpan((int)source, (int)count).CopyTo(destinationTable.Elements.AsSpan((int)destination));
                return 6;
            }
            case Op.TableInit:
            {
                var table = instance.Tables[Operand(ref ip, 1)];
                var segment = instance.ElementSegments[Operand(ref ip, 2)];
                var destination = (uint)Slot(ref fp, ref ip, 3);
                var source = (uint)Slot(ref fp, ref ip, 4);
                var count = (uint)Slot(ref fp, ref ip, 5);
                if (!TryChargeBulk(count, ElementsPerFuel)) return 0;
                if ((ulong)source + count > (ulong)segment.Length || (ulong)destination + count > (ulong)table.Count)
                    ThrowTrap(TrapCode.TableOutOfBounds, function, pc);
                segment.AsSpan((int)source, (int)count).CopyTo(table.Elements.AsSpan((int)destination));
                return 6;
            }
            case Op.ElemDrop:
                instance.ElementSegments[Operand(ref ip, 1)] = [];
                return 2;
            case Op.MemoryInit:
            {
                var segment = instance.DataSegments[Operand(ref ip, 1)].Span;
                var target = instance.Memories[Operand(ref ip, 2)];
                var block = target.Block;
                var destination = Address(target, Slot(ref fp, ref ip, 3));
                var source = (uint)Slot(ref fp, ref ip, 4);
                var count = (uint)Slot(ref fp, ref ip, 5);
                if (!TryChargeBulk(count, BytesPerFuel)) return 0;
                if ((ulong)source + count > (ulong)segment.Length || !Fits(destination, count, block.Length))
                    ThrowTrap(TrapCode.MemoryOutOfBounds, function, pc);
                segment.Slice((int)source, (int)count).CopyTo(new Span<byte>(block.Base + destination, (int)count));
                return 6;
            }
            case Op.DataDrop:
                instance.DataSegments[Operand(ref ip, 1)] = ReadOnlyMemory<byte>.Empty;
                return 2;
            case Op.MemoryCopy:
            {
                var destinationMemory = instance.Memories[Operand(ref ip, 1)];
                var sourceMemory = instance.Memories[Operand(ref ip, 2)];
                var destination = Address(destinationMemory, Slot(ref fp, ref ip, 3));
                var source = Address(sourceMemory, Slot(ref fp, ref ip, 4));
                // The length is 64-bit only when both memories are.
                var rawCount = Slot(ref fp, ref ip, 5);
                var count = destinationMemory.Type.Is64 && sourceMemory.Type.Is64 ? rawCount : (uint)rawCount;
                if (!TryChargeBulk(count, BytesPerFuel)) return 0;
                var destinationBlock = destinationMemory.Block;
                var sourceBlock = sourceMemory.Block;
                if (!Fits(source, count, sourceBlock.Length) || !Fits(destination, count, destinationBlock.Length))
                    ThrowTrap(TrapCode.MemoryOutOfBounds, function, pc);
                // Buffer.MemoryCopy behaves as if through a temporary buffer, as memory.copy requires for overlaps.
                Buffer.MemoryCopy(sourceBlock.Base + source, destinationBlock.Base + destination, count, count);
                return 6;
            }
            case Op.MemoryFill:
            {
                var target = instance.Memories[Operand(ref ip, 1)];
                var block = target.Block;
                var destination = Address(target, Slot(ref fp, ref ip, 2));
                var value = (byte)Slot(ref fp, ref ip, 3);
                var count = Address(target, Slot(ref fp, ref ip, 4));
                if (!TryChargeBulk(count, BytesPerFuel)) return 0;
                if (!Fits(destination, count, block.Length)) ThrowTrap(TrapCode.MemoryOutOfBounds, function, pc);
                NativeMemory.Fill(block.Base + destination, (nuint)count, value);
                return 5;
            }
            default:
                throw new InvalidOperationException($"internal error: {(Op)ip} is not a bulk instruction");
        }
    }
}
