using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using WasmBind.Binary;
using WasmBind.Instructions;
using WasmBind.Runtime;

namespace WasmBind.Execution;

/// <summary>
/// Runs <see cref="Op.Simd"/>: every vector instruction, decoded by its <see cref="SimdShape"/> (operand layout
/// from <see cref="SimdInstructions"/>) and computed by <see cref="SimdOperations"/>. A v128 lives in two adjacent
/// 64-bit slots (low half first), so vectors need no other storage and scalar code is unchanged. Kept out of the
/// main loop, which spends one case on all of SIMD.
/// </summary>
internal sealed unsafe partial class ExecutionStack
{
    /// <summary>Runs the vector instruction at <paramref name="ip"/>; returns its length in code units.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int ExecuteSimd(ref ulong fp, ref int ip, Instance instance, Memory? memory, WasmFunction function, int[] code)
    {
        var op = (SimdOpcode)Unsafe.Add(ref ip, 1);
        var row = SimdInstructions.Get(op);
        // Read every operand before writing the result: the result slots may overlap an operand's.
        switch (row.Shape)
        {
            case SimdShape.Unary:
                Write(ref fp, Operand(ref ip, 2), SimdOperations.Unary(op, Read(ref fp, Operand(ref ip, 3))));
                break;
            case SimdShape.Binary:
            {
                var a = Read(ref fp, Operand(ref ip, 3));
                var b = Read(ref fp, Operand(ref ip, 4));
                Write(ref fp, Operand(ref ip, 2), row.IsRelaxed && relaxedSimdNative
                    ? SimdOperations.RelaxedNativeBinary(op, a, b)
                    : SimdOperations.Binary(op, a, b));
                break;
            }
            case SimdShape.Ternary:
            {
                var a = Read(ref fp, Operand(ref ip, 3));
                var b = Read(ref fp, Operand(ref ip, 4));
                var c = Read(ref fp, Operand(ref ip, 5));
                Write(ref fp, Operand(ref ip, 2), row.IsRelaxed && relaxedSimdNative
                    ? SimdOperations.RelaxedNativeTernary(op, a, b, c)
                    : SimdOperations.Ternary(op, a, b, c));
                break;
            }
            case SimdShape.Shift:
                Write(ref fp, Operand(ref ip, 2), SimdOperations.Shift(op, Read(ref fp, Operand(ref ip, 3)), (int)Slot(ref fp, Operand(ref ip, 4))));
                break;
            case SimdShape.Test:
                Slot(ref fp, Operand(ref ip, 2)) = SimdOperations.Test(op, Read(ref fp, Operand(ref ip, 3)));
                break;
            case SimdShape.Splat:
                Write(ref fp, Operand(ref ip, 2), SimdOperations.Splat(op, Slot(ref fp, Operand(ref ip, 3))));
                break;
            case SimdShape.ExtractLane:
                Slot(ref fp, Operand(ref ip, 2)) = SimdOperations.ExtractLane(op, Read(ref fp, Operand(ref ip, 3)), Operand(ref ip, 4));
                break;
            case SimdShape.ReplaceLane:
                Write(ref fp, Operand(ref ip, 2), SimdOperations.ReplaceLane(op, Read(ref fp, Operand(ref ip, 3)), Slot(ref fp, Operand(ref ip, 4)), Operand(ref ip, 5)));
                break;
            case SimdShape.Const:
                Write(ref fp, Operand(ref ip, 2), Vector128.Create(Operand(ref ip, 3), Operand(ref ip, 4), Operand(ref ip, 5), Operand(ref ip, 6)).AsByte());
                break;
            case SimdShape.Shuffle:
            {
                var indices = Vector128.Create(Operand(ref ip, 5), Operand(ref ip, 6), Operand(ref ip, 7), Operand(ref ip, 8)).AsByte();
                Write(ref fp, Operand(ref ip, 2), SimdOperations.Shuffle(Read(ref fp, Operand(ref ip, 3)), Read(ref fp, Operand(ref ip, 4)), indices));
                break;
            }
            case SimdShape.Load:
            {
                var p = Address(ref fp, Operand(ref ip, 3), Operand(ref ip, 4), row.AccessSize, memory!, function, code, ref ip);
                Write(ref fp, Operand(ref ip, 2), SimdOperations.Load(op, p));
                break;
            }
            case SimdShape.Store:
            {
                var p = Address(ref fp, Operand(ref ip, 2), Operand(ref ip, 4), 16, memory!, function, code, ref ip);
                Unsafe.WriteUnaligned(p, Read(ref fp, Operand(ref ip, 3)));
                break;
            }
            case SimdShape.LoadLane:
            {
                var p = Address(ref fp, Operand(ref ip, 3), Operand(ref ip, 5), row.AccessSize, memory!, function, code, ref ip);
                Write(ref fp, Operand(ref ip, 2), SimdOperations.LoadLane(row.AccessSize, p, Read(ref fp, Operand(ref ip, 4)), Operand(ref ip, 6)));
                break;
            }
            case SimdShape.StoreLane:
            {
                var p = Address(ref fp, Operand(ref ip, 2), Operand(ref ip, 4), row.AccessSize, memory!, function, code, ref ip);
                SimdOperations.StoreLane(row.AccessSize, p, Read(ref fp, Operand(ref ip, 3)), Operand(ref ip, 5));
                break;
            }
            case SimdShape.MemoryAccess:
                ExecuteSimdMemoryAccess(ref fp, ref ip, instance, function, code);
                break;
            case SimdShape.Move:
                Write(ref fp, Operand(ref ip, 2), Read(ref fp, Operand(ref ip, 3)));
                break;
            case SimdShape.Select:
                Write(ref fp, Operand(ref ip, 2), (uint)Slot(ref fp, Operand(ref ip, 5)) != 0 ? Read(ref fp, Operand(ref ip, 3)) : Read(ref fp, Operand(ref ip, 4)));
                break;
            case SimdShape.GlobalGet:
            {
                var global = instance.Globals[Operand(ref ip, 3)];
                Write(ref fp, Operand(ref ip, 2), Vector128.Create(global.Bits, global.HighBits).AsByte());
                break;
            }
            case SimdShape.GlobalSet:
            {
                var global = instance.Globals[Operand(ref ip, 2)];
                var value = Read(ref fp, Operand(ref ip, 3)).AsUInt64();
                global.Bits = value.GetElement(0);
                global.HighBits = value.GetElement(1);
                break;
            }
        }
        return row.CodeLength;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Operand(ref int ip, int index) => Unsafe.Add(ref ip, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref ulong Slot(ref ulong fp, int slot) => ref Unsafe.Add(ref fp, slot);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Read(ref ulong fp, int slot) =>
        Unsafe.ReadUnaligned<Vector128<byte>>(ref Unsafe.As<ulong, byte>(ref Unsafe.Add(ref fp, slot)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Write(ref ulong fp, int slot, Vector128<byte> value) =>
        Unsafe.WriteUnaligned(ref Unsafe.As<ulong, byte>(ref Unsafe.Add(ref fp, slot)), value);

    /// <summary>
    /// The host address of an access of <paramref name="size"/> bytes at the i32 in slot <paramref name="addressSlot"/>
    /// plus <paramref name="offset"/>; traps when any byte is out of bounds. The memory's current length is read
    /// here, so a shared memory grown by another thread is seen.
    /// </summary>
    private byte* Address(ref ulong fp, int addressSlot, int offset, int size, Memory memory, WasmFunction function, int[] code, ref int ip)
    {
        var block = memory.Block;
        var address = (ulong)(uint)Slot(ref fp, addressSlot) + (uint)offset;
        if (address + (ulong)size > block.Length) ThrowTrap(TrapCode.MemoryOutOfBounds, function, Pc(code, ref ip));
        return block.Base + address;
    }
}
