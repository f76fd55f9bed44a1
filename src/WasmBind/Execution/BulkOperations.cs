using System.Runtime.CompilerServices;
using WasmBind.Runtime;

namespace WasmBind.Execution;

/// <summary>Table instructions and bulk memory operations, kept out of the main loop to keep it small.</summary>
internal sealed partial class ExecutionStack
{
    // Extra fuel of bulk operations, on top of the instruction's own unit (see EngineConfig.ConsumeFuel).
    private const int BytesPerFuel = 64;
    private const int ElementsPerFuel = 8;

    /// <summary>
    /// Runs the table or bulk instruction at <paramref name="ip"/>; returns its length in code units, or 0 when
    /// there was not enough fuel for it (then nothing was changed).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int ExecuteBulk(ref ulong fp, ref int ip, Instance instance, Memory? memory, WasmFunction function, int pc)
    {
        int Operand(ref int code, int k) => Unsafe.Add(ref code, k);
        ref ulong Slot(ref ulong frame, ref int code, int k) => ref Unsafe.Add(ref frame, Unsafe.Add(ref code, k));

        switch ((Op)ip)
        {
            case Op.TableGet:
            {
                var table = instance.Tables[Operand(ref ip, 2)];
                var index = (uint)Slot(ref fp, ref ip, 3);
                if (index >= (uint)table.Elements.Length) ThrowTrap(TrapCode.TableOutOfBounds, function, pc);
                Slot(ref fp, ref ip, 1) = table.Elements[index];
                return 4;
            }
            case Op.TableSet:
            {
                var table = instance.Tables[Operand(ref ip, 1)];
                var index = (uint)Slot(ref fp, ref ip, 2);
                if (index >= (uint)table.Elements.Length) ThrowTrap(TrapCode.TableOutOfBounds, function, pc);
                table.Elements[index] = Slot(ref fp, ref ip, 3);
                return 4;
            }
            case Op.TableSize:
                Slot(ref fp, ref ip, 1) = instance.Tables[Operand(ref ip, 2)].Size;
                return 3;
            case Op.TableGrow:
            {
                var table = instance.Tables[Operand(ref ip, 2)];
                var result = table.TryGrow((uint)Slot(ref fp, ref ip, 4), Slot(ref fp, ref ip, 3));
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
                if ((ulong)start + count > (ulong)table.Elements.Length) ThrowTrap(TrapCode.TableOutOfBounds, function, pc);
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
                if ((ulong)source + count > (ulong)sourceTable.Elements.Length || (ulong)destination + count > (ulong)destinationTable.Elements.Length)
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
                if ((ulong)source + count > (ulong)segment.Length || (ulong)destination + count > (ulong)table.Elements.Length)
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
                var buffer = memory!.Buffer;
                var destination = (uint)Slot(ref fp, ref ip, 2);
                var source = (uint)Slot(ref fp, ref ip, 3);
                var count = (uint)Slot(ref fp, ref ip, 4);
                if (!TryChargeBulk(count, BytesPerFuel)) return 0;
                if ((ulong)source + count > (ulong)segment.Length || (ulong)destination + count > (ulong)buffer.Length)
                    ThrowTrap(TrapCode.MemoryOutOfBounds, function, pc);
                segment.Slice((int)source, (int)count).CopyTo(buffer.AsSpan((int)destination));
                return 5;
            }
            case Op.DataDrop:
                instance.DataSegments[Operand(ref ip, 1)] = ReadOnlyMemory<byte>.Empty;
                return 2;
            case Op.MemoryCopy:
            {
                var buffer = memory!.Buffer;
                var destination = (uint)Slot(ref fp, ref ip, 1);
                var source = (uint)Slot(ref fp, ref ip, 2);
                var count = (uint)Slot(ref fp, ref ip, 3);
                if (!TryChargeBulk(count, BytesPerFuel)) return 0;
                if ((ulong)source + count > (ulong)buffer.Length || (ulong)destination + count > (ulong)buffer.Length)
                    ThrowTrap(TrapCode.MemoryOutOfBounds, function, pc);
                // Span copies behave as if through a temporary buffer, as memory.copy requires for overlaps.
                buffer.AsSpan((int)source, (int)count).CopyTo(buffer.AsSpan((int)destination));
                return 4;
            }
            case Op.MemoryFill:
            {
                var buffer = memory!.Buffer;
                var destination = (uint)Slot(ref fp, ref ip, 1);
                var value = (byte)Slot(ref fp, ref ip, 2);
                var count = (uint)Slot(ref fp, ref ip, 3);
                if (!TryChargeBulk(count, BytesPerFuel)) return 0;
                if ((ulong)destination + count > (ulong)buffer.Length) ThrowTrap(TrapCode.MemoryOutOfBounds, function, pc);
                buffer.AsSpan((int)destination, (int)count).Fill(value);
                return 4;
            }
            default:
                throw new InvalidOperationException($"internal error: {(Op)ip} is not a bulk instruction");
        }
    }
}
