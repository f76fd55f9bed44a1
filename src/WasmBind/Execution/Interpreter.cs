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
/// linear memory accesses do one check against the memory's length.
/// </summary>
internal sealed partial class ExecutionStack
{
    /// <summary>
    /// Runs from <paramref name="pc"/> in <paramref name="entry"/> until the frame at <paramref name="entryFrames"/>
    /// returns (true) or the call suspends (false, with the resume point saved in the fields).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe bool Run(WasmFunction entry, int pc, int entryFramePointer, int entryFrames, CallMode mode)
    {
        var function = entry;
        var code = function.Code.Code;
        ref var ip = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(code), pc);
        ref var epoch = ref store.Engine.EpochCounter;
        var framePointer = entryFramePointer;
        ref var fp = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(slots), framePointer);
        var instance = function.Instance;
        var memory = instance.Memories.Length > 0 ? instance.Memories[0] : null;
        // The memory's base and length live in locals, reloaded after anything that can grow the memory (calls,
        // memory.grow, bulk operations). Holding `memory` keeps its block alive while `mem` points into it.
        // A shared memory can also be grown by another thread at any time: its base never moves, so only the
        // length can be stale, and only too small. An access past the cached length therefore re-reads it before
        // trapping (on the failure path only, so in-bounds accesses cost what they did).
        var mem = memory is null ? null : memory.Block.Base;
        var memLength = memory is null ? 0 : memory.Block.Length;

        while (true)
        {
            Function callee;
            int calleeBase;
            int returnPc;
            int suspendPc;
            switch ((Op)ip)
            {
                case Op.Unreachable:
                    ThrowTrap(TrapCode.Unreachable, function, Pc(code, ref ip));
                    continue;
                case Op.ConsumeFuel:
                {
                    var units = Unsafe.Add(ref ip, 1);
                    if ((store.FuelRemaining -= units) < store.FuelCheckpoint)
                    {
                        var outcome = OnFuelCheckpoint(units, mode, function, Pc(code, ref ip));
                        if (outcome == CheckOutcome.SuspendHere) { suspendPc = Pc(code, ref ip); goto suspend; }
                        if (outcome == CheckOutcome.SuspendAfter) { suspendPc = Pc(code, ref ip) + 2; goto suspend; }
                    }
                    ip = ref Unsafe.Add(ref ip, 2);
                    continue;
                }
                case Op.CheckEpoch:
                    if (Volatile.Read(ref epoch) >= Volatile.Read(ref store.EffectiveEpochDeadline)
                        && OnEpochDeadline(mode, function, Pc(code, ref ip)) == CheckOutcome.SuspendAfter)
                    {
                        suspendPc = Pc(code, ref ip) + 1;
                        goto suspend;
                    }
                    ip = ref Unsafe.Add(ref ip, 1);
                    continue;
                case Op.Br:
                    ip = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(code), Unsafe.Add(ref ip, 1));
                    continue;
                case Op.BrIfNez:
                    if ((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) != 0)
                        ip = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(code), Unsafe.Add(ref ip, 2));
                    else
                        ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.BrIfEqz:
                    if ((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) == 0)
                        ip = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(code), Unsafe.Add(ref ip, 2));
                    else
                        ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.BrIfI32Eq:
                    if ((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) == (uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)))
                        ip = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(code), Unsafe.Add(ref ip, 3));
                    else
                        ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.BrIfI32Ne:
                    if ((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) != (uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)))
                        ip = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(code), Unsafe.Add(ref ip, 3));
                    else
                        ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.BrIfI32LtS:
                    if ((int)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) < (int)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)))
                        ip = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(code), Unsafe.Add(ref ip, 3));
                    else
                        ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.BrIfI32LtU:
                    if ((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) < (uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)))
                        ip = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(code), Unsafe.Add(ref ip, 3));
                    else
                        ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.BrIfI32GtS:
                    if ((int)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) > (int)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)))
                        ip = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(code), Unsafe.Add(ref ip, 3));
                    else
                        ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.BrIfI32GtU:
                    if ((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) > (uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)))
                        ip = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(code), Unsafe.Add(ref ip, 3));
                    else
                        ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.BrIfI32LeS:
                    if ((int)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) <= (int)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)))
                        ip = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(code), Unsafe.Add(ref ip, 3));
                    else
                        ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.BrIfI32LeU:
                    if ((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) <= (uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)))
                        ip = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(code), Unsafe.Add(ref ip, 3));
                    else
                        ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.BrIfI32GeS:
                    if ((int)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) >= (int)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)))
                        ip = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(code), Unsafe.Add(ref ip, 3));
                    else
                        ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.BrIfI32GeU:
                    if ((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) >= (uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)))
                        ip = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(code), Unsafe.Add(ref ip, 3));
                    else
                        ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.BrIfI64Eq:
                    if ((ulong)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) == (ulong)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)))
                        ip = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(code), Unsafe.Add(ref ip, 3));
                    else
                        ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.BrIfI64Ne:
                    if ((ulong)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) != (ulong)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)))
                        ip = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(code), Unsafe.Add(ref ip, 3));
                    else
                        ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.BrIfI64LtS:
                    if ((long)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) < (long)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)))
                        ip = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(code), Unsafe.Add(ref ip, 3));
                    else
                        ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.BrIfI64LtU:
                    if ((ulong)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) < (ulong)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)))
                        ip = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(code), Unsafe.Add(ref ip, 3));
                    else
                        ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.BrIfI64GtS:
                    if ((long)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) > (long)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)))
                        ip = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(code), Unsafe.Add(ref ip, 3));
                    else
                        ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.BrIfI64GtU:
                    if ((ulong)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) > (ulong)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)))
                        ip = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(code), Unsafe.Add(ref ip, 3));
                    else
                        ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.BrIfI64LeS:
                    if ((long)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) <= (long)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)))
                        ip = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(code), Unsafe.Add(ref ip, 3));
                    else
                        ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.BrIfI64LeU:
                    if ((ulong)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) <= (ulong)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)))
                        ip = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(code), Unsafe.Add(ref ip, 3));
                    else
                        ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.BrIfI64GeS:
                    if ((long)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) >= (long)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)))
                        ip = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(code), Unsafe.Add(ref ip, 3));
                    else
                        ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.BrIfI64GeU:
                    if ((ulong)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) >= (ulong)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)))
                        ip = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(code), Unsafe.Add(ref ip, 3));
                    else
                        ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.BrIfEqz64:
                    if (Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) == 0)
                        ip = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(code), Unsafe.Add(ref ip, 2));
                    else
                        ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.BrIfNez64:
                    if (Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) != 0)
                        ip = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(code), Unsafe.Add(ref ip, 2));
                    else
                        ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.BrTable:
                {
                    var index = (uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1));
                    var count = (uint)Unsafe.Add(ref ip, 2);
                    if (index > count) index = count;
                    ip = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(code), Unsafe.Add(ref ip, 3 + (int)index));
                    continue;
                }
                case Op.Return:
                {
                    if (frameCount == entryFrames) return true;
                    var frame = frames[--frameCount];
                    function = frame.Function;
                    code = function.Code.Code;
                    ip = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(code), frame.ReturnPc);
                    framePointer = frame.FramePointer;
                    fp = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(slots), framePointer);
                    if (!ReferenceEquals(function.Instance, instance))
                    {
                        instance = function.Instance;
                        memory = instance.Memories.Length > 0 ? instance.Memories[0] : null;
                    }
                    mem = memory is null ? null : memory.Block.Base;
                    memLength = memory is null ? 0 : memory.Block.Length;
                    continue;
                }
                case Op.Call:
                    callee = instance.Functions[Unsafe.Add(ref ip, 1)];
                    calleeBase = framePointer + Unsafe.Add(ref ip, 2);
                    returnPc = Pc(code, ref ip) + 3;
                    goto call;
                case Op.CallIndirect:
                    callee = ResolveIndirectCallee(function, code, ref ip, ref fp);
                    calleeBase = framePointer + Unsafe.Add(ref ip, 4);
                    returnPc = Pc(code, ref ip) + 5;
                    goto call;
                case Op.ReturnCall:
                    callee = instance.Functions[Unsafe.Add(ref ip, 1)];
                    calleeBase = framePointer + Unsafe.Add(ref ip, 2);
                    returnPc = Pc(code, ref ip) + 3;
                    goto tailCall;
                case Op.ReturnCallIndirect:
                    callee = ResolveIndirectCallee(function, code, ref ip, ref fp);
                    calleeBase = framePointer + Unsafe.Add(ref ip, 4);
                    returnPc = Pc(code, ref ip) + 5;
                    goto tailCall;
                case Op.Copy:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2));
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.Const32:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)Unsafe.Add(ref ip, 2);
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.Const64:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)Unsafe.Add(ref ip, 2) | ((ulong)(uint)Unsafe.Add(ref ip, 3) << 32);
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.Select:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 4)) != 0
                        ? Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2))
                        : Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3));
                    ip = ref Unsafe.Add(ref ip, 5);
                    continue;
                case Op.GlobalGet:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = instance.Globals[Unsafe.Add(ref ip, 2)].Bits;
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.GlobalSet:
                    instance.Globals[Unsafe.Add(ref ip, 1)].Bits = Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2));
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.RefFunc:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (ulong)instance.Functions[Unsafe.Add(ref ip, 2)].Handle + 1;
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.MemorySize:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)(memLength / MemoryType.PageSize);
                    ip = ref Unsafe.Add(ref ip, 2);
                    continue;
                case Op.MemoryGrow:
                {
                    var delta = (uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2));
                    // Charged like a memory.fill of the grown bytes, before growing, and only for growth the maximum
                    // allows: a refused grow does no work and must still return -1 (or trap below), not run out of fuel.
                    var charged = memory!.IsWithinMaximum(delta) ? Charge((ulong)delta * MemoryType.PageSize, BytesPerFuel) : 0;
                    if (charged < 0)
                    {
                        // Nothing grew: the instruction can simply run again.
                        OutOfFuel(mode, function, Pc(code, ref ip));
                        suspendPc = Pc(code, ref ip);
                        goto suspend;
                    }
                    var previous = memory.TryGrow(delta);
                    if (previous < 0) store.FuelRemaining += charged;
                    if (previous < 0 && store.Limits is { TrapOnGrowFailure: true }) ThrowTrap(TrapCode.ResourceLimitExceeded, function, Pc(code, ref ip));
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)(int)previous;
                    mem = memory.Block.Base;
                    memLength = memory.Block.Length;
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                }
                case Op.I32DivS:
                {
                    var b = (int)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3));
                    var a = (int)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2));
                    if (b == 0) ThrowTrap(TrapCode.IntegerDivideByZero, function, Pc(code, ref ip));
                    if (b == -1 && a == int.MinValue) ThrowTrap(TrapCode.IntegerOverflow, function, Pc(code, ref ip));
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)(a / b);
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                }
                case Op.I32DivU:
                {
                    var b = (uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3));
                    if (b == 0) ThrowTrap(TrapCode.IntegerDivideByZero, function, Pc(code, ref ip));
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) / b;
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                }
                case Op.I32RemS:
                {
                    var b = (int)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3));
                    var a = (int)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2));
                    if (b == 0) ThrowTrap(TrapCode.IntegerDivideByZero, function, Pc(code, ref ip));
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = b == -1 ? 0 : (uint)(a % b);
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                }
                case Op.I32RemU:
                {
                    var b = (uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3));
                    if (b == 0) ThrowTrap(TrapCode.IntegerDivideByZero, function, Pc(code, ref ip));
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) % b;
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                }
                case Op.I64DivS:
                {
                    var b = (long)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3));
                    var a = (long)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2));
                    if (b == 0) ThrowTrap(TrapCode.IntegerDivideByZero, function, Pc(code, ref ip));
                    if (b == -1 && a == long.MinValue) ThrowTrap(TrapCode.IntegerOverflow, function, Pc(code, ref ip));
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (ulong)(a / b);
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                }
                case Op.I64DivU:
                {
                    var b = Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3));
                    if (b == 0) ThrowTrap(TrapCode.IntegerDivideByZero, function, Pc(code, ref ip));
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) / b;
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                }
                case Op.I64RemS:
                {
                    var b = (long)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3));
                    var a = (long)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2));
                    if (b == 0) ThrowTrap(TrapCode.IntegerDivideByZero, function, Pc(code, ref ip));
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = b == -1 ? 0 : (ulong)(a % b);
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                }
                case Op.I64RemU:
                {
                    var b = Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3));
                    if (b == 0) ThrowTrap(TrapCode.IntegerDivideByZero, function, Pc(code, ref ip));
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) % b;
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                }
                case Op.I32TruncF32S:
                case Op.I32TruncF64S:
                case Op.I32TruncF32U:
                case Op.I32TruncF64U:
                case Op.I64TruncF32S:
                case Op.I64TruncF64S:
                case Op.I64TruncF32U:
                case Op.I64TruncF64U:
                {
                    var op = (Op)ip;
                    var bits = Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2));
                    var value = op is Op.I32TruncF32S or Op.I32TruncF32U or Op.I64TruncF32S or Op.I64TruncF32U
                        ? BitConverter.UInt32BitsToSingle((uint)bits)
                        : BitConverter.UInt64BitsToDouble(bits);
                    var trap = op switch
                    {
                        Op.I32TruncF32S or Op.I32TruncF64S => Numerics.CheckTruncToI32(value),
                        Op.I32TruncF32U or Op.I32TruncF64U => Numerics.CheckTruncToU32(value),
                        Op.I64TruncF32S or Op.I64TruncF64S => Numerics.CheckTruncToI64(value),
                        _ => Numerics.CheckTruncToU64(value),
                    };
                    if (trap is { } trapCode) ThrowTrap(trapCode, function, Pc(code, ref ip));
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = op switch
                    {
                        Op.I32TruncF32S or Op.I32TruncF64S => (uint)(int)value,
                        Op.I32TruncF32U or Op.I32TruncF64U => (uint)value,
                        Op.I64TruncF32S or Op.I64TruncF64S => (ulong)(long)value,
                        _ => (ulong)value,
                    };
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                }
                case Op.I32Load:
                {
                    var address = (ulong)(uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) + (uint)Unsafe.Add(ref ip, 3);
                    if (address + 4 > memLength && address + 4 > (memLength = memory!.Block.Length)) ThrowTrap(TrapCode.MemoryOutOfBounds, function, Pc(code, ref ip));
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = Unsafe.ReadUnaligned<uint>(mem + address);
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                }
                case Op.I64Load:
                {
                    var address = (ulong)(uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) + (uint)Unsafe.Add(ref ip, 3);
                    if (address + 8 > memLength && address + 8 > (memLength = memory!.Block.Length)) ThrowTrap(TrapCode.MemoryOutOfBounds, function, Pc(code, ref ip));
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = Unsafe.ReadUnaligned<ulong>(mem + address);
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                }
                case Op.F32Load:
                {
                    var address = (ulong)(uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) + (uint)Unsafe.Add(ref ip, 3);
                    if (address + 4 > memLength && address + 4 > (memLength = memory!.Block.Length)) ThrowTrap(TrapCode.MemoryOutOfBounds, function, Pc(code, ref ip));
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = Unsafe.ReadUnaligned<uint>(mem + address);
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                }
                case Op.F64Load:
                {
                    var address = (ulong)(uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) + (uint)Unsafe.Add(ref ip, 3);
                    if (address + 8 > memLength && address + 8 > (memLength = memory!.Block.Length)) ThrowTrap(TrapCode.MemoryOutOfBounds, function, Pc(code, ref ip));
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = Unsafe.ReadUnaligned<ulong>(mem + address);
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                }
                case Op.I32Load8S:
                {
                    var address = (ulong)(uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) + (uint)Unsafe.Add(ref ip, 3);
                    if (address + 1 > memLength && address + 1 > (memLength = memory!.Block.Length)) ThrowTrap(TrapCode.MemoryOutOfBounds, function, Pc(code, ref ip));
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)(int)Unsafe.ReadUnaligned<sbyte>(mem + address);
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                }
                case Op.I32Load8U:
                {
                    var address = (ulong)(uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) + (uint)Unsafe.Add(ref ip, 3);
                    if (address + 1 > memLength && address + 1 > (memLength = memory!.Block.Length)) ThrowTrap(TrapCode.MemoryOutOfBounds, function, Pc(code, ref ip));
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = Unsafe.ReadUnaligned<byte>(mem + address);
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                }
                case Op.I32Load16S:
                {
                    var address = (ulong)(uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) + (uint)Unsafe.Add(ref ip, 3);
                    if (address + 2 > memLength && address + 2 > (memLength = memory!.Block.Length)) ThrowTrap(TrapCode.MemoryOutOfBounds, function, Pc(code, ref ip));
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)(int)Unsafe.ReadUnaligned<short>(mem + address);
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                }
                case Op.I32Load16U:
                {
                    var address = (ulong)(uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) + (uint)Unsafe.Add(ref ip, 3);
                    if (address + 2 > memLength && address + 2 > (memLength = memory!.Block.Length)) ThrowTrap(TrapCode.MemoryOutOfBounds, function, Pc(code, ref ip));
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = Unsafe.ReadUnaligned<ushort>(mem + address);
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                }
                case Op.I64Load8S:
                {
                    var address = (ulong)(uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) + (uint)Unsafe.Add(ref ip, 3);
                    if (address + 1 > memLength && address + 1 > (memLength = memory!.Block.Length)) ThrowTrap(TrapCode.MemoryOutOfBounds, function, Pc(code, ref ip));
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (ulong)(long)Unsafe.ReadUnaligned<sbyte>(mem + address);
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                }
                case Op.I64Load8U:
                {
                    var address = (ulong)(uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) + (uint)Unsafe.Add(ref ip, 3);
                    if (address + 1 > memLength && address + 1 > (memLength = memory!.Block.Length)) ThrowTrap(TrapCode.MemoryOutOfBounds, function, Pc(code, ref ip));
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = Unsafe.ReadUnaligned<byte>(mem + address);
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                }
                case Op.I64Load16S:
                {
                    var address = (ulong)(uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) + (uint)Unsafe.Add(ref ip, 3);
                    if (address + 2 > memLength && address + 2 > (memLength = memory!.Block.Length)) ThrowTrap(TrapCode.MemoryOutOfBounds, function, Pc(code, ref ip));
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (ulong)(long)Unsafe.ReadUnaligned<short>(mem + address);
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                }
                case Op.I64Load16U:
                {
                    var address = (ulong)(uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) + (uint)Unsafe.Add(ref ip, 3);
                    if (address + 2 > memLength && address + 2 > (memLength = memory!.Block.Length)) ThrowTrap(TrapCode.MemoryOutOfBounds, function, Pc(code, ref ip));
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = Unsafe.ReadUnaligned<ushort>(mem + address);
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                }
                case Op.I64Load32S:
                {
                    var address = (ulong)(uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) + (uint)Unsafe.Add(ref ip, 3);
                    if (address + 4 > memLength && address + 4 > (memLength = memory!.Block.Length)) ThrowTrap(TrapCode.MemoryOutOfBounds, function, Pc(code, ref ip));
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (ulong)(long)Unsafe.ReadUnaligned<int>(mem + address);
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                }
                case Op.I64Load32U:
                {
                    var address = (ulong)(uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) + (uint)Unsafe.Add(ref ip, 3);
                    if (address + 4 > memLength && address + 4 > (memLength = memory!.Block.Length)) ThrowTrap(TrapCode.MemoryOutOfBounds, function, Pc(code, ref ip));
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = Unsafe.ReadUnaligned<uint>(mem + address);
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                }
                case Op.I32Store:
                {
                    var address = (ulong)(uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) + (uint)Unsafe.Add(ref ip, 3);
                    if (address + 4 > memLength && address + 4 > (memLength = memory!.Block.Length)) ThrowTrap(TrapCode.MemoryOutOfBounds, function, Pc(code, ref ip));
                    Unsafe.WriteUnaligned(mem + address, (uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)));
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                }
                case Op.I64Store:
                {
                    var address = (ulong)(uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) + (uint)Unsafe.Add(ref ip, 3);
                    if (address + 8 > memLength && address + 8 > (memLength = memory!.Block.Length)) ThrowTrap(TrapCode.MemoryOutOfBounds, function, Pc(code, ref ip));
                    Unsafe.WriteUnaligned(mem + address, (ulong)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)));
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                }
                case Op.F32Store:
                {
                    var address = (ulong)(uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) + (uint)Unsafe.Add(ref ip, 3);
                    if (address + 4 > memLength && address + 4 > (memLength = memory!.Block.Length)) ThrowTrap(TrapCode.MemoryOutOfBounds, function, Pc(code, ref ip));
                    Unsafe.WriteUnaligned(mem + address, (uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)));
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                }
                case Op.F64Store:
                {
                    var address = (ulong)(uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) + (uint)Unsafe.Add(ref ip, 3);
                    if (address + 8 > memLength && address + 8 > (memLength = memory!.Block.Length)) ThrowTrap(TrapCode.MemoryOutOfBounds, function, Pc(code, ref ip));
                    Unsafe.WriteUnaligned(mem + address, (ulong)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)));
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                }
                case Op.I32Store8:
                {
                    var address = (ulong)(uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) + (uint)Unsafe.Add(ref ip, 3);
                    if (address + 1 > memLength && address + 1 > (memLength = memory!.Block.Length)) ThrowTrap(TrapCode.MemoryOutOfBounds, function, Pc(code, ref ip));
                    Unsafe.WriteUnaligned(mem + address, (byte)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)));
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                }
                case Op.I32Store16:
                {
                    var address = (ulong)(uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) + (uint)Unsafe.Add(ref ip, 3);
                    if (address + 2 > memLength && address + 2 > (memLength = memory!.Block.Length)) ThrowTrap(TrapCode.MemoryOutOfBounds, function, Pc(code, ref ip));
                    Unsafe.WriteUnaligned(mem + address, (ushort)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)));
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                }
                case Op.I64Store8:
                {
                    var address = (ulong)(uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) + (uint)Unsafe.Add(ref ip, 3);
                    if (address + 1 > memLength && address + 1 > (memLength = memory!.Block.Length)) ThrowTrap(TrapCode.MemoryOutOfBounds, function, Pc(code, ref ip));
                    Unsafe.WriteUnaligned(mem + address, (byte)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)));
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                }
                case Op.I64Store16:
                {
                    var address = (ulong)(uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) + (uint)Unsafe.Add(ref ip, 3);
                    if (address + 2 > memLength && address + 2 > (memLength = memory!.Block.Length)) ThrowTrap(TrapCode.MemoryOutOfBounds, function, Pc(code, ref ip));
                    Unsafe.WriteUnaligned(mem + address, (ushort)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)));
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                }
                case Op.I64Store32:
                {
                    var address = (ulong)(uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) + (uint)Unsafe.Add(ref ip, 3);
                    if (address + 4 > memLength && address + 4 > (memLength = memory!.Block.Length)) ThrowTrap(TrapCode.MemoryOutOfBounds, function, Pc(code, ref ip));
                    Unsafe.WriteUnaligned(mem + address, (uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)));
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                }
                case Op.I32Eqz:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)((int)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) == 0 ? 1 : 0);
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.I64Eqz:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)((long)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) == 0 ? 1 : 0);
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.I32Clz:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)(BitOperations.LeadingZeroCount((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2))));
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.I32Ctz:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)(BitOperations.TrailingZeroCount((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2))));
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.I32Popcnt:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)(BitOperations.PopCount((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2))));
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.I64Clz:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (ulong)BitOperations.LeadingZeroCount(Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)));
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.I64Ctz:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (ulong)BitOperations.TrailingZeroCount(Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)));
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.I64Popcnt:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (ulong)BitOperations.PopCount(Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)));
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.F32Abs:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) & 0x7FFF_FFFFu);
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.F32Neg:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) ^ 0x8000_0000u);
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.F32Ceil:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = BitConverter.SingleToUInt32Bits(Numerics.Ceiling(BitConverter.UInt32BitsToSingle((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)))));
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.F32Floor:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = BitConverter.SingleToUInt32Bits(Numerics.Floor(BitConverter.UInt32BitsToSingle((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)))));
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.F32Trunc:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = BitConverter.SingleToUInt32Bits(Numerics.Truncate(BitConverter.UInt32BitsToSingle((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)))));
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.F32Nearest:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = BitConverter.SingleToUInt32Bits(Numerics.Nearest(BitConverter.UInt32BitsToSingle((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)))));
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.F32Sqrt:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = BitConverter.SingleToUInt32Bits(Numerics.Sqrt(BitConverter.UInt32BitsToSingle((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)))));
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.F64Abs:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) & 0x7FFF_FFFF_FFFF_FFFFul;
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.F64Neg:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) ^ 0x8000_0000_0000_0000ul;
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.F64Ceil:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = BitConverter.DoubleToUInt64Bits(Numerics.Ceiling(BitConverter.UInt64BitsToDouble(Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)))));
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.F64Floor:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = BitConverter.DoubleToUInt64Bits(Numerics.Floor(BitConverter.UInt64BitsToDouble(Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)))));
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.F64Trunc:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = BitConverter.DoubleToUInt64Bits(Numerics.Truncate(BitConverter.UInt64BitsToDouble(Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)))));
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.F64Nearest:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = BitConverter.DoubleToUInt64Bits(Numerics.Nearest(BitConverter.UInt64BitsToDouble(Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)))));
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.F64Sqrt:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = BitConverter.DoubleToUInt64Bits(Numerics.Sqrt(BitConverter.UInt64BitsToDouble(Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)))));
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.I32WrapI64:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)));
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.I64ExtendI32S:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (ulong)(long)(int)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2));
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.I64ExtendI32U:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2));
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.F32ConvertI32S:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = BitConverter.SingleToUInt32Bits((float)(int)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)));
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.F32ConvertI32U:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = BitConverter.SingleToUInt32Bits((float)(long)(uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)));
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.F32ConvertI64S:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = BitConverter.SingleToUInt32Bits((float)(long)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)));
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.F32ConvertI64U:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = BitConverter.SingleToUInt32Bits(Numerics.U64ToF32(Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2))));
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.F32DemoteF64:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = BitConverter.SingleToUInt32Bits((float)BitConverter.UInt64BitsToDouble(Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2))));
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.F64ConvertI32S:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = BitConverter.DoubleToUInt64Bits((int)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)));
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.F64ConvertI32U:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = BitConverter.DoubleToUInt64Bits((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)));
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.F64ConvertI64S:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = BitConverter.DoubleToUInt64Bits((long)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)));
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.F64ConvertI64U:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = BitConverter.DoubleToUInt64Bits(Numerics.U64ToF64(Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2))));
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.F64PromoteF32:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = BitConverter.DoubleToUInt64Bits(BitConverter.UInt32BitsToSingle((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2))));
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.I32ReinterpretF32:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)));
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.I64ReinterpretF64:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2));
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.F32ReinterpretI32:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)));
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.F64ReinterpretI64:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2));
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.I32Extend8S:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)((uint)(int)(sbyte)(int)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)));
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.I32Extend16S:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)((uint)(int)(short)(int)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)));
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.I64Extend8S:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (ulong)(long)(sbyte)(long)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2));
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.I64Extend16S:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (ulong)(long)(short)(long)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2));
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.I64Extend32S:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (ulong)(long)(int)(long)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2));
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.I32TruncSatF32S:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)((uint)Numerics.SatI32(BitConverter.UInt32BitsToSingle((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)))));
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.I32TruncSatF32U:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)(Numerics.SatU32(BitConverter.UInt32BitsToSingle((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)))));
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.I32TruncSatF64S:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)((uint)Numerics.SatI32(BitConverter.UInt64BitsToDouble(Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)))));
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.I32TruncSatF64U:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)(Numerics.SatU32(BitConverter.UInt64BitsToDouble(Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)))));
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.I64TruncSatF32S:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (ulong)Numerics.SatI64(BitConverter.UInt32BitsToSingle((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2))));
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.I64TruncSatF32U:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = Numerics.SatU64(BitConverter.UInt32BitsToSingle((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2))));
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.I64TruncSatF64S:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (ulong)Numerics.SatI64(BitConverter.UInt64BitsToDouble(Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2))));
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.I64TruncSatF64U:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = Numerics.SatU64(BitConverter.UInt64BitsToDouble(Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2))));
                    ip = ref Unsafe.Add(ref ip, 3);
                    continue;
                case Op.I32Eq:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)((int)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) == (int)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3)) ? 1 : 0);
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.I32Ne:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)((int)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) != (int)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3)) ? 1 : 0);
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.I32LtS:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)((int)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) < (int)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3)) ? 1 : 0);
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.I32LtU:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) < (uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3)) ? 1 : 0);
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.I32GtS:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)((int)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) > (int)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3)) ? 1 : 0);
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.I32GtU:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) > (uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3)) ? 1 : 0);
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.I32LeS:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)((int)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) <= (int)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3)) ? 1 : 0);
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.I32LeU:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) <= (uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3)) ? 1 : 0);
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.I32GeS:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)((int)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) >= (int)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3)) ? 1 : 0);
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.I32GeU:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) >= (uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3)) ? 1 : 0);
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.I64Eq:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)((long)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) == (long)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3)) ? 1 : 0);
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.I64Ne:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)((long)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) != (long)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3)) ? 1 : 0);
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.I64LtS:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)((long)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) < (long)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3)) ? 1 : 0);
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.I64LtU:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)(Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) < Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3)) ? 1 : 0);
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.I64GtS:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)((long)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) > (long)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3)) ? 1 : 0);
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.I64GtU:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)(Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) > Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3)) ? 1 : 0);
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.I64LeS:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)((long)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) <= (long)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3)) ? 1 : 0);
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.I64LeU:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)(Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) <= Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3)) ? 1 : 0);
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.I64GeS:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)((long)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) >= (long)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3)) ? 1 : 0);
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.I64GeU:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)(Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) >= Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3)) ? 1 : 0);
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.F32Eq:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)(BitConverter.UInt32BitsToSingle((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2))) == BitConverter.UInt32BitsToSingle((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3))) ? 1 : 0);
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.F32Ne:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)(BitConverter.UInt32BitsToSingle((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2))) != BitConverter.UInt32BitsToSingle((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3))) ? 1 : 0);
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.F32Lt:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)(BitConverter.UInt32BitsToSingle((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2))) < BitConverter.UInt32BitsToSingle((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3))) ? 1 : 0);
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.F32Gt:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)(BitConverter.UInt32BitsToSingle((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2))) > BitConverter.UInt32BitsToSingle((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3))) ? 1 : 0);
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.F32Le:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)(BitConverter.UInt32BitsToSingle((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2))) <= BitConverter.UInt32BitsToSingle((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3))) ? 1 : 0);
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.F32Ge:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)(BitConverter.UInt32BitsToSingle((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2))) >= BitConverter.UInt32BitsToSingle((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3))) ? 1 : 0);
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.F64Eq:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)(BitConverter.UInt64BitsToDouble(Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2))) == BitConverter.UInt64BitsToDouble(Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3))) ? 1 : 0);
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.F64Ne:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)(BitConverter.UInt64BitsToDouble(Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2))) != BitConverter.UInt64BitsToDouble(Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3))) ? 1 : 0);
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.F64Lt:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)(BitConverter.UInt64BitsToDouble(Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2))) < BitConverter.UInt64BitsToDouble(Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3))) ? 1 : 0);
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.F64Gt:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)(BitConverter.UInt64BitsToDouble(Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2))) > BitConverter.UInt64BitsToDouble(Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3))) ? 1 : 0);
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.F64Le:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)(BitConverter.UInt64BitsToDouble(Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2))) <= BitConverter.UInt64BitsToDouble(Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3))) ? 1 : 0);
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.F64Ge:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)(BitConverter.UInt64BitsToDouble(Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2))) >= BitConverter.UInt64BitsToDouble(Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3))) ? 1 : 0);
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.I32Add:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) + (uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3)));
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.I32Sub:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) - (uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3)));
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.I32Mul:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) * (uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3)));
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.I32And:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) & (uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3)));
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.I32Or:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) | (uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3)));
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.I32Xor:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) ^ (uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3)));
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.I32Shl:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) << (int)(uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3)));
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.I32ShrS:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)((uint)((int)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) >> (int)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3))));
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.I32ShrU:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) >> (int)(uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3)));
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.I32Rotl:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)(BitOperations.RotateLeft((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)), (int)(uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3))));
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.I32Rotr:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)(BitOperations.RotateRight((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)), (int)(uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3))));
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.I64Add:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) + Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3));
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.I64Sub:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) - Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3));
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.I64Mul:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) * Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3));
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.I64And:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) & Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3));
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.I64Or:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) | Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3));
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.I64Xor:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) ^ Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3));
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.I64Shl:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) << (int)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3));
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.I64ShrS:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (ulong)((long)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) >> (int)(long)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3)));
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.I64ShrU:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) >> (int)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3));
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.I64Rotl:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = BitOperations.RotateLeft(Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)), (int)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3)));
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.I64Rotr:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = BitOperations.RotateRight(Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)), (int)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3)));
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.F32Add:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = BitConverter.SingleToUInt32Bits(BitConverter.UInt32BitsToSingle((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2))) + BitConverter.UInt32BitsToSingle((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3))));
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.F32Sub:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = BitConverter.SingleToUInt32Bits(BitConverter.UInt32BitsToSingle((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2))) - BitConverter.UInt32BitsToSingle((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3))));
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.F32Mul:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = BitConverter.SingleToUInt32Bits(BitConverter.UInt32BitsToSingle((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2))) * BitConverter.UInt32BitsToSingle((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3))));
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.F32Div:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = BitConverter.SingleToUInt32Bits(BitConverter.UInt32BitsToSingle((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2))) / BitConverter.UInt32BitsToSingle((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3))));
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.F32Min:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = BitConverter.SingleToUInt32Bits(Numerics.Min(BitConverter.UInt32BitsToSingle((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2))), BitConverter.UInt32BitsToSingle((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3)))));
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.F32Max:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = BitConverter.SingleToUInt32Bits(Numerics.Max(BitConverter.UInt32BitsToSingle((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2))), BitConverter.UInt32BitsToSingle((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3)))));
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.F32Copysign:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (uint)(((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) & 0x7FFF_FFFFu) | ((uint)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3)) & 0x8000_0000u));
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.F64Add:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = BitConverter.DoubleToUInt64Bits(BitConverter.UInt64BitsToDouble(Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2))) + BitConverter.UInt64BitsToDouble(Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3))));
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.F64Sub:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = BitConverter.DoubleToUInt64Bits(BitConverter.UInt64BitsToDouble(Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2))) - BitConverter.UInt64BitsToDouble(Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3))));
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.F64Mul:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = BitConverter.DoubleToUInt64Bits(BitConverter.UInt64BitsToDouble(Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2))) * BitConverter.UInt64BitsToDouble(Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3))));
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.F64Div:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = BitConverter.DoubleToUInt64Bits(BitConverter.UInt64BitsToDouble(Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2))) / BitConverter.UInt64BitsToDouble(Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3))));
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.F64Min:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = BitConverter.DoubleToUInt64Bits(Numerics.Min(BitConverter.UInt64BitsToDouble(Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2))), BitConverter.UInt64BitsToDouble(Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3)))));
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.F64Max:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = BitConverter.DoubleToUInt64Bits(Numerics.Max(BitConverter.UInt64BitsToDouble(Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2))), BitConverter.UInt64BitsToDouble(Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3)))));
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.F64Copysign:
                    Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = (Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) & 0x7FFF_FFFF_FFFF_FFFFul) | (Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3)) & 0x8000_0000_0000_0000ul);
                    ip = ref Unsafe.Add(ref ip, 4);
                    continue;
                case Op.Atomic:
                    ExecuteAtomic(ref fp, ref ip, memory!, function, Pc(code, ref ip));
                    // A wait can run host code (the epoch callback), and other threads may have grown a shared memory.
                    mem = memory!.Block.Base;
                    memLength = memory.Block.Length;
                    ip = ref Unsafe.Add(ref ip, 7);
                    continue;
                case Op.Simd:
                    ip = ref Unsafe.Add(ref ip, ExecuteSimd(ref fp, ref ip, instance, memory, function, code));
                    continue;
                case Op.AtomicFence:
                    Interlocked.MemoryBarrier();
                    ip = ref Unsafe.Add(ref ip, 1);
                    continue;
                case Op.TableGet:
                case Op.TableSet:
                case Op.TableSize:
                case Op.TableGrow:
                case Op.TableFill:
                case Op.TableCopy:
                case Op.TableInit:
                case Op.ElemDrop:
                case Op.MemoryInit:
                case Op.DataDrop:
                case Op.MemoryCopy:
                case Op.MemoryFill:
                {
                    // Bulk and table instructions do enough work per dispatch that a call costs nothing noticeable.
                    var length = ExecuteBulk(ref fp, ref ip, instance, function, Pc(code, ref ip));
                    if (length == 0)
                    {
                        // Not enough fuel for the whole operation: nothing was done, so it can simply run again.
                        OutOfFuel(mode, function, Pc(code, ref ip));
                        suspendPc = Pc(code, ref ip);
                        goto suspend;
                    }
                    mem = memory is null ? null : memory.Block.Base;
                    memLength = memory is null ? 0 : memory.Block.Length;
                    ip = ref Unsafe.Add(ref ip, length);
                    continue;
                }
                default:
                {
                    // Multi-memory, memory64 and wide arithmetic (Op 0x180 and up), kept out of the switch so the hot
                    // cases and the loop's locals stay as they were. Only an atomic wait on another memory can move
                    // memory 0 (its epoch callback is host code, which may grow it): memory 0 is reloaded after one.
                    var length = (Op)ip >= Op.MemoryAccess ? ExecuteExtension(ref fp, ref ip, instance, function, Pc(code, ref ip)) : -1;
                    if (length < 0) throw new InvalidOperationException($"internal error: unknown instruction {ip} in {function}");
                    if (length == 0)
                    {
                        // memory.grow without enough fuel: nothing grew, so it can simply run again.
                        OutOfFuel(mode, function, Pc(code, ref ip));
                        suspendPc = Pc(code, ref ip);
                        goto suspend;
                    }
                    if ((Op)ip == Op.AtomicAt)
                    {
                        mem = memory is null ? null : memory.Block.Base;
                        memLength = memory is null ? 0 : memory.Block.Length;
                    }
                    ip = ref Unsafe.Add(ref ip, length);
                    continue;
                }
            }

        call:
            if (callee is WasmFunction target)
            {
                // The running function counts too: at most MaxCallDepth functions are active at once.
                if (frameCount + 1 >= maxCallDepth) ThrowTrap(TrapCode.CallStackExhausted, function, Pc(code, ref ip));
                var compiled = target.Code;
                // Compiled code cannot suspend, so only synchronous calls use it (ExecutionStack.Compiled.cs).
                if (mode == CallMode.Sync && compiled.CompiledBody is { } body)
                {
                    CallCompiledFromInterpreter(body, target, function, returnPc, framePointer, calleeBase);
                    fp = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(slots), framePointer);
                    mem = memory is null ? null : memory.Block.Base;
                    memLength = memory is null ? 0 : memory.Block.Length;
                    ip = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(code), returnPc);
                    continue;
                }
                TierUp.CountCall(target, compiled);
                if (calleeBase + compiled.FrameSize > slots.Length)
                {
                    EnsureSlots((long)calleeBase + compiled.FrameSize, function, Pc(code, ref ip));
                }
                PushFrame(function, returnPc, framePointer);
                function = target;
                framePointer = calleeBase;
                fp = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(slots), framePointer);
                var parameterCount = compiled.ParameterCount;
                var localsToClear = compiled.LocalCount - parameterCount;
                if (localsToClear > 0) MemoryMarshal.CreateSpan(ref Unsafe.Add(ref fp, parameterCount), localsToClear).Clear();
                code = compiled.Code;
                ip = ref MemoryMarshal.GetArrayDataReference(code);
                if (!ReferenceEquals(target.Instance, instance))
                {
                    instance = target.Instance;
                    memory = instance.Memories.Length > 0 ? instance.Memories[0] : null;
                    mem = memory is null ? null : memory.Block.Base;
                    memLength = memory is null ? 0 : memory.Block.Length;
                }
            }
            else
            {
                var host = (HostFunction)callee;
                var slotCount = host.Type.CallSlotCount;
                if (calleeBase + slotCount > slots.Length) EnsureSlots((long)calleeBase + slotCount, function, Pc(code, ref ip));
                if (CallHost(host, calleeBase, function, framePointer, returnPc - 1, mode) == HostOutcome.Suspend)
                {
                    suspendPc = returnPc;
                    goto suspend;
                }
                // The host may have grown the slots or the memory.
                fp = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(slots), framePointer);
                mem = memory is null ? null : memory.Block.Base;
                memLength = memory is null ? 0 : memory.Block.Length;
                ip = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(code), returnPc);
            }
            continue;

        tailCall:
            // A host callee takes no interpreter frame: call it like any function; the translator's return sequence
            // after the tail call then returns its results. A WebAssembly callee replaces the running frame in
            // place (same frame pointer, same return record), so tail recursion never deepens the stack.
            if (callee is not WasmFunction tailTarget) goto call;
            {
                var compiled = tailTarget.Code;
                if (framePointer + compiled.FrameSize > slots.Length)
                {
                    EnsureSlots((long)framePointer + compiled.FrameSize, function, Pc(code, ref ip));
                }
                var parameterCount = compiled.ParameterCount;
                // The arguments sit above the caller's locals; moving them down overlaps safely (memmove).
                slots.AsSpan(calleeBase, parameterCount).CopyTo(slots.AsSpan(framePointer, parameterCount));
                function = tailTarget;
                fp = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(slots), framePointer);
                var localsToClear = compiled.LocalCount - parameterCount;
                if (localsToClear > 0) MemoryMarshal.CreateSpan(ref Unsafe.Add(ref fp, parameterCount), localsToClear).Clear();
                code = compiled.Code;
                ip = ref MemoryMarshal.GetArrayDataReference(code);
                if (!ReferenceEquals(tailTarget.Instance, instance))
                {
                    instance = tailTarget.Instance;
                    memory = instance.Memories.Length > 0 ? instance.Memories[0] : null;
                    mem = memory is null ? null : memory.Block.Base;
                    memLength = memory is null ? 0 : memory.Block.Length;
                }
                continue;
            }

        suspend:
            resumeFunction = function;
            resumePc = suspendPc;
            resumeFramePointer = framePointer;
            // Keep the suspended frames out of reach of synchronous calls made while the call is suspended.
            stackTop = framePointer + function.Code.FrameSize;
            return false;
        }
    }

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
