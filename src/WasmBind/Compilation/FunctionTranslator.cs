using WasmBind.Binary;
using WasmBind.Instructions;
using WasmBind.Validation;

namespace WasmBind.Compilation;

/// <summary>
/// Validates a function body by the spec's algorithm (appendix/algorithm.rst) and, in the same pass, translates it
/// into the interpreter's instruction form. Each operand-stack entry knows the frame slot that holds its value:
/// its own slot (locals count + height), or — after <c>local.get</c> — the local's slot, so reading a local costs
/// no copy. Such virtual entries are materialised before the local changes and at control-flow joins.
/// One instance is reused for all functions of a module.
/// </summary>
internal sealed partial class FunctionTranslator
{
    private const ValueType Unknown = 0;
    private const int MaxLocals = 50_000;

    private readonly ValidationContext context;
    private readonly CodeBuilder code = new();
    private readonly List<int> sourceMap = new();

    // Operand stack: type and holding slot of each entry, and where each entry's own slots start relative to the
    // first operand slot (offsets[h + 1] = offsets[h] + width of entry h; a v128 takes two slots).
    private ValueType[] types = new ValueType[64];
    private int[] slots = new int[64];
    private int[] offsets = new int[65];
    private int height;
    private int maxSlotHeight;
    /// <summary>How many entries hold a local's slot rather than their own; zero makes local.set cheap.</summary>
    private int virtualCount;

    private ControlFrame[] controls = new ControlFrame[16];
    private int controlCount;

    private ValueType[] localTypes = new ValueType[16];
    private int[] localSlots = new int[16];
    private int localCount;
    /// <summary>Slots the locals take (two per v128): the first operand slot.</summary>
    private int localSlotCount;
    private int functionIndex;
    private long instructionOffset;
    private long mappedOffset;

    // Fuel: the operand of the open run's ConsumeFuel, how many instructions it covers so far, and whether the
    // next instruction starts a new run (after a label or a conditional branch).
    private int fuelOperand = -1;
    private int fuelCount;
    private bool fuelRunPending;

    /// <summary>Code position of the destination operand of the last simple instruction emitted, or -1 (see <see cref="TryRetargetLastResult"/>).</summary>
    private int lastResultOperand = -1;

    public FunctionTranslator(ValidationContext context) => this.context = context;

    /// <summary>Validates a body without producing code (for lazy translation).</summary>
    public void Validate(int index, FunctionBody body)
    {
        emitting = false;
        try
        {
            Translate(index, body);
        }
        finally
        {
            emitting = true;
        }
    }

    public CompiledFunction Translate(int index, FunctionBody body)
    {
        functionIndex = index;
        var type = context.FunctionType(index);
        Reset(type, body);

        var reader = new WasmReader(context.Module.Bytes.Span.Slice(body.CodeOffset, body.CodeLength), body.CodeOffset);
        PushControl(ControlKind.Function, [], type.Results.ToArray());
        instructionOffset = reader.Offset;
        if (context.EpochInterruption && emitting) EmitCheckEpoch();
        fuelRunPending = true;
        while (controlCount > 0)
        {
            if (reader.IsAtEnd) throw new MalformedModuleException(reader.Offset, "unexpected end of section or function");
            instructionOffset = reader.Offset;
            if (context.ConsumeFuel && Reachable)
            {
                if (fuelRunPending) StartFuelRun();
                fuelCount++;
            }
            TranslateInstruction(ref reader);
        }
        CloseFuelRun();
        if (!reader.IsAtEnd) throw new MalformedModuleException(reader.Offset, "section size mismatch");

        return new CompiledFunction
        {
            Type = type,
            FunctionIndex = index,
            Code = code.ToArray(),
            LocalCount = localSlotCount,
            FrameSize = Math.Max(localSlotCount + maxSlotHeight, type.ResultSlotCount),
            SourceMap = sourceMap.ToArray(),
        };
    }

    private void Reset(FunctionType type, FunctionBody body)
    {
        code.Clear();
        sourceMap.Clear();
        height = maxSlotHeight = virtualCount = controlCount = 0;
        lastResultOperand = -1;
        mappedOffset = -1;
        fuelOperand = -1;
        fuelCount = 0;
        fuelRunPending = false;

        var total = (long)type.Parameters.Count + body.TotalLocalCount;
        if (total > MaxLocals) throw new MalformedModuleException(body.CodeOffset, "too many locals");
        localCount = (int)total;
        if (localTypes.Length < localCount)
        {
            localTypes = new ValueType[localCount];
            localSlots = new int[localCount];
        }
        var i = 0;
        foreach (var parameter in type.Parameters) localTypes[i++] = parameter;
        foreach (var declaration in body.Locals)
        {
            for (var k = 0u; k < declaration.Count; k++) localTypes[i++] = declaration.Type;
        }
        var slot = 0;
        for (i = 0; i < localCount; i++)
        {
            localSlots[i] = slot;
            slot += localTypes[i].SlotWidth();
        }
        localSlotCount = slot;
    }

    /// <summary>Starts a straight-line run charged by one ConsumeFuel, closing the previous run's count.</summary>
    private void StartFuelRun()
    {
        CloseFuelRun();
        EmitConsumeFuel(0);
        fuelOperand = code.Count - 1;
        fuelCount = 0;
        fuelRunPending = false;
    }

    private void CloseFuelRun()
    {
        if (fuelOperand >= 0) code[fuelOperand] = fuelCount;
        fuelOperand = -1;
    }

    /// <summary>The next instruction can be reached other than from the previous one, so it starts a fuel run.</summary>
    private void BreakFuelRun() => fuelRunPending = true;

    private InvalidModuleException Invalid(string reason) => new(instructionOffset, reason, functionIndex);

    // ---- operand stack (spec algorithm: push_val / pop_val) ----

    private int CanonicalSlot(int stackIndex) => localSlotCount + offsets[stackIndex];

    /// <summary>Slots an entry of <paramref name="type"/> takes; an unknown type (dead code only) takes one.</summary>
    private static int Width(ValueType type) => type == ValueType.V128 ? 2 : 1;

    private ref ControlFrame Top => ref controls[controlCount - 1];

    /// <summary>Whether code emitted now can run: false after an unconditional branch and inside blocks nested in dead code.</summary>
    private bool Reachable => emitting && !controls[controlCount - 1].Unreachable && !controls[controlCount - 1].Dead;

    /// <summary>False while only validating (lazy translation): every emission is skipped.</summary>
    private bool emitting = true;

    /// <summary>Pushes a value held in its own slot; returns that slot.</summary>
    private int Push(ValueType type) => PushWithSlot(type, CanonicalSlot(height));

    private int PushWithSlot(ValueType type, int slot)
    {
        if (height == types.Length)
        {
            Array.Resize(ref types, height * 2);
            Array.Resize(ref slots, height * 2);
            Array.Resize(ref offsets, height * 2 + 1);
        }
        types[height] = type;
        slots[height] = slot;
        offsets[height + 1] = offsets[height] + Width(type);
        if (slot < localSlotCount) virtualCount++;
        height++;
        if (offsets[height] > maxSlotHeight) maxSlotHeight = offsets[height];
        return slot;
    }

    /// <summary>Pops any value; returns its type (Unknown under a polymorphic stack) and holding slot.</summary>
    private ValueType Pop(out int slot)
    {
        ref var frame = ref Top;
        if (height == frame.Height)
        {
            if (frame.Unreachable)
            {
                slot = CanonicalSlot(height);
                return Unknown;
            }
            throw Invalid("type mismatch");
        }
        height--;
        slot = slots[height];
        if (slot < localSlotCount) virtualCount--;
        return types[height];
    }

    /// <summary>Pops a value that must have type <paramref name="expected"/>; returns its holding slot.</summary>
    private int Pop(ValueType expected)
    {
        var actual = Pop(out var slot);
        if (actual != expected && actual != Unknown && expected != Unknown) throw Invalid("type mismatch");
        return slot;
    }

    private void PopAll(ReadOnlySpan<ValueType> expected)
    {
        for (var i = expected.Length - 1; i >= 0; i--) Pop(expected[i]);
    }

    private void PushAll(ReadOnlySpan<ValueType> values)
    {
        foreach (var type in values) Push(type);
    }

    /// <summary>Checks the top of the stack against <paramref name="expected"/> without popping (pop_vals then push_vals).</summary>
    private void CheckTop(ReadOnlySpan<ValueType> expected)
    {
        ref var frame = ref Top;
        for (var k = 0; k < expected.Length; k++)
        {
            var index = height - expected.Length + k;
            if (index < frame.Height)
            {
                if (!frame.Unreachable) throw Invalid("type mismatch");
                continue;
            }
            var actual = types[index];
            if (actual != expected[k] && actual != Unknown) throw Invalid("type mismatch");
        }
    }

    /// <summary>
    /// After a check that passed, gives the top entries exactly <paramref name="expected"/>'s types, as the spec's
    /// pop_vals-then-push_vals does (under a polymorphic stack this adds the missing entries).
    /// </summary>
    private void AssumeTop(ValueType[] expected)
    {
        ref var frame = ref Top;
        if (height - frame.Height < expected.Length)
        {
            DropTo(frame.Height);
            PushAll(expected);
            return;
        }
        for (var k = 0; k < expected.Length; k++)
        {
            var index = height - expected.Length + k;
            if (types[index] == expected[k]) continue;
            // An unknown entry became typed (dead code): its width may change, so recompute what lies above it.
            types[index] = expected[k];
            for (var j = index; j < height; j++) offsets[j + 1] = offsets[j] + Width(types[j]);
        }
    }

    private void DropTo(int newHeight)
    {
        while (height > newHeight)
        {
            height--;
            if (slots[height] < localSlotCount) virtualCount--;
        }
    }

    // ---- control stack (push_ctrl / pop_ctrl) ----

    private void PushControl(ControlKind kind, ValueType[] parameters, ValueType[] results)
    {
        var dead = controlCount > 0 && !Reachable;
        if (controlCount == controls.Length) Array.Resize(ref controls, controlCount * 2);
        controls[controlCount++] = new ControlFrame
        {
            Kind = kind,
            Parameters = parameters,
            Results = results,
            Height = height,
            PatchHead = -1,
            ElsePatch = -1,
            LoopStart = code.Count,
            Dead = dead,
        };
        PushAll(parameters);
    }

    private void MarkUnreachable()
    {
        ref var frame = ref Top;
        DropTo(frame.Height);
        frame.Unreachable = true;
    }

    private ref ControlFrame Label(uint depth)
    {
        if (depth >= (uint)controlCount) throw Invalid("unknown label");
        return ref controls[controlCount - 1 - (int)depth];
    }

    private void ReadBlockType(ref WasmReader reader, out ValueType[] parameters, out ValueType[] results)
    {
        var blockType = reader.ReadS33();
        if (blockType == -64)
        {
            parameters = results = [];
            return;
        }
        if (blockType < 0)
        {
            var valueType = (ValueType)(byte)(blockType & 0x7F);
            if (!WasmReader.IsValueType((byte)valueType)) throw new MalformedModuleException(instructionOffset, "malformed value type");
            CheckValueTypeEnabled(valueType);
            parameters = [];
            results = SingleType(valueType);
            return;
        }
        if (blockType >= context.Types.Length) throw Invalid("unknown type");
        var type = context.Types[blockType];
        if (!context.Has(WasmFeatures.MultiValue) && (type.Parameters.Count > 0 || type.Results.Count > 1))
            throw Invalid("block type with parameters or several results requires the multi-value feature");
        parameters = type.Parameters.ToArray();
        results = type.Results.ToArray();
    }

    private void CheckValueTypeEnabled(ValueType type)
    {
        if (type == ValueType.V128 && !context.Has(WasmFeatures.Simd)) throw Invalid("SIMD is not enabled");
        if (type.IsReference() && !context.Has(WasmFeatures.ReferenceTypes) && type != ValueType.FuncRef)
            throw Invalid("reference types are not enabled");
    }

    private static readonly ValueType[] I32Only = [ValueType.I32], I64Only = [ValueType.I64], F32Only = [ValueType.F32],
        F64Only = [ValueType.F64], V128Only = [ValueType.V128], FuncRefOnly = [ValueType.FuncRef], ExternRefOnly = [ValueType.ExternRef];

    private static ValueType[] SingleType(ValueType type) => type switch
    {
        ValueType.I32 => I32Only,
        ValueType.I64 => I64Only,
        ValueType.F32 => F32Only,
        ValueType.F64 => F64Only,
        ValueType.V128 => V128Only,
        ValueType.FuncRef => FuncRefOnly,
        _ => ExternRefOnly,
    };
}
