using WasmBind.Binary;
using WasmBind.Instructions;

namespace WasmBind.Compilation;

/// <summary>Emission: writing instructions, keeping virtual entries correct, moving values to branch targets.</summary>
internal sealed partial class FunctionTranslator
{
    private void EmitOp(Op op)
    {
        if (instructionOffset != mappedOffset)
        {
            sourceMap.Add(code.Count);
            sourceMap.Add((int)instructionOffset);
            mappedOffset = instructionOffset;
        }
        lastResultOperand = -1;
        code.Add((int)op);
    }

    // Families whose op is computed from the wasm opcode (numeric instructions, loads and stores, all laid out as
    // two or three operands); every other instruction has its own generated Emit{Name} method.
    private void Emit(Op op, int a, int b)
    {
        EmitOp(op);
        code.Add(a);
        code.Add(b);
    }

    private void Emit(Op op, int a, int b, int c)
    {
        EmitOp(op);
        code.Add(a);
        code.Add(b);
        code.Add(c);
    }

    /// <summary>
    /// Records that the instruction just emitted wrote its single result through the operand right after the
    /// opcode, so a following <c>local.set</c> can redirect that write into the local instead of copying.
    /// </summary>
    private void NoteResultOperand(int operandPosition) => lastResultOperand = operandPosition;

    /// <summary>A code position that a jump can reach: the last result may no longer be redirected, and fuel starts a new run.</summary>
    private void MarkLabel()
    {
        lastResultOperand = -1;
        BreakFuelRun();
    }

    /// <summary>Emits a simple instruction "op dst, sources..." whose result is pushed with type <paramref name="result"/>.</summary>
    private void EmitUnary(Op op, ValueType operand, ValueType result)
    {
        var a = Pop(operand);
        var dst = Push(result);
        if (!Reachable) return;
        Emit(op, dst, a);
        NoteResultOperand(code.Count - 2);
    }

    private void EmitBinary(Op op, ValueType operand, ValueType result)
    {
        var b = Pop(operand);
        var a = Pop(operand);
        var dst = Push(result);
        if (!Reachable) return;
        Emit(op, dst, a, b);
        NoteResultOperand(code.Count - 3);
    }

    /// <summary>Copies an entry that holds a local's slot into its own slot.</summary>
    private void Materialize(int stackIndex)
    {
        var own = CanonicalSlot(stackIndex);
        if (slots[stackIndex] == own) return;
        if (Reachable) EmitCopy(types[stackIndex], own, slots[stackIndex]);
        slots[stackIndex] = own;
        virtualCount--;
    }

    /// <summary>Materialises every entry; needed before control flow so all paths agree on where values are.</summary>
    private void MaterializeAll()
    {
        if (virtualCount == 0) return;
        for (var i = 0; i < height; i++) Materialize(i);
    }

    /// <summary>Materialises the entries that read local <paramref name="local"/>, before it changes.</summary>
    private void MaterializeReadersOf(int local)
    {
        if (virtualCount == 0) return;
        for (var i = 0; i < height; i++)
        {
            if (slots[i] == local) Materialize(i);
        }
    }

    private bool HasReaderOf(int local, int below)
    {
        if (virtualCount == 0) return false;
        for (var i = 0; i < below; i++)
        {
            if (slots[i] == local) return true;
        }
        return false;
    }

    /// <summary>
    /// If the top of the stack is the result the previous instruction just wrote, makes that instruction write
    /// local <paramref name="local"/> directly. Returns false when that is not safe.
    /// </summary>
    private bool TryRetargetLastResult(int local)
    {
        if (lastResultOperand < 0 || height == 0 || !Reachable) return false;
        var top = height - 1;
        if (top < Top.Height || slots[top] != CanonicalSlot(top) || code[lastResultOperand] != CanonicalSlot(top)) return false;
        if (HasReaderOf(local, top)) return false;
        code[lastResultOperand] = local;
        lastResultOperand = -1;
        return true;
    }

    // ---- moving values to a label or to the results ----

    /// <summary>Whether branching to <paramref name="frame"/> needs copies of the top values.</summary>
    private bool BranchNeedsMoves(in ControlFrame frame)
    {
        if (frame.Kind == ControlKind.Function) return true;
        var count = frame.LabelTypes.Length;
        var destination = CanonicalSlot(frame.Height);
        var first = height - count;
        if (first < 0) return true;
        for (var k = 0; k < count; k++)
        {
            if (slots[first + k] != destination + offsets[first + k] - offsets[first]) return true;
        }
        return false;
    }

    /// <summary>
    /// Copies the top <paramref name="count"/> values to slots starting at <paramref name="destination"/>, as a
    /// parallel move, without changing what the translator believes about the stack (the copies may run on one
    /// path only). Copying in ascending order is safe whenever every source at or above its destination; a value
    /// read from a local that an earlier copy overwrites is first copied to its own slot.
    /// </summary>
    private void EmitMoves(int count, int destination)
    {
        var first = height - count;
        // Value k goes to destination + (its offset among the moved values); a v128 covers two slots, so the
        // hazard test compares slot ranges.
        var hazard = false;
        for (var k = 0; k < count && !hazard; k++)
        {
            var target = destination + offsets[first + k] - offsets[first];
            var targetEnd = target + Width(types[first + k]);
            for (var j = k + 1; j < count; j++)
            {
                var source = slots[first + j];
                if (source < targetEnd && target < source + Width(types[first + j])) { hazard = true; break; }
            }
        }
        for (var k = 0; k < count; k++)
        {
            var source = slots[first + k];
            if (hazard && source != CanonicalSlot(first + k))
            {
                EmitCopy(types[first + k], CanonicalSlot(first + k), source);
            }
        }
        for (var k = 0; k < count; k++)
        {
            var source = hazard ? CanonicalSlot(first + k) : slots[first + k];
            var target = destination + offsets[first + k] - offsets[first];
            if (source != target) EmitCopy(types[first + k], target, source);
        }
    }

    /// <summary>Copies one value: a slot, or two for a v128.</summary>
    private void EmitCopy(ValueType type, int destination, int source)
    {
        if (type == ValueType.V128) EmitSimd(SimdOpcode.V128Copy, destination, source);
        else EmitCopy(destination, source);
    }

    /// <summary>Emits an unconditional branch to the label at <paramref name="depth"/>, moving its values.</summary>
    private void EmitBranch(uint depth)
    {
        ref var frame = ref Label(depth);
        if (frame.Kind == ControlKind.Function)
        {
            EmitFunctionReturn();
            return;
        }
        EmitMoves(frame.LabelTypes.Length, CanonicalSlot(frame.Height));
        EmitBr(ref frame);
    }

    private void EmitFunctionReturn()
    {
        var results = controls[0].Results.Length;
        EmitMoves(results, 0);
        EmitReturn();
    }

    /// <summary>Appends a target operand for <paramref name="frame"/>: known for loops, patched later otherwise.</summary>
    private void AddTarget(ref ControlFrame frame)
    {
        if (frame.Kind == ControlKind.Loop)
        {
            code.Add(frame.LoopStart);
            return;
        }
        code.Add(frame.PatchHead);
        frame.PatchHead = code.Count - 1;
    }

    /// <summary>Points every pending branch to <paramref name="frame"/>'s label at the current position.</summary>
    private void BindLabel(ref ControlFrame frame)
    {
        var position = frame.PatchHead;
        while (position >= 0)
        {
            var next = code[position];
            code[position] = code.Count;
            position = next;
        }
        frame.PatchHead = -1;
        MarkLabel();
    }
}
