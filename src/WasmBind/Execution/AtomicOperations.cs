using System.Runtime.CompilerServices;
using WasmBind.Binary;
using WasmBind.Instructions;
using WasmBind.Runtime;

namespace WasmBind.Execution;

/// <summary>
/// The atomic instructions of the threads proposal, kept out of the main loop so that it, and the plain loads and
/// stores, stay as they were. Every access is sequentially consistent: read-modify-writes and stores use
/// <see cref="Interlocked"/> (a full barrier), loads use <see cref="Volatile"/> (acquire), which together give the
/// single total order of atomic accesses the proposal requires on both x64 and Arm64.
/// </summary>
internal sealed unsafe partial class ExecutionStack
{
    /// <summary>Runs the <see cref="Op.Atomic"/> instruction at <paramref name="ip"/>; the caller moves past its 7 code units.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ExecuteAtomic(ref ulong fp, ref int ip, Memory memory, WasmFunction function, int pc)
    {
        var sub = (uint)Unsafe.Add(ref ip, 1);
        var size = AtomicOpcodes.Size(sub);
        var block = memory.Block;
        // Read every operand before writing the result: the result slot may be the address's or an operand's.
        var address = (ulong)(uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3)) + (uint)Unsafe.Add(ref ip, 4);
        var a = Unsafe.Add(ref fp, Unsafe.Add(ref ip, 5));
        var b = Unsafe.Add(ref fp, Unsafe.Add(ref ip, 6));
        // The length is re-read here (not the interpreter's cached copy): another thread may have grown a shared memory.
        if (address + (ulong)size > block.Length) ThrowTrap(TrapCode.MemoryOutOfBounds, function, pc);
        if (RunAtomic(block, address, sub, a, b, function, pc, out var result)) Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) = result;
    }

    /// <summary>
    /// Runs atomic instruction <paramref name="sub"/> at the bounds-checked <paramref name="address"/> of
    /// <paramref name="block"/>: traps when it is not aligned to the access size; false for a store (no result).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool RunAtomic(LinearMemoryBlock block, ulong address, uint sub, ulong a, ulong b, WasmFunction function, int pc, out ulong result)
    {
        var size = AtomicOpcodes.Size(sub);
        if ((address & (ulong)(size - 1)) != 0) ThrowTrap(TrapCode.UnalignedAtomic, function, pc);
        var p = block.Base + address;
        var kind = AtomicOpcodes.Kind(sub);
        switch (kind)
        {
            case AtomicKind.Notify:
                // An unshared memory has no other thread that could wait on it: nobody to wake.
                result = block.IsShared ? block.WaitQueues.Notify(address, (uint)a) : 0;
                break;
            case AtomicKind.Wait32 or AtomicKind.Wait64:
                if (!block.IsShared) ThrowTrap(TrapCode.ExpectedSharedMemory, function, pc);
                result = Wait(block, address, kind == AtomicKind.Wait64, a, (long)b, function, pc);
                break;
            case AtomicKind.Load:
                result = size switch
                {
                    1 => Volatile.Read(ref *p),
                    2 => Volatile.Read(ref *(ushort*)p),
                    4 => Volatile.Read(ref *(uint*)p),
                    _ => Volatile.Read(ref *(ulong*)p),
                };
                break;
            case AtomicKind.Store:
                // Exchange, not a volatile write: a release store alone would let a later atomic load pass it.
                switch (size)
                {
                    case 1: Interlocked.Exchange(ref *p, (byte)a); break;
                    case 2: Interlocked.Exchange(ref *(ushort*)p, (ushort)a); break;
                    case 4: Interlocked.Exchange(ref *(uint*)p, (uint)a); break;
                    default: Interlocked.Exchange(ref *(ulong*)p, a); break;
                }
                result = 0;
                return false;
            case AtomicKind.Exchange:
                result = size switch
                {
                    1 => Interlocked.Exchange(ref *p, (byte)a),
                    2 => Interlocked.Exchange(ref *(ushort*)p, (ushort)a),
                    4 => Interlocked.Exchange(ref *(uint*)p, (uint)a),
                    _ => Interlocked.Exchange(ref *(ulong*)p, a),
                };
                break;
            case AtomicKind.CompareExchange:
                // The expected value is wrapped to the access width, as the proposal says.
                result = size switch
                {
                    1 => Interlocked.CompareExchange(ref *p, (byte)b, (byte)a),
                    2 => Interlocked.CompareExchange(ref *(ushort*)p, (ushort)b, (ushort)a),
                    4 => Interlocked.CompareExchange(ref *(uint*)p, (uint)b, (uint)a),
                    _ => Interlocked.CompareExchange(ref *(ulong*)p, b, a),
                };
                break;
            default:
                result = ReadModifyWrite(p, size, kind, a);
                break;
        }
        return true;
    }

    /// <summary>add, sub, and, or, xor: the old value, zero-extended.</summary>
    private static ulong ReadModifyWrite(byte* p, int size, AtomicKind kind, ulong operand)
    {
        switch (size, kind)
        {
            // The widths and operations .NET has a single instruction for.
            case (4, AtomicKind.Add): return Interlocked.Add(ref *(uint*)p, (uint)operand) - (uint)operand;
            case (8, AtomicKind.Add): return Interlocked.Add(ref *(ulong*)p, operand) - operand;
            case (4, AtomicKind.Sub): return Interlocked.Add(ref *(uint*)p, (uint)-(int)(uint)operand) + (uint)operand;
            case (8, AtomicKind.Sub): return Interlocked.Add(ref *(ulong*)p, (ulong)-(long)operand) + operand;
            case (4, AtomicKind.And): return Interlocked.And(ref *(uint*)p, (uint)operand);
            case (8, AtomicKind.And): return Interlocked.And(ref *(ulong*)p, operand);
            case (4, AtomicKind.Or): return Interlocked.Or(ref *(uint*)p, (uint)operand);
            case (8, AtomicKind.Or): return Interlocked.Or(ref *(ulong*)p, operand);
        }
        // Everything else (xor, and the 8- and 16-bit forms) is a compare-and-swap loop at the access width.
        switch (size)
        {
            case 1:
            {
                var old = Volatile.Read(ref *p);
                while (true)
                {
                    var seen = Interlocked.CompareExchange(ref *p, (byte)Apply(kind, old, operand), old);
                    if (seen == old) return old;
                    old = seen;
                }
            }
            case 2:
            {
                var old = Volatile.Read(ref *(ushort*)p);
                while (true)
                {
                    var seen = Interlocked.CompareExchange(ref *(ushort*)p, (ushort)Apply(kind, old, operand), old);
                    if (seen == old) return old;
                    old = seen;
                }
            }
            case 4:
            {
                var old = Volatile.Read(ref *(uint*)p);
                while (true)
                {
                    var seen = Interlocked.CompareExchange(ref *(uint*)p, (uint)Apply(kind, old, operand), old);
                    if (seen == old) return old;
                    old = seen;
                }
            }
            default:
            {
                var old = Volatile.Read(ref *(ulong*)p);
                while (true)
                {
                    var seen = Interlocked.CompareExchange(ref *(ulong*)p, Apply(kind, old, operand), old);
                    if (seen == old) return old;
                    old = seen;
                }
            }
        }
    }

    private static ulong Apply(AtomicKind kind, ulong old, ulong operand) => kind switch
    {
        AtomicKind.Add => old + operand,
        AtomicKind.Sub => old - operand,
        AtomicKind.And => old & operand,
        AtomicKind.Or => old | operand,
        _ => old ^ operand,
    };
}
