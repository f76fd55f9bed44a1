using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using WasmBind.Compilation;
using WasmBind.Execution;
using WasmBind.Instructions;
using WasmBind.Runtime;

namespace WasmBind.Jit;

/// <summary>
/// Compiles one function's interpreter code (already validated and translated, see docs/architecture.md) to a
/// <see cref="DynamicMethod"/>. Every frame slot becomes an IL local, branches become IL branches (<c>br_table</c> an
/// IL <c>switch</c>), and each instruction computes exactly what the interpreter computes, trapping at the same code
/// index, so backtraces, fuel and epochs agree between the tiers. An instruction this compiler does not know leaves
/// the function interpreted, with the reason recorded (<see cref="Module.GetFunctionTiers"/>).
/// </summary>
[RequiresDynamicCode("Compiles WebAssembly to IL with System.Reflection.Emit.")]
internal sealed partial class IlCompiler
{
    private static readonly Dictionary<Op, MethodInfo> Numerics = typeof(JitNumerics)
        .GetMethods(BindingFlags.Public | BindingFlags.Static)
        .Where(m => Enum.IsDefined(typeof(Op), m.Name))
        .ToDictionary(m => Enum.Parse<Op>(m.Name), m => m);

    /// <summary>The numeric instructions with a form on double operands or results (<see cref="JitTypedNumerics"/>).</summary>
    private static readonly Dictionary<Op, MethodInfo> TypedNumerics = typeof(JitTypedNumerics)
        .GetMethods(BindingFlags.Public | BindingFlags.Static)
        .Where(m => Enum.IsDefined(typeof(Op), m.Name))
        .ToDictionary(m => Enum.Parse<Op>(m.Name), m => m);

    /// <summary>Each module's compiled methods by defined-function index, for direct calls between them.</summary>
    private static readonly ConditionalWeakTable<Module, DynamicMethod?[]> ModuleMethods = new();

    private static readonly Dictionary<Op, MethodInfo> Divisions = new[] { Op.I32DivS, Op.I32DivU, Op.I32RemS, Op.I32RemU, Op.I64DivS, Op.I64DivU, Op.I64RemS, Op.I64RemU }
        .ToDictionary(op => op, op => Method(typeof(JitRuntime), op.ToString()));

    private readonly Module module;
    private readonly CompiledFunction function;
    private readonly int[] code;
    private readonly Dictionary<int, Label> labels = [];
    private readonly Dictionary<int, LocalBuilder> globals = [];

    /// <summary>Slots some constant instruction writes: float arithmetic reading them needs the NaN-safe helpers.</summary>
    private readonly HashSet<int> constantSlots = [];
    private ILGenerator il = null!;
    private DynamicMethod method = null!;
    private long frameBytes;
    private LocalBuilder[] slots = [];

    /// <summary>Per slot, whether its IL local is a double (see <see cref="InferSlotKinds"/>).</summary>
    private bool[] doubleSlots = [];
    private LocalBuilder? memory;
    private LocalBuilder? memoryBase;
    private LocalBuilder? memoryLength;
    private LocalBuilder? address;
    private LocalBuilder? store;
    private LocalBuilder? callBuffer;
    private LocalBuilder? indirectCallee;
    private LocalBuilder? indirectBody;
    private LocalBuilder? scratch;
    private int callBufferSlots;
    private bool usesMemory;
    private bool usesStore;
    private bool usesScratch;
    private bool usesIndirectCalls;

    private IlCompiler(Module module, CompiledFunction function)
    {
        this.module = module;
        this.function = function;
        code = function.Code;
    }

    /// <summary>Compiles <paramref name="function"/>, or returns null with the reason it stays interpreted.</summary>
    public static CompiledBody? TryCompile(Module module, CompiledFunction function, out string? reason)
    {
        var compiler = new IlCompiler(module, function);
        reason = compiler.Scan();
        if (reason is not null) return null;
        return compiler.Emit();
    }

    // ---- pass 1: lengths, branch targets, what the function needs ----

    private string? Scan()
    {
        var targets = new List<int>();
        for (var pc = 0; pc < code.Length;)
        {
            var op = (Op)code[pc];
            var length = Length(code, pc);
            if (length <= 0 || pc + length > code.Length) return $"instruction {op} (code {code[pc]}) at code index {pc} is not supported by the compiled tier";
            switch (op)
            {
                case Op.ReturnCall or Op.ReturnCallIndirect:
                    // A tail call must run in constant stack, which nested .NET calls cannot promise.
                    return $"tail call ({op}) at code index {pc}: tail calls run in the interpreter";
                case Op.Br:
                    targets.Add(code[pc + 1]);
                    break;
                case Op.BrIfNez or Op.BrIfEqz or Op.BrIfNez64 or Op.BrIfEqz64:
                    targets.Add(code[pc + 2]);
                    break;
                case >= Op.BrIfI32Eq and <= Op.BrIfI64GeU:
                    targets.Add(code[pc + 3]);
                    break;
                case Op.BrTable:
                    for (var i = 0; i <= code[pc + 2]; i++) targets.Add(code[pc + 3 + i]);
                    break;
                case Op.Call:
                    NeedCallBuffer(module.FunctionTypeAt(code[pc + 1]));
                    break;
                case Op.CallIndirect:
                    NeedCallBuffer(module.Definition.Types[code[pc + 2]]);
                    usesIndirectCalls = true;
                    break;
                case Op.ConsumeFuel or Op.CheckEpoch:
                    usesStore = true;
                    break;
                case Op.Atomic:
                    usesScratch = true;
                    usesMemory = true;
                    break;
                case >= Op.TableGet and <= Op.MemoryFill:
                    if (op is not Op.RefFunc) usesScratch = true;
                    if (op is Op.MemoryInit or Op.MemoryCopy or Op.MemoryFill) usesMemory = true;
                    break;
                case >= Op.I32Load and <= Op.MemoryGrow:
                    usesMemory = true;
                    break;
            }
            pc += length;
        }
        foreach (var target in targets)
        {
            if ((uint)target >= (uint)code.Length) return $"branch target {target} outside the code";
        }
        FindConstantSlots();
        InferSlotKinds();
        // Labels are created in Emit, once the generator exists; remember the targets as keys.
        foreach (var target in targets) labels[target] = default;
        return null;
    }

    /// <summary>
    /// The slots that may hold a value the JIT sees as a constant: written by a constant instruction, copied or selected
    /// from such a slot, or computed by a numeric instruction from such slots only (the JIT folds those too).
    /// </summary>
    private void FindConstantSlots()
    {
        for (var changed = true; changed;)
        {
            changed = false;
            for (var pc = 0; pc < code.Length; pc += Length(code, pc))
            {
                var op = (Op)code[pc];
                var constant = op switch
                {
                    Op.Const32 or Op.Const64 => true,
                    Op.Copy => constantSlots.Contains(code[pc + 2]),
                    Op.Select => constantSlots.Contains(code[pc + 2]) || constantSlots.Contains(code[pc + 3]),
                    _ when Numerics.TryGetValue(op, out var method) => method.GetParameters().Length == 1
                        ? constantSlots.Contains(code[pc + 2])
                        : constantSlots.Contains(code[pc + 2]) && constantSlots.Contains(code[pc + 3]),
                    _ => false,
                };
                if (constant && constantSlots.Add(code[pc + 1])) changed = true;
            }
        }
    }

    /// <summary>
    /// Chooses each slot's IL local type. A slot holds any 64-bit value, so a <c>ulong</c> is always right; but f64
    /// arithmetic on <c>ulong</c> locals moves every operand between integer and vector registers. A slot the f64
    /// instructions use more than the integer ones (the translator reuses operand slots across types) becomes a double,
    /// and every other access converts at the access: a reinterpretation, exact both ways, so the tiers still agree
    /// bit for bit. Slots only copied from or to such a slot follow it.
    /// </summary>
    private void InferSlotKinds()
    {
        var votes = new int[function.FrameSize];
        var copies = new List<(int To, int From)>();
        void Vote(int slot, int weight) => votes[slot] += weight;
        for (var pc = 0; pc < code.Length; pc += Length(code, pc))
        {
            var op = (Op)code[pc];
            switch (op)
            {
                case Op.Copy:
                    copies.Add((code[pc + 1], code[pc + 2]));
                    continue;
                case Op.Select:
                    copies.Add((code[pc + 1], code[pc + 2]));
                    copies.Add((code[pc + 1], code[pc + 3]));
                    Vote(code[pc + 4], -1);
                    continue;
                case Op.F64Load:
                    Vote(code[pc + 1], 1);
                    Vote(code[pc + 2], -1);
                    continue;
                case Op.F64Store:
                    Vote(code[pc + 2], 1);
                    Vote(code[pc + 1], -1);
                    continue;
                case >= Op.I32Load and <= Op.I64Load32U:
                    Vote(code[pc + 1], -1);
                    Vote(code[pc + 2], -1);
                    continue;
                case >= Op.I32Store and <= Op.I64Store32:
                    Vote(code[pc + 1], -1);
                    Vote(code[pc + 2], -1);
                    continue;
                case Op.BrIfNez or Op.BrIfEqz or Op.BrIfNez64 or Op.BrIfEqz64 or Op.BrTable:
                    Vote(code[pc + 1], -1);
                    continue;
                case >= Op.BrIfI32Eq and <= Op.BrIfI64GeU:
                    Vote(code[pc + 1], -1);
                    Vote(code[pc + 2], -1);
                    continue;
            }
            if (Divisions.ContainsKey(op))
            {
                Vote(code[pc + 1], -1);
                Vote(code[pc + 2], -1);
                Vote(code[pc + 3], -1);
            }
            else if (TypedNumerics.TryGetValue(op, out var typed))
            {
                var parameters = typed.GetParameters();
                Vote(code[pc + 1], typed.ReturnType == typeof(double) ? 1 : -1);
                for (var i = 0; i < parameters.Length; i++) Vote(code[pc + 2 + i], parameters[i].ParameterType == typeof(double) ? 1 : -1);
            }
            else if (Numerics.TryGetValue(op, out var bits) && op.ToString()[0] == 'I' && !op.ToString().Contains('F', StringComparison.Ordinal))
            {
                // Integer instructions only: the f32 ones and f64 bit operations (abs, neg, copysign) take any slot as it is.
                Vote(code[pc + 1], -1);
                for (var i = 0; i < bits.GetParameters().Length; i++) Vote(code[pc + 2 + i], -1);
            }
        }
        doubleSlots = new bool[function.FrameSize];
        for (var i = 0; i < votes.Length; i++) doubleSlots[i] = votes[i] > 0;
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var (to, from) in copies)
            {
                if (votes[to] == 0 && !doubleSlots[to] && doubleSlots[from]) changed = doubleSlots[to] = true;
                if (votes[from] == 0 && !doubleSlots[from] && doubleSlots[to]) changed = doubleSlots[from] = true;
            }
        }
    }

    private void NeedCallBuffer(FunctionType type) =>
        callBufferSlots = Math.Max(callBufferSlots, Math.Max(Math.Max(type.Parameters.Count, type.Results.Count), 1));

    /// <summary>The length of the instruction at <paramref name="pc"/> in code units, or 0 for an instruction this compiler does not know.</summary>
    internal static int Length(int[] code, int pc)
    {
        var op = (Op)code[pc];
        return op switch
        {
            Op.Unreachable or Op.Return or Op.CheckEpoch or Op.AtomicFence => 1,
            Op.Br or Op.ConsumeFuel or Op.ElemDrop or Op.DataDrop or Op.MemorySize => 2,
            Op.BrIfNez or Op.BrIfEqz or Op.BrIfNez64 or Op.BrIfEqz64 or Op.Call or Op.ReturnCall or Op.Copy or Op.Const32
                or Op.GlobalGet or Op.GlobalSet or Op.RefFunc or Op.TableSize or Op.MemoryGrow => 3,
            Op.BrTable => pc + 2 < code.Length && code[pc + 2] >= 0 ? 4 + code[pc + 2] : 0,
            Op.Const64 or Op.TableGet or Op.TableSet => 4,
            >= Op.BrIfI32Eq and <= Op.BrIfI64GeU => 4,
            >= Op.I32Load and <= Op.I64Store32 => 4,
            Op.CallIndirect or Op.ReturnCallIndirect or Op.Select or Op.TableGrow or Op.TableFill or Op.MemoryFill => 5,
            Op.TableCopy or Op.TableInit or Op.MemoryInit or Op.MemoryCopy => 6,
            Op.Atomic => 7,
            Op.I32TruncF32S or Op.I32TruncF32U or Op.I32TruncF64S or Op.I32TruncF64U
                or Op.I64TruncF32S or Op.I64TruncF32U or Op.I64TruncF64S or Op.I64TruncF64U => 3,
            _ when Divisions.ContainsKey(op) => 4,
            _ when Numerics.TryGetValue(op, out var method) => method.GetParameters().Length + 2,
            _ => 0,
        };
    }

    // ---- pass 2: IL ----

    private CompiledBody Emit()
    {
        method = new DynamicMethod(
            $"wasm[{function.FunctionIndex}]",
            typeof(void),
            [typeof(ExecutionStack), typeof(WasmFunction), typeof(ulong).MakeByRefType()],
            typeof(IlCompiler).Module,
            skipVisibility: true);
        il = method.GetILGenerator(Math.Max(256, code.Length * 12));
        foreach (var target in labels.Keys.ToArray()) labels[target] = il.DefineLabel();
        slots = new LocalBuilder[function.FrameSize];
        for (var i = 0; i < slots.Length; i++) slots[i] = il.DeclareLocal(doubleSlots[i] ? typeof(double) : typeof(ulong));
        EmitPrologue();
        for (var pc = 0; pc < code.Length; pc += Length(code, pc))
        {
            if (labels.TryGetValue(pc, out var label)) il.MarkLabel(label);
            EmitInstruction(pc);
        }
        // The code ends with a return; this only keeps the IL well-formed if a trap is the last instruction.
        il.Emit(OpCodes.Ret);
        var body = method.CreateDelegate<CompiledBody>();
        // Published after CreateDelegate completed the method, so a caller compiled later may call it directly.
        var methods = ModuleMethods.GetValue(module, m => new DynamicMethod?[m.Functions.Count]);
        Volatile.Write(ref methods[function.FunctionIndex - module.Definition.ImportedFunctionCount], method);
        return body;
    }

    private unsafe void EmitPrologue()
    {
        // An upper bound of this function's .NET frame: its slots, its call buffer, the JIT's temporaries.
        frameBytes = 24L * (function.FrameSize + callBufferSlots) + 512;
        var stackOk = il.DefineLabel();
        // The address of a local is where this frame is; the stack grows down.
        il.Emit(OpCodes.Ldloca, il.DeclareLocal(typeof(byte)));
        il.Emit(OpCodes.Conv_U);
        il.Emit(OpCodes.Ldc_I8, frameBytes);
        il.Emit(OpCodes.Conv_U);
        il.Emit(OpCodes.Sub);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldfld, StackLimitField);
        il.Emit(OpCodes.Bge_Un, stackOk);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Call, Method(typeof(ExecutionStack), nameof(ExecutionStack.CompiledStackCheck)));
        il.MarkLabel(stackOk);
        for (var i = 0; i < function.ParameterCount; i++)
        {
            LoadArgumentAddress(i);
            il.Emit(OpCodes.Ldind_I8);
            Store(i);
        }
        if (usesStore)
        {
            store = il.DeclareLocal(typeof(Store));
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Call, Method(typeof(JitRuntime), nameof(JitRuntime.StoreOf)));
            il.Emit(OpCodes.Stloc, store);
        }
        if (usesMemory)
        {
            memory = il.DeclareLocal(typeof(Memory));
            memoryBase = il.DeclareLocal(typeof(byte*));
            memoryLength = il.DeclareLocal(typeof(ulong));
            address = il.DeclareLocal(typeof(ulong));
            il.Emit(OpCodes.Ldarg_1);
            il.Emit(OpCodes.Call, Method(typeof(JitRuntime), nameof(JitRuntime.Memory0)));
            il.Emit(OpCodes.Stloc, memory);
            ReloadMemory();
        }
        if (callBufferSlots > 0)
        {
            // Arguments and results of calls pass through this buffer on the .NET stack.
            callBuffer = il.DeclareLocal(typeof(ulong*));
            var fixedBuffer = callBufferSlots switch
            {
                <= 4 => typeof(CallBuffer4),
                <= 16 => typeof(CallBuffer16),
                <= 64 => typeof(CallBuffer64),
                _ => null,
            };
            if (fixedBuffer is not null)
            {
                // A local of the frame, which never moves: its address stays valid as a pointer.
                il.Emit(OpCodes.Ldloca, il.DeclareLocal(fixedBuffer));
                il.Emit(OpCodes.Conv_U);
            }
            else
            {
                il.Emit(OpCodes.Ldc_I4, callBufferSlots * sizeof(ulong));
                il.Emit(OpCodes.Conv_U);
                il.Emit(OpCodes.Localloc);
            }
            il.Emit(OpCodes.Stloc, callBuffer);
        }
        if (usesIndirectCalls)
        {
            indirectCallee = il.DeclareLocal(typeof(Function));
            indirectBody = il.DeclareLocal(typeof(CompiledBody));
        }
        if (usesScratch) scratch = il.DeclareLocal(typeof(ulong).MakeByRefType());
        for (var pc = 0; pc < code.Length; pc += Length(code, pc))
        {
            if ((Op)code[pc] is Op.GlobalGet or Op.GlobalSet)
            {
                var index = (Op)code[pc] == Op.GlobalGet ? code[pc + 2] : code[pc + 1];
                if (globals.ContainsKey(index)) continue;
                // The Global object is fixed per instance, so it is looked up once per call.
                var local = il.DeclareLocal(typeof(Global));
                il.Emit(OpCodes.Ldarg_1);
                il.Emit(OpCodes.Ldc_I4, index);
                il.Emit(OpCodes.Call, Method(typeof(JitRuntime), nameof(JitRuntime.Global)));
                il.Emit(OpCodes.Stloc, local);
                globals[index] = local;
            }
        }
    }

    private void EmitInstruction(int pc)
    {
        var op = (Op)code[pc];
        switch (op)
        {
            case Op.Unreachable:
                Trap(TrapCode.Unreachable, pc);
                return;
            case Op.ConsumeFuel:
            {
                var done = il.DefineLabel();
                il.Emit(OpCodes.Ldloc, store!);
                il.Emit(OpCodes.Ldc_I8, (long)code[pc + 1]);
                il.Emit(OpCodes.Call, Method(typeof(JitRuntime), nameof(JitRuntime.ChargeFuel)));
                il.Emit(OpCodes.Brfalse, done);
                il.Emit(OpCodes.Ldarg_0);
                il.Emit(OpCodes.Ldc_I8, (long)code[pc + 1]);
                il.Emit(OpCodes.Ldarg_1);
                il.Emit(OpCodes.Ldc_I4, pc);
                il.Emit(OpCodes.Call, Method(typeof(ExecutionStack), nameof(ExecutionStack.CompiledFuelCheckpoint)));
                il.MarkLabel(done);
                return;
            }
            case Op.CheckEpoch:
            {
                var done = il.DefineLabel();
                il.Emit(OpCodes.Ldloc, store!);
                il.Emit(OpCodes.Call, Method(typeof(JitRuntime), nameof(JitRuntime.EpochReached)));
                il.Emit(OpCodes.Brfalse, done);
                il.Emit(OpCodes.Ldarg_0);
                il.Emit(OpCodes.Ldarg_1);
                il.Emit(OpCodes.Ldc_I4, pc);
                il.Emit(OpCodes.Call, Method(typeof(ExecutionStack), nameof(ExecutionStack.CompiledEpochDeadline)));
                // The epoch callback is host code: it may have grown the memory.
                ReloadMemory();
                il.MarkLabel(done);
                return;
            }
            case Op.Br:
                il.Emit(OpCodes.Br, labels[code[pc + 1]]);
                return;
            case Op.BrIfNez or Op.BrIfEqz:
                Load(code[pc + 1]);
                il.Emit(OpCodes.Conv_I4);
                il.Emit(op == Op.BrIfNez ? OpCodes.Brtrue : OpCodes.Brfalse, labels[code[pc + 2]]);
                return;
            case Op.BrIfNez64 or Op.BrIfEqz64:
                Load(code[pc + 1]);
                il.Emit(op == Op.BrIfNez64 ? OpCodes.Brtrue : OpCodes.Brfalse, labels[code[pc + 2]]);
                return;
            case >= Op.BrIfI32Eq and <= Op.BrIfI64GeU:
                EmitCompareAndBranch(op, pc);
                return;
            case Op.BrTable:
            {
                var count = code[pc + 2];
                Load(code[pc + 1]);
                il.Emit(OpCodes.Conv_I4);
                var table = new Label[count];
                for (var i = 0; i < count; i++) table[i] = labels[code[pc + 3 + i]];
                // An index past the table (unsigned) falls through to the default target.
                il.Emit(OpCodes.Switch, table);
                il.Emit(OpCodes.Br, labels[code[pc + 3 + count]]);
                return;
            }
            case Op.Return:
                for (var i = 0; i < function.ResultCount; i++)
                {
                    LoadArgumentAddress(i);
                    Load(i);
                    il.Emit(OpCodes.Stind_I8);
                }
                il.Emit(OpCodes.Ret);
                return;
            case Op.Call when code[pc + 1] >= module.Definition.ImportedFunctionCount:
                EmitDirectCall(pc, code[pc + 1], code[pc + 2]);
                return;
            case Op.Call:
                EmitCall(pc, code[pc + 2], module.FunctionTypeAt(code[pc + 1]), () =>
                {
                    il.Emit(OpCodes.Ldarg_1);
                    il.Emit(OpCodes.Ldc_I4, code[pc + 1]);
                    il.Emit(OpCodes.Call, Method(typeof(JitRuntime), nameof(JitRuntime.Callee)));
                });
                return;
            case Op.CallIndirect:
                il.Emit(OpCodes.Ldarg_0);
                il.Emit(OpCodes.Ldarg_1);
                il.Emit(OpCodes.Ldc_I4, pc);
                il.Emit(OpCodes.Ldc_I4, code[pc + 1]);
                // Type ids are the engine's, and this code belongs to one module of one engine: a constant here.
                il.Emit(OpCodes.Ldc_I4, module.TypeIds[code[pc + 2]]);
                Load(code[pc + 3]);
                il.Emit(OpCodes.Conv_U4);
                il.Emit(OpCodes.Call, Method(typeof(ExecutionStack), nameof(ExecutionStack.CompiledResolveIndirect)));
                il.Emit(OpCodes.Stloc, indirectCallee!);
                EmitIndirectCall(pc, code[pc + 4], module.Definition.Types[code[pc + 2]]);
                return;
            case Op.Copy:
                LoadAs(code[pc + 2], doubleSlots[code[pc + 1]]);
                StoreAs(code[pc + 1], doubleSlots[code[pc + 1]]);
                return;
            case Op.Const32:
                il.Emit(OpCodes.Ldc_I8, (long)(uint)code[pc + 2]);
                Store(code[pc + 1]);
                return;
            case Op.Const64:
                il.Emit(OpCodes.Ldc_I8, (long)((uint)code[pc + 2] | ((ulong)(uint)code[pc + 3] << 32)));
                Store(code[pc + 1]);
                return;
            case Op.Select:
            {
                var second = il.DefineLabel();
                var done = il.DefineLabel();
                var asDouble = doubleSlots[code[pc + 1]];
                Load(code[pc + 4]);
                il.Emit(OpCodes.Conv_I4);
                il.Emit(OpCodes.Brfalse, second);
                LoadAs(code[pc + 2], asDouble);
                il.Emit(OpCodes.Br, done);
                il.MarkLabel(second);
                LoadAs(code[pc + 3], asDouble);
                il.MarkLabel(done);
                StoreAs(code[pc + 1], asDouble);
                return;
            }
            case Op.GlobalGet:
                il.Emit(OpCodes.Ldloc, globals[code[pc + 2]]);
                il.Emit(OpCodes.Call, Method(typeof(JitRuntime), nameof(JitRuntime.GetGlobal)));
                Store(code[pc + 1]);
                return;
            case Op.GlobalSet:
                il.Emit(OpCodes.Ldloc, globals[code[pc + 1]]);
                Load(code[pc + 2]);
                il.Emit(OpCodes.Call, Method(typeof(JitRuntime), nameof(JitRuntime.SetGlobal)));
                return;
            case Op.RefFunc:
                il.Emit(OpCodes.Ldarg_1);
                il.Emit(OpCodes.Ldc_I4, code[pc + 2]);
                il.Emit(OpCodes.Call, Method(typeof(JitRuntime), nameof(JitRuntime.RefFunc)));
                Store(code[pc + 1]);
                return;
            case Op.MemorySize:
                il.Emit(OpCodes.Ldloc, memoryLength!);
                il.Emit(OpCodes.Ldc_I8, (long)MemoryType.PageSize);
                il.Emit(OpCodes.Div_Un);
                Store(code[pc + 1]);
                return;
            case Op.MemoryGrow:
                il.Emit(OpCodes.Ldarg_0);
                il.Emit(OpCodes.Ldloc, memory!);
                Load(code[pc + 2]);
                il.Emit(OpCodes.Conv_U4);
                il.Emit(OpCodes.Ldarg_1);
                il.Emit(OpCodes.Ldc_I4, pc);
                il.Emit(OpCodes.Call, Method(typeof(ExecutionStack), nameof(ExecutionStack.CompiledMemoryGrow)));
                Store(code[pc + 1]);
                ReloadMemory();
                return;
            case Op.AtomicFence:
                il.Emit(OpCodes.Call, typeof(Interlocked).GetMethod(nameof(Interlocked.MemoryBarrier), Type.EmptyTypes)!);
                return;
            case Op.Atomic:
                EmitDelegated(pc, [code[pc + 2], code[pc + 3], code[pc + 5], code[pc + 6]], [code[pc + 2]],
                    nameof(ExecutionStack.CompiledAtomic));
                return;
            case Op.I32TruncF32S or Op.I32TruncF32U or Op.I32TruncF64S or Op.I32TruncF64U
                or Op.I64TruncF32S or Op.I64TruncF32U or Op.I64TruncF64S or Op.I64TruncF64U:
                Load(code[pc + 2]);
                il.Emit(OpCodes.Ldc_I4, (int)op);
                il.Emit(OpCodes.Ldarg_0);
                il.Emit(OpCodes.Ldarg_1);
                il.Emit(OpCodes.Ldc_I4, pc);
                il.Emit(OpCodes.Call, Method(typeof(JitRuntime), nameof(JitRuntime.Truncate)));
                Store(code[pc + 1]);
                return;
            case >= Op.I32Load and <= Op.I64Load32U:
                EmitLoad(op, pc);
                return;
            case >= Op.I32Store and <= Op.I64Store32:
                EmitStore(op, pc);
                return;
            case >= Op.TableGet and <= Op.MemoryFill:
                EmitBulk(op, pc);
                return;
        }
        if (Divisions.TryGetValue(op, out var division))
        {
            Load(code[pc + 2]);
            Load(code[pc + 3]);
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldarg_1);
            il.Emit(OpCodes.Ldc_I4, pc);
            il.Emit(OpCodes.Call, division);
            Store(code[pc + 1]);
            return;
        }
        if (op is Op.F64Add or Op.F64Sub or Op.F64Mul or Op.F64Div)
        {
            LoadAs(code[pc + 2], true);
            LoadAs(code[pc + 3], true);
            if (NeedsNaNRecheck(pc, code[pc + 2], code[pc + 3])) il.Emit(OpCodes.Call, TypedNumerics[op]);
            else il.Emit(ArithmeticOpCode(op));
            StoreAs(code[pc + 1], true);
            return;
        }
        if (TypedNumerics.TryGetValue(op, out var typed))
        {
            var parameters = typed.GetParameters();
            for (var i = 0; i < parameters.Length; i++) LoadAs(code[pc + 2 + i], parameters[i].ParameterType == typeof(double));
            il.Emit(OpCodes.Call, typed);
            StoreAs(code[pc + 1], typed.ReturnType == typeof(double));
            return;
        }
        var numeric = Numerics[op];
        if (op is Op.F32Add or Op.F32Sub or Op.F32Mul or Op.F32Div or Op.F64Add or Op.F64Sub or Op.F64Mul or Op.F64Div
            && !NeedsNaNRecheck(pc, code[pc + 2], code[pc + 3]))
        {
            // Neither operand can be a constant the JIT sees, so it cannot fold the operation (JitNumerics.Float.cs).
            numeric = Method(typeof(JitNumerics), op + "Plain");
        }
        Load(code[pc + 2]);
        if (numeric.GetParameters().Length == 2) Load(code[pc + 3]);
        il.Emit(OpCodes.Call, numeric);
        Store(code[pc + 1]);
    }

    private void EmitCompareAndBranch(Op op, int pc)
    {
        var is32 = op <= Op.BrIfI32GeU;
        var kind = (op - (is32 ? Op.BrIfI32Eq : Op.BrIfI64Eq));
        Load(code[pc + 1]);
        if (is32) il.Emit(OpCodes.Conv_I4);
        Load(code[pc + 2]);
        if (is32) il.Emit(OpCodes.Conv_I4);
        var branch = kind switch
        {
            0 => OpCodes.Beq,
            1 => OpCodes.Bne_Un,
            2 => OpCodes.Blt,
            3 => OpCodes.Blt_Un,
            4 => OpCodes.Bgt,
            5 => OpCodes.Bgt_Un,
            6 => OpCodes.Ble,
            7 => OpCodes.Ble_Un,
            8 => OpCodes.Bge,
            _ => OpCodes.Bge_Un,
        };
        il.Emit(branch, labels[code[pc + 3]]);
    }

    /// <summary>
    /// A call: the arguments go to the call buffer, the stack's <see cref="ExecutionStack.CompiledCall"/> pushes the
    /// return record (backtraces, call depth) and runs the callee in whichever tier it has, and the results come back
    /// into the caller's operand slots. The memory may have grown meanwhile, so its base and length are re-read.
    /// </summary>
    private void EmitCall(int pc, int calleeBase, FunctionType type, Action loadCallee)
    {
        StoreArguments(calleeBase, type);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Ldc_I4, pc);
        loadCallee();
        il.Emit(OpCodes.Ldloc, callBuffer!);
        il.Emit(OpCodes.Call, Method(typeof(ExecutionStack), nameof(ExecutionStack.CompiledCall)));
        LoadResults(calleeBase, type);
        ReloadMemory();
    }

    /// <summary>Copies a call's arguments from their slots (from <paramref name="calleeBase"/>) into the call buffer.</summary>
    private void StoreArguments(int calleeBase, FunctionType type)
    {
        for (var i = 0; i < type.Parameters.Count; i++)
        {
            LoadBufferAddress(i);
            Load(calleeBase + i);
            il.Emit(OpCodes.Stind_I8);
        }
    }

    /// <summary>Copies a call's results from the call buffer into their slots (from <paramref name="calleeBase"/>).</summary>
    private void LoadResults(int calleeBase, FunctionType type)
    {
        for (var i = 0; i < type.Results.Count; i++)
        {
            LoadBufferAddress(i);
            il.Emit(OpCodes.Ldind_I8);
            Store(calleeBase + i);
        }
    }

    /// <summary>
    /// A <c>call_indirect</c> whose callee is resolved (and its type checked) into <see cref="indirectCallee"/>: a
    /// compiled callee is invoked here, anything else (an interpreted or host function) through
    /// <see cref="ExecutionStack.CompiledCall"/>.
    /// </summary>
    private void EmitIndirectCall(int pc, int calleeBase, FunctionType type)
    {
        StoreArguments(calleeBase, type);
        var other = il.DefineLabel();
        var done = il.DefineLabel();
        il.Emit(OpCodes.Ldloc, indirectCallee!);
        il.Emit(OpCodes.Call, Method(typeof(JitRuntime), nameof(JitRuntime.CompiledBodyOf)));
        il.Emit(OpCodes.Stloc, indirectBody!);
        il.Emit(OpCodes.Ldloc, indirectBody!);
        il.Emit(OpCodes.Brfalse, other);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Ldc_I4, pc);
        il.Emit(OpCodes.Call, Method(typeof(ExecutionStack), nameof(ExecutionStack.CompiledPush)));
        il.Emit(OpCodes.Ldloc, indirectBody!);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldloc, indirectCallee!);
        il.Emit(OpCodes.Call, Method(typeof(JitRuntime), nameof(JitRuntime.AsWasmFunction)));
        il.Emit(OpCodes.Ldloc, callBuffer!);
        il.Emit(OpCodes.Callvirt, typeof(CompiledBody).GetMethod(nameof(CompiledBody.Invoke))!);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Call, Method(typeof(ExecutionStack), nameof(ExecutionStack.CompiledPop)));
        il.Emit(OpCodes.Br, done);
        il.MarkLabel(other);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Ldc_I4, pc);
        il.Emit(OpCodes.Ldloc, indirectCallee!);
        il.Emit(OpCodes.Ldloc, callBuffer!);
        il.Emit(OpCodes.Call, Method(typeof(ExecutionStack), nameof(ExecutionStack.CompiledCall)));
        il.MarkLabel(done);
        LoadResults(calleeBase, type);
        ReloadMemory();
    }

    /// <summary>
    /// A call of a function this module defines: the return record is pushed inline, a recursive call is a direct IL
    /// call of this method, and any other goes to the callee's compiled code (or the interpreter) by its index.
    /// </summary>
    private void EmitDirectCall(int pc, int functionIndex, int calleeBase)
    {
        var type = module.FunctionTypeAt(functionIndex);
        StoreArguments(calleeBase, type);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Ldc_I4, pc);
        il.Emit(OpCodes.Call, Method(typeof(ExecutionStack), nameof(ExecutionStack.CompiledPush)));
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldarg_1);
        if (functionIndex == function.FunctionIndex)
        {
            il.Emit(OpCodes.Ldloc, callBuffer!);
            il.Emit(OpCodes.Call, method);
        }
        else if (CompiledMethodOf(functionIndex) is { } callee)
        {
            // Compiled already (TierUp.CompileAll compiles callees first): a direct IL call, no delegate.
            il.Emit(OpCodes.Ldc_I4, functionIndex);
            il.Emit(OpCodes.Call, Method(typeof(JitRuntime), nameof(JitRuntime.DefinedCallee)));
            il.Emit(OpCodes.Ldloc, callBuffer!);
            il.Emit(OpCodes.Call, callee);
        }
        else
        {
            il.Emit(OpCodes.Ldc_I4, functionIndex);
            il.Emit(OpCodes.Ldloc, callBuffer!);
            il.Emit(OpCodes.Call, Method(typeof(ExecutionStack), nameof(ExecutionStack.CompiledCallDefined)));
        }
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Call, Method(typeof(ExecutionStack), nameof(ExecutionStack.CompiledPop)));
        LoadResults(calleeBase, type);
        ReloadMemory();
    }

    private DynamicMethod? CompiledMethodOf(int functionIndex) =>
        ModuleMethods.TryGetValue(module, out var methods)
            ? Volatile.Read(ref methods[functionIndex - module.Definition.ImportedFunctionCount])
            : null;

    private static readonly FieldInfo StackLimitField = typeof(ExecutionStack).GetField(nameof(ExecutionStack.StackLimit), BindingFlags.NonPublic | BindingFlags.Instance)!;

    /// <summary>
    /// The effective address of a load or store, bounds-checked once against the cached length (the failure path
    /// re-reads the length, for a shared memory another thread grew, and traps), leaving the host pointer on the stack.
    /// </summary>
    private void EmitAddress(int addressSlot, int offset, int size, int pc)
    {
        var inBounds = il.DefineLabel();
        Load(addressSlot);
        il.Emit(OpCodes.Conv_U4);
        il.Emit(OpCodes.Conv_U8);
        if (offset != 0)
        {
            il.Emit(OpCodes.Ldc_I8, (long)(uint)offset);
            il.Emit(OpCodes.Add);
        }
        il.Emit(OpCodes.Stloc, address!);
        il.Emit(OpCodes.Ldloc, address!);
        il.Emit(OpCodes.Ldc_I8, (long)size);
        il.Emit(OpCodes.Add);
        il.Emit(OpCodes.Ldloc, memoryLength!);
        il.Emit(OpCodes.Ble_Un, inBounds);
        if (!SharedMemory)
        {
            // Only this thread grows an unshared memory, and the cached length is re-read after everything that can:
            // the access is out of bounds. The failure path ends in an IL throw, so nothing stays live across it and
            // the JIT keeps the function's values in registers around the check.
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldarg_1);
            il.Emit(OpCodes.Ldc_I4, pc);
            il.Emit(OpCodes.Call, Method(typeof(ExecutionStack), nameof(ExecutionStack.CompiledOutOfBounds)));
            il.Emit(OpCodes.Throw);
            il.MarkLabel(inBounds);
            il.Emit(OpCodes.Ldloc, memoryBase!);
            il.Emit(OpCodes.Ldloc, address!);
            il.Emit(OpCodes.Conv_U);
            il.Emit(OpCodes.Add);
            return;
        }
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldloc, memory!);
        il.Emit(OpCodes.Ldloc, address!);
        il.Emit(OpCodes.Ldc_I8, (long)size);
        il.Emit(OpCodes.Add);
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Ldc_I4, pc);
        il.Emit(OpCodes.Call, Method(typeof(ExecutionStack), nameof(ExecutionStack.CompiledMemoryLength)));
        il.Emit(OpCodes.Stloc, memoryLength!);
        il.MarkLabel(inBounds);
        il.Emit(OpCodes.Ldloc, memoryBase!);
        il.Emit(OpCodes.Ldloc, address!);
        il.Emit(OpCodes.Conv_U);
        il.Emit(OpCodes.Add);
    }

    /// <summary>Whether memory 0 is shared: another thread may grow it while this code runs.</summary>
    private bool SharedMemory => sharedMemory ??= MemoryZeroType()?.Shared ?? false;

    private bool? sharedMemory;

    private MemoryType? MemoryZeroType()
    {
        var definition = module.Definition;
        return definition.ImportedMemoryCount > 0
            ? definition.Imports.First(i => i.Kind == ExternKind.Memory).Memory
            : definition.Memories.FirstOrDefault();
    }

    private void EmitLoad(Op op, int pc)
    {
        var (size, load, widen) = op switch
        {
            Op.I32Load or Op.F32Load or Op.I64Load32U => (4, OpCodes.Ldind_U4, OpCodes.Conv_U8),
            Op.I64Load or Op.F64Load => (8, OpCodes.Ldind_I8, OpCodes.Nop),
            Op.I32Load8S => (1, OpCodes.Ldind_I1, OpCodes.Conv_U8),
            Op.I32Load8U or Op.I64Load8U => (1, OpCodes.Ldind_U1, OpCodes.Conv_U8),
            Op.I32Load16S => (2, OpCodes.Ldind_I2, OpCodes.Conv_U8),
            Op.I32Load16U or Op.I64Load16U => (2, OpCodes.Ldind_U2, OpCodes.Conv_U8),
            Op.I64Load8S => (1, OpCodes.Ldind_I1, OpCodes.Conv_I8),
            Op.I64Load16S => (2, OpCodes.Ldind_I2, OpCodes.Conv_I8),
            _ => (4, OpCodes.Ldind_I4, OpCodes.Conv_I8), // I64Load32S
        };
        EmitAddress(code[pc + 2], code[pc + 3], size, pc);
        if (size > 1) il.Emit(OpCodes.Unaligned, (byte)1);
        if (op == Op.F64Load)
        {
            il.Emit(OpCodes.Ldind_R8);
            StoreAs(code[pc + 1], true);
            return;
        }
        il.Emit(load);
        if (widen != OpCodes.Nop) il.Emit(widen);
        Store(code[pc + 1]);
    }

    private void EmitStore(Op op, int pc)
    {
        var (size, store) = op switch
        {
            Op.I32Store or Op.F32Store or Op.I64Store32 => (4, OpCodes.Stind_I4),
            Op.I64Store or Op.F64Store => (8, OpCodes.Stind_I8),
            Op.I32Store8 or Op.I64Store8 => (1, OpCodes.Stind_I1),
            _ => (2, OpCodes.Stind_I2), // I32Store16, I64Store16
        };
        EmitAddress(code[pc + 1], code[pc + 3], size, pc);
        if (op == Op.F64Store)
        {
            LoadAs(code[pc + 2], true);
            il.Emit(OpCodes.Unaligned, (byte)1);
            il.Emit(OpCodes.Stind_R8);
            return;
        }
        Load(code[pc + 2]);
        if (size < 8) il.Emit(OpCodes.Conv_U4);
        if (size > 1) il.Emit(OpCodes.Unaligned, (byte)1);
        il.Emit(store);
    }

    private void EmitBulk(Op op, int pc)
    {
        int[] inputs = op switch
        {
            Op.TableGet => [code[pc + 1], code[pc + 3]],
            Op.TableSet => [code[pc + 2], code[pc + 3]],
            Op.TableSize => [code[pc + 1]],
            Op.TableGrow => [code[pc + 1], code[pc + 3], code[pc + 4]],
            Op.TableFill or Op.MemoryFill => [code[pc + 2], code[pc + 3], code[pc + 4]],
            Op.TableCopy or Op.TableInit or Op.MemoryInit or Op.MemoryCopy => [code[pc + 3], code[pc + 4], code[pc + 5]],
            _ => [], // ElemDrop, DataDrop
        };
        int[] outputs = op is Op.TableGet or Op.TableSize or Op.TableGrow ? [code[pc + 1]] : [];
        EmitDelegated(pc, inputs, outputs, nameof(ExecutionStack.CompiledBulk));
    }

    /// <summary>
    /// Runs the instruction at <paramref name="pc"/> with the interpreter's implementation: its operand slots are
    /// stored into a scratch frame at their slot indices, and its results read back.
    /// </summary>
    private void EmitDelegated(int pc, int[] inputs, int[] outputs, string runner)
    {
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldc_I4, function.FrameSize);
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Ldc_I4, pc);
        il.Emit(OpCodes.Call, Method(typeof(ExecutionStack), nameof(ExecutionStack.CompiledScratch)));
        il.Emit(OpCodes.Stloc, scratch!);
        foreach (var slot in inputs.Concat(outputs).Distinct())
        {
            il.Emit(OpCodes.Ldloc, scratch!);
            il.Emit(OpCodes.Ldc_I4, slot * sizeof(ulong));
            il.Emit(OpCodes.Conv_I);
            il.Emit(OpCodes.Add);
            Load(slot);
            il.Emit(OpCodes.Stind_I8);
        }
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Ldc_I4, pc);
        il.Emit(OpCodes.Call, Method(typeof(ExecutionStack), runner));
        foreach (var slot in outputs)
        {
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldc_I4, slot);
            il.Emit(OpCodes.Call, Method(typeof(ExecutionStack), nameof(ExecutionStack.CompiledScratchSlot)));
            Store(slot);
        }
        ReloadMemory();
    }

    private void Trap(TrapCode trap, int pc)
    {
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldc_I4, (int)trap);
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Ldc_I4, pc);
        il.Emit(OpCodes.Call, Method(typeof(ExecutionStack), nameof(ExecutionStack.CompiledTrap)));
    }

    private void ReloadMemory()
    {
        if (memory is null) return;
        il.Emit(OpCodes.Ldloc, memory);
        il.Emit(OpCodes.Call, Method(typeof(JitRuntime), nameof(JitRuntime.MemoryBase)));
        il.Emit(OpCodes.Stloc, memoryBase!);
        il.Emit(OpCodes.Ldloc, memory);
        il.Emit(OpCodes.Call, Method(typeof(JitRuntime), nameof(JitRuntime.MemoryLength)));
        il.Emit(OpCodes.Stloc, memoryLength!);
    }

    /// <summary>Loads a slot's value as its 64-bit pattern (a <c>ulong</c>).</summary>
    private void Load(int slot) => LoadAs(slot, asDouble: false);

    /// <summary>Stores the 64-bit pattern on the stack into a slot.</summary>
    private void Store(int slot) => StoreAs(slot, asDouble: false);

    /// <summary>Loads a slot as a double or as its bit pattern, reinterpreting where the slot's local is the other type.</summary>
    private void LoadAs(int slot, bool asDouble)
    {
        il.Emit(OpCodes.Ldloc, slots[slot]);
        if (doubleSlots[slot] != asDouble) Reinterpret(asDouble);
    }

    private void StoreAs(int slot, bool asDouble)
    {
        if (doubleSlots[slot] != asDouble) Reinterpret(doubleSlots[slot]);
        il.Emit(OpCodes.Stloc, slots[slot]);
    }

    private void Reinterpret(bool toDouble) => il.Emit(OpCodes.Call, toDouble ? UInt64BitsToDouble : DoubleToUInt64Bits);

    private static readonly MethodInfo UInt64BitsToDouble = typeof(BitConverter).GetMethod(nameof(BitConverter.UInt64BitsToDouble))!;

    private static readonly MethodInfo DoubleToUInt64Bits = typeof(BitConverter).GetMethod(nameof(BitConverter.DoubleToUInt64Bits))!;

    private void LoadArgumentAddress(int index)
    {
        il.Emit(OpCodes.Ldarg_2);
        if (index == 0) return;
        il.Emit(OpCodes.Ldc_I4, index * sizeof(ulong));
        il.Emit(OpCodes.Conv_I);
        il.Emit(OpCodes.Add);
    }

    private void LoadBufferAddress(int index)
    {
        il.Emit(OpCodes.Ldloc, callBuffer!);
        if (index == 0) return;
        il.Emit(OpCodes.Ldc_I4, index * sizeof(ulong));
        il.Emit(OpCodes.Conv_I);
        il.Emit(OpCodes.Add);
    }

    private static MethodInfo Method(
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.NonPublicMethods)] Type type,
        string name) =>
        type.GetMethod(name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance)
        ?? throw new InvalidOperationException($"internal error: {type.Name}.{name} not found");
}
