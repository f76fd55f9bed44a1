using System.Runtime.CompilerServices;
using WasmBind.Execution;
using WasmBind.Instructions;
using WasmBind.Runtime;

namespace WasmBind.Jit;

/// <summary>
/// Small helpers compiled code calls; the JIT inlines the hot ones. The trapping numeric instructions compute exactly
/// what the interpreter computes and trap with the same codes, at the instruction's code index.
/// </summary>
internal static unsafe class JitRuntime
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Memory? Memory0(WasmFunction function) =>
        function.Instance.Memories.Length > 0 ? function.Instance.Memories[0] : null;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte* MemoryBase(Memory? memory) => memory is null ? null : memory.Block.Base;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong MemoryLength(Memory? memory) => memory is null ? 0 : memory.Block.Length;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Global Global(WasmFunction function, int index) => function.Instance.Globals[index];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong GetGlobal(Global global) => global.Bits;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SetGlobal(Global global, ulong bits) => global.Bits = bits;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Function Callee(WasmFunction function, int index) => function.Instance.Functions[index];

    /// <summary>The instance's function of a defined function index: what a direct call passes its callee.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static WasmFunction DefinedCallee(WasmFunction caller, int index) => Unsafe.As<WasmFunction>(caller.Instance.Functions[index]);

    /// <summary>The compiled code of a WebAssembly function that has it, else null (a host or still interpreted function).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static CompiledBody? CompiledBodyOf(Function callee) => callee is WasmFunction wasm ? wasm.Code.CompiledBody : null;

    /// <summary>The callee <see cref="CompiledBodyOf"/> found compiled, without a second type check.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static WasmFunction AsWasmFunction(Function callee) => Unsafe.As<WasmFunction>(callee);

    public static ulong RefFunc(WasmFunction function, int index) => (ulong)function.Instance.Functions[index].Handle + 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Store StoreOf(ExecutionStack stack) => stack.Store;

    /// <summary>Charges a straight-line run's fuel; true when fuel fell below the checkpoint (the slow path decides).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool ChargeFuel(Store store, long units) => (store.FuelRemaining -= units) < store.FuelCheckpoint;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool EpochReached(Store store) =>
        Volatile.Read(ref store.Engine.EpochCounter) >= Volatile.Read(ref store.EffectiveEpochDeadline);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong I32DivS(ulong x, ulong y, ExecutionStack stack, WasmFunction function, int pc)
    {
        var a = (int)x;
        var b = (int)y;
        if (b == 0) stack.CompiledTrap(TrapCode.IntegerDivideByZero, function, pc);
        if (b == -1 && a == int.MinValue) stack.CompiledTrap(TrapCode.IntegerOverflow, function, pc);
        return (uint)(a / b);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong I32DivU(ulong x, ulong y, ExecutionStack stack, WasmFunction function, int pc)
    {
        if ((uint)y == 0) stack.CompiledTrap(TrapCode.IntegerDivideByZero, function, pc);
        return (uint)x / (uint)y;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong I32RemS(ulong x, ulong y, ExecutionStack stack, WasmFunction function, int pc)
    {
        var b = (int)y;
        if (b == 0) stack.CompiledTrap(TrapCode.IntegerDivideByZero, function, pc);
        return b == -1 ? 0 : (uint)((int)x % b);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong I32RemU(ulong x, ulong y, ExecutionStack stack, WasmFunction function, int pc)
    {
        if ((uint)y == 0) stack.CompiledTrap(TrapCode.IntegerDivideByZero, function, pc);
        return (uint)x % (uint)y;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong I64DivS(ulong x, ulong y, ExecutionStack stack, WasmFunction function, int pc)
    {
        var a = (long)x;
        var b = (long)y;
        if (b == 0) stack.CompiledTrap(TrapCode.IntegerDivideByZero, function, pc);
        if (b == -1 && a == long.MinValue) stack.CompiledTrap(TrapCode.IntegerOverflow, function, pc);
        return (ulong)(a / b);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong I64DivU(ulong x, ulong y, ExecutionStack stack, WasmFunction function, int pc)
    {
        if (y == 0) stack.CompiledTrap(TrapCode.IntegerDivideByZero, function, pc);
        return x / y;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong I64RemS(ulong x, ulong y, ExecutionStack stack, WasmFunction function, int pc)
    {
        var b = (long)y;
        if (b == 0) stack.CompiledTrap(TrapCode.IntegerDivideByZero, function, pc);
        return b == -1 ? 0 : (ulong)((long)x % b);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong I64RemU(ulong x, ulong y, ExecutionStack stack, WasmFunction function, int pc)
    {
        if (y == 0) stack.CompiledTrap(TrapCode.IntegerDivideByZero, function, pc);
        return x % y;
    }

    /// <summary>The trapping float-to-integer truncations, by their opcode (as the interpreter decodes them).</summary>
    public static ulong Truncate(ulong bits, int op, ExecutionStack stack, WasmFunction function, int pc)
    {
        var kind = (Op)op;
        var value = kind is Op.I32TruncF32S or Op.I32TruncF32U or Op.I64TruncF32S or Op.I64TruncF32U
            ? BitConverter.UInt32BitsToSingle((uint)bits)
            : BitConverter.UInt64BitsToDouble(bits);
        var trap = kind switch
        {
            Op.I32TruncF32S or Op.I32TruncF64S => Numerics.CheckTruncToI32(value),
            Op.I32TruncF32U or Op.I32TruncF64U => Numerics.CheckTruncToU32(value),
            Op.I64TruncF32S or Op.I64TruncF64S => Numerics.CheckTruncToI64(value),
            _ => Numerics.CheckTruncToU64(value),
        };
        if (trap is { } trapCode) stack.CompiledTrap(trapCode, function, pc);
        return kind switch
        {
            Op.I32TruncF32S or Op.I32TruncF64S => (uint)(int)value,
            Op.I32TruncF32U or Op.I32TruncF64U => (uint)value,
            Op.I64TruncF32S or Op.I64TruncF64S => (ulong)(long)value,
            _ => (ulong)value,
        };
    }
}
