using WasmBind.Binary;
using WasmBind.Instructions;
using WasmBind.Validation;

namespace WasmBind.Compilation;

/// <summary>The instruction dispatch: one case per WebAssembly instruction.</summary>
internal sealed partial class FunctionTranslator
{
    private void TranslateInstruction(ref WasmReader reader)
    {
        var opcode = reader.ReadByte();
        switch (opcode)
        {
            case Opcode.Unreachable:
                if (Reachable) EmitUnreachable();
                MarkUnreachable();
                break;
            case Opcode.Nop:
                break;
            case Opcode.Block:
            case Opcode.Loop:
            {
                ReadBlockType(ref reader, out var parameters, out var results);
                CheckTop(parameters);
                MaterializeAll();
                PopAll(parameters);
                PushControl(opcode == Opcode.Block ? ControlKind.Block : ControlKind.Loop, parameters, results);
                if (opcode == Opcode.Loop)
                {
                    MarkLabel();
                    // Every iteration passes the loop header, so an epoch check here stops any infinite loop.
                    if (context.EpochInterruption && Reachable) EmitCheckEpoch();
                }
                break;
            }
            case Opcode.If:
            {
                ReadBlockType(ref reader, out var parameters, out var results);
                var condition = Pop(ValueType.I32);
                CheckTop(parameters);
                MaterializeAll();
                PopAll(parameters);
                PushControl(ControlKind.If, parameters, results);
                if (Reachable)
                {
                    if (TryEmitFusedBranch(condition, jumpWhen: false)) code.Add(-1);
                    else EmitBrIfEqz(condition, -1);
                    Top.ElsePatch = code.Count - 1;
                    BreakFuelRun();
                }
                break;
            }
            case Opcode.Else:
            {
                ref var frame = ref Top;
                if (frame.Kind != ControlKind.If) throw Invalid("else without if");
                CheckFrameEnd(frame);
                if (Reachable)
                {
                    EmitMoves(frame.Results.Length, CanonicalSlot(frame.Height));
                    EmitBr(ref frame);
                }
                var elsePatch = frame.ElsePatch;
                frame.ElsePatch = -1;
                frame.Kind = ControlKind.Else;
                frame.Unreachable = false;
                if (elsePatch >= 0) code[elsePatch] = code.Count;
                MarkLabel();
                DropTo(frame.Height);
                PushAll(frame.Parameters);
                break;
            }
            case Opcode.End:
                TranslateEnd();
                break;
            case Opcode.Br:
            {
                var depth = reader.ReadU32();
                CheckTop(Label(depth).LabelTypes);
                if (Reachable) EmitBranch(depth);
                MarkUnreachable();
                break;
            }
            case Opcode.BrIf:
            {
                var depth = reader.ReadU32();
                var condition = Pop(ValueType.I32);
                var labelTypes = Label(depth).LabelTypes;
                CheckTop(labelTypes);
                if (Reachable) EmitConditionalBranch(depth, condition);
                AssumeTop(labelTypes);
                BreakFuelRun();
                break;
            }
            case Opcode.BrTable:
                TranslateBrTable(ref reader);
                break;
            case Opcode.Return:
                CheckTop(controls[0].Results);
                if (Reachable) EmitFunctionReturn();
                MarkUnreachable();
                break;
            case Opcode.Call:
            {
                var index = reader.ReadU32();
                if (index >= (uint)context.FunctionTypeIndices.Length) throw Invalid($"unknown function {index}");
                TranslateCall(context.FunctionType((int)index), Op.Call, (int)index, 0, -1);
                break;
            }
            case Opcode.CallIndirect:
            {
                var typeIndex = reader.ReadU32();
                var tableIndex = ReadCallIndirectTable(ref reader);
                if (tableIndex >= (uint)context.Tables.Length) throw Invalid($"unknown table {tableIndex}");
                if (typeIndex >= (uint)context.Types.Length) throw Invalid($"unknown type {typeIndex}");
                if (context.Tables[tableIndex].ElementType != ValueType.FuncRef) throw Invalid("type mismatch");
                var callee = PopTableOperand(TableAddressType((int)tableIndex));
                TranslateCall(context.Types[typeIndex], Op.CallIndirect, (int)tableIndex, (int)typeIndex, callee);
                break;
            }
            case Opcode.ReturnCall:
                TranslateReturnCall(ref reader);
                break;
            case Opcode.ReturnCallIndirect:
                TranslateReturnCallIndirect(ref reader);
                break;
            case Opcode.Drop:
                Pop(out _);
                break;
            case Opcode.Select:
            case Opcode.SelectTyped:
                TranslateSelect(ref reader, opcode == Opcode.SelectTyped);
                break;
            case Opcode.LocalGet:
            {
                var local = ReadLocal(ref reader);
                PushWithSlot(localTypes[local], localSlots[local]);
                break;
            }
            case Opcode.LocalSet:
            case Opcode.LocalTee:
                TranslateLocalSet(ReadLocal(ref reader), tee: opcode == Opcode.LocalTee);
                break;
            case Opcode.GlobalGet:
            {
                var index = ReadGlobal(ref reader);
                var type = context.Globals[index].ValueType;
                var dst = Push(type);
                if (Reachable && type == ValueType.V128)
                {
                    EmitSimd(SimdOpcode.V128GlobalGet, dst, index);
                    NoteResultOperand(code.Count - 2);
                }
                else if (Reachable)
                {
                    EmitGlobalGet(dst, index);
                    NoteResultOperand(code.Count - 2);
                }
                break;
            }
            case Opcode.GlobalSet:
            {
                var index = ReadGlobal(ref reader);
                if (!context.Globals[index].Mutable) throw Invalid("global is immutable");
                var value = Pop(context.Globals[index].ValueType);
                if (Reachable && context.Globals[index].ValueType == ValueType.V128) EmitSimd(SimdOpcode.V128GlobalSet, index, value);
                else if (Reachable) EmitGlobalSet(index, value);
                break;
            }
            case Opcode.TableGet:
            {
                var table = ReadTable(ref reader);
                var index = PopTableOperand(TableAddressType(table));
                var dst = Push(context.Tables[table].ElementType);
                if (Reachable) EmitTableGet(dst, table, index);
                break;
            }
            case Opcode.TableSet:
            {
                var table = ReadTable(ref reader);
                var value = Pop(context.Tables[table].ElementType);
                var index = PopTableOperand(TableAddressType(table));
                if (Reachable) EmitTableSet(table, index, value);
                break;
            }
            case >= Opcode.I32Load and <= Opcode.I64Load32U:
                TranslateLoad(ref reader, opcode);
                break;
            case >= Opcode.I32Store and <= Opcode.I64Store32:
                TranslateStore(ref reader, opcode);
                break;
            case Opcode.MemorySize:
                TranslateMemorySize(ref reader);
                break;
            case Opcode.MemoryGrow:
                TranslateMemoryGrow(ref reader);
                break;
            case Opcode.I32Const:
            {
                var value = reader.ReadS32();
                var dst = Push(ValueType.I32);
                if (Reachable) EmitConst32(dst, value);
                break;
            }
            case Opcode.I64Const:
                PushConst64(ValueType.I64, (ulong)reader.ReadS64());
                break;
            case Opcode.F32Const:
            {
                var bits = reader.ReadF32Bits();
                var dst = Push(ValueType.F32);
                if (Reachable) EmitConst32(dst, (int)bits);
                break;
            }
            case Opcode.F64Const:
                PushConst64(ValueType.F64, reader.ReadF64Bits());
                break;
            case >= Opcode.I32Eqz and <= Opcode.I64Extend32S:
                TranslateNumeric(opcode);
                break;
            case Opcode.RefNull:
            {
                var type = reader.ReadReferenceType();
                RequireFeature(WasmFeatures.ReferenceTypes);
                var dst = Push(type);
                if (Reachable) EmitConst32(dst, 0);
                break;
            }
            case Opcode.RefIsNull:
            {
                RequireFeature(WasmFeatures.ReferenceTypes);
                var type = Pop(out var operand);
                if (type != Unknown && !type.IsReference()) throw Invalid("type mismatch");
                var dst = Push(ValueType.I32);
                // Null is slot value 0 for every reference type, so i64.eqz is exactly ref.is_null.
                if (Reachable) EmitI64Eqz(dst, operand);
                break;
            }
            case Opcode.RefFunc:
            {
                var index = reader.ReadU32();
                RequireFeature(WasmFeatures.ReferenceTypes);
                if (index >= (uint)context.FunctionTypeIndices.Length) throw Invalid($"unknown function {index}");
                if (!context.DeclaredFunctionReferences[index]) throw Invalid("undeclared function reference");
                var dst = Push(ValueType.FuncRef);
                if (Reachable) EmitRefFunc(dst, (int)index);
                break;
            }
            case Opcode.MiscPrefix:
                TranslatePrefixed(ref reader);
                break;
            case Opcode.SimdPrefix:
                TranslateSimd(ref reader);
                break;
            case Opcode.AtomicPrefix:
                TranslateAtomic(ref reader);
                break;
            default:
                throw new MalformedModuleException(instructionOffset, $"illegal opcode 0x{opcode:x2}");
        }
    }

    private void TranslateEnd()
    {
        ref var top = ref Top;
        CheckFrameEnd(top);
        if (Reachable)
        {
            if (top.Kind == ControlKind.Function) EmitFunctionReturn();
            else EmitMoves(top.Results.Length, CanonicalSlot(top.Height));
        }
        controlCount--;
        ref var frame = ref controls[controlCount];
        DropTo(frame.Height);
        if (frame.Kind == ControlKind.Function) return;
        if (frame.Kind == ControlKind.If)
        {
            // An if without else behaves as if the else were empty: the parameters must be the results.
            if (!frame.Parameters.AsSpan().SequenceEqual(frame.Results)) throw Invalid("type mismatch");
            if (frame.ElsePatch >= 0) code[frame.ElsePatch] = code.Count;
        }
        BindLabel(ref frame);
        PushAll(frame.Results);
    }

    /// <summary>Validates that exactly the frame's results are on top of its part of the stack (pop_ctrl).</summary>
    private void CheckFrameEnd(in ControlFrame frame)
    {
        CheckTop(frame.Results);
        var expected = frame.Height + frame.Results.Length;
        if (height > expected || (!frame.Unreachable && height != expected)) throw Invalid("type mismatch");
    }

    private void EmitConditionalBranch(uint depth, int condition)
    {
        ref var frame = ref Label(depth);
        if (!BranchNeedsMoves(frame))
        {
            if (TryEmitFusedBranch(condition, jumpWhen: true)) AddTarget(ref frame);
            else EmitBrIfNez(condition, ref frame);
            return;
        }
        if (TryEmitFusedBranch(condition, jumpWhen: false)) code.Add(-1);
        else EmitBrIfEqz(condition, -1);
        var skip = code.Count - 1;
        EmitBranch(depth);
        code[skip] = code.Count;
        MarkLabel();
    }

    private void TranslateBrTable(ref WasmReader reader)
    {
        var count = reader.ReadCount();
        var depths = count < 256 ? stackalloc uint[count + 1] : new uint[count + 1];
        for (var i = 0; i <= count; i++) depths[i] = reader.ReadU32();
        var index = Pop(ValueType.I32);
        var defaultDepth = depths[count];
        var arity = Label(defaultDepth).LabelTypes.Length;
        for (var i = 0; i < count; i++)
        {
            ref var frame = ref Label(depths[i]);
            if (frame.LabelTypes.Length != arity) throw Invalid("type mismatch");
            CheckTop(frame.LabelTypes);
        }
        CheckTop(Label(defaultDepth).LabelTypes);
        if (Reachable)
        {
            EmitOp(Op.BrTable);
            code.Add(index);
            code.Add(count);
            var targets = code.Count;
            for (var i = 0; i <= count; i++) code.Add(-1);
            // Targets whose values must move get a stub after the table: moves, then the branch.
            for (var i = 0; i <= count; i++)
            {
                ref var frame = ref Label(depths[i]);
                if (BranchNeedsMoves(frame))
                {
                    code[targets + i] = code.Count;
                    EmitBranch(depths[i]);
                }
                else if (frame.Kind == ControlKind.Loop)
                {
                    code[targets + i] = frame.LoopStart;
                }
                else
                {
                    code[targets + i] = frame.PatchHead;
                    frame.PatchHead = targets + i;
                }
            }
        }
        MarkUnreachable();
    }

    private void TranslateCall(FunctionType type, Op op, int a, int b, int calleeSlot)
    {
        var parameters = type.ParameterSpan;
        CheckTop(parameters);
        var first = height - parameters.Length;
        if (first < Top.Height) first = Top.Height;
        for (var i = first; i < height; i++) Materialize(i);
        PopAll(parameters);
        var frameBase = CanonicalSlot(height);
        if (Reachable)
        {
            switch (op)
            {
                case Op.Call: EmitCall(a, frameBase); break;
                case Op.ReturnCall: EmitReturnCall(a, frameBase); break;
                case Op.CallIndirect: EmitCallIndirect(a, b, calleeSlot, frameBase); break;
                default: EmitReturnCallIndirect(a, b, calleeSlot, frameBase); break;
            }
        }
        PushAll(type.ResultSpan);
    }

    private void TranslateSelect(ref WasmReader reader, bool typed)
    {
        var declared = Unknown;
        if (typed)
        {
            RequireFeature(WasmFeatures.ReferenceTypes);
            var count = reader.ReadU32();
            if (count != 1) throw Invalid("invalid result arity");
            declared = reader.ReadValueType();
            CheckValueTypeEnabled(declared);
        }
        var condition = Pop(ValueType.I32);
        ValueType type;
        int b, a;
        if (typed)
        {
            b = Pop(declared);
            a = Pop(declared);
            type = declared;
        }
        else
        {
            var t2 = Pop(out b);
            var t1 = Pop(out a);
            if (t1.IsReference() || t2.IsReference()) throw Invalid("type mismatch");
            if (t1 != t2 && t1 != Unknown && t2 != Unknown) throw Invalid("type mismatch");
            type = t1 == Unknown ? t2 : t1;
        }
        var dst = Push(type);
        if (!Reachable) return;
        if (type == ValueType.V128) EmitSimd(SimdOpcode.V128Select, dst, a, b, condition);
        else EmitSelect(dst, a, b, condition);
        NoteResultOperand(code.Count - 4);
    }

    private void TranslateLocalSet(int index, bool tee)
    {
        var type = localTypes[index];
        var local = localSlots[index];
        if (TryRetargetLastResult(local))
        {
            Pop(type);
            if (tee) PushWithSlot(type, local);
            return;
        }
        var value = Pop(type);
        if (!Reachable)
        {
            if (tee) Push(type);
            return;
        }
        MaterializeReadersOf(local);
        if (value != local) EmitCopy(type, local, value);
        if (tee) PushWithSlot(type, local);
    }

    private void PushConst64(ValueType type, ulong bits)
    {
        var dst = Push(type);
        if (Reachable) EmitConst64(dst, bits);
    }

    private void TranslateNumeric(byte opcode)
    {
        var signature = NumericSignatures.For(opcode) ?? throw new MalformedModuleException(instructionOffset, $"illegal opcode 0x{opcode:x2}");
        if (opcode >= Opcode.I32Extend8S) RequireFeature(WasmFeatures.SignExtension);
        if (signature.IsBinary) EmitBinary((Op)opcode, signature.First, signature.Result);
        else EmitUnary((Op)opcode, signature.First, signature.Result);
    }

    private void RequireFeature(WasmFeatures feature)
    {
        if (!context.Has(feature)) throw Invalid($"instruction requires the {feature} feature");
    }

    private int ReadLocal(ref WasmReader reader)
    {
        var index = reader.ReadU32();
        if (index >= (uint)localCount) throw Invalid($"unknown local {index}");
        return (int)index;
    }

    private int ReadGlobal(ref WasmReader reader)
    {
        var index = reader.ReadU32();
        if (index >= (uint)context.Globals.Length) throw Invalid($"unknown global {index}");
        return (int)index;
    }

    private int ReadTable(ref WasmReader reader)
    {
        var index = reader.ReadU32();
        if (index >= (uint)context.Tables.Length) throw Invalid($"unknown table {index}");
        return (int)index;
    }

    private void ReadMemoryIndexByte(ref WasmReader reader)
    {
        if (reader.ReadByte() != 0) throw new MalformedModuleException(reader.Offset - 1, "zero byte expected");
        if (context.Memories.Length == 0) throw Invalid("unknown memory 0");
    }
}
