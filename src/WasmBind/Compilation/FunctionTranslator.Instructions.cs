using WasmBind.Binary;
using WasmBind.Execution;
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
            case 0x00: // unreachable
                if (Reachable) EmitOp(Op.Unreachable);
                MarkUnreachable();
                break;
            case 0x01: // nop
                break;
            case 0x02: // block
            case 0x03: // loop
            {
                ReadBlockType(ref reader, out var parameters, out var results);
                CheckTop(parameters);
                MaterializeAll();
                PopAll(parameters);
                PushControl(opcode == 0x02 ? ControlKind.Block : ControlKind.Loop, parameters, results);
                if (opcode == 0x03)
                {
                    MarkLabel();
                    // Every iteration passes the loop header, so an epoch check here stops any infinite loop.
                    if (context.EpochInterruption && Reachable) EmitOp(Op.CheckEpoch);
                }
                break;
            }
            case 0x04: // if
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
                    else Emit(Op.BrIfEqz, condition, -1);
                    Top.ElsePatch = code.Count - 1;
                    BreakFuelRun();
                }
                break;
            }
            case 0x05: // else
            {
                ref var frame = ref Top;
                if (frame.Kind != ControlKind.If) throw Invalid("else without if");
                CheckFrameEnd(frame);
                if (Reachable)
                {
                    EmitMoves(frame.Results.Length, CanonicalSlot(frame.Height));
                    EmitJump(Op.Br, ref frame);
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
            case 0x0B: // end
                TranslateEnd();
                break;
            case 0x0C: // br
            {
                var depth = reader.ReadU32();
                CheckTop(Label(depth).LabelTypes);
                if (Reachable) EmitBranch(depth);
                MarkUnreachable();
                break;
            }
            case 0x0D: // br_if
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
            case 0x0E: // br_table
                TranslateBrTable(ref reader);
                break;
            case 0x0F: // return
                CheckTop(controls[0].Results);
                if (Reachable) EmitReturn();
                MarkUnreachable();
                break;
            case 0x10: // call
            {
                var index = reader.ReadU32();
                if (index >= (uint)context.FunctionTypeIndices.Length) throw Invalid($"unknown function {index}");
                TranslateCall(context.FunctionType((int)index), Op.Call, (int)index, 0, -1);
                break;
            }
            case 0x11: // call_indirect
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
            case 0x12: // return_call
                TranslateReturnCall(ref reader);
                break;
            case 0x13: // return_call_indirect
                TranslateReturnCallIndirect(ref reader);
                break;
            case 0x1A: // drop
                Pop(out _);
                break;
            case 0x1B: // select
            case 0x1C: // select t
                TranslateSelect(ref reader, opcode == 0x1C);
                break;
            case 0x20: // local.get
            {
                var local = ReadLocal(ref reader);
                PushWithSlot(localTypes[local], local);
                break;
            }
            case 0x21: // local.set
            case 0x22: // local.tee
                TranslateLocalSet(ReadLocal(ref reader), tee: opcode == 0x22);
                break;
            case 0x23: // global.get
            {
                var index = ReadGlobal(ref reader);
                var dst = Push(context.Globals[index].ValueType);
                if (Reachable)
                {
                    Emit(Op.GlobalGet, dst, index);
                    NoteResultOperand(code.Count - 2);
                }
                break;
            }
            case 0x24: // global.set
            {
                var index = ReadGlobal(ref reader);
                if (!context.Globals[index].Mutable) throw Invalid("global is immutable");
                var value = Pop(context.Globals[index].ValueType);
                if (Reachable) Emit(Op.GlobalSet, index, value);
                break;
            }
            case 0x25: // table.get
            {
                var table = ReadTable(ref reader);
                var index = PopTableOperand(TableAddressType(table));
                var dst = Push(context.Tables[table].ElementType);
                if (Reachable) Emit(Op.TableGet, dst, table, index);
                break;
            }
            case 0x26: // table.set
            {
                var table = ReadTable(ref reader);
                var value = Pop(context.Tables[table].ElementType);
                var index = PopTableOperand(TableAddressType(table));
                if (Reachable) Emit(Op.TableSet, table, index, value);
                break;
            }
            case >= 0x28 and <= 0x35:
                TranslateLoad(ref reader, opcode);
                break;
            case >= 0x36 and <= 0x3E:
                TranslateStore(ref reader, opcode);
                break;
            case 0x3F: // memory.size
                TranslateMemorySize(ref reader);
                break;
            case 0x40: // memory.grow
                TranslateMemoryGrow(ref reader);
                break;
            case 0x41: // i32.const
            {
                var value = reader.ReadS32();
                var dst = Push(ValueType.I32);
                if (Reachable) Emit(Op.Const32, dst, value);
                break;
            }
            case 0x42: // i64.const
                EmitConst64(ValueType.I64, (ulong)reader.ReadS64());
                break;
            case 0x43: // f32.const
            {
                var bits = reader.ReadF32Bits();
                var dst = Push(ValueType.F32);
                if (Reachable) Emit(Op.Const32, dst, (int)bits);
                break;
            }
            case 0x44: // f64.const
                EmitConst64(ValueType.F64, reader.ReadF64Bits());
                break;
            case >= 0x45 and <= 0xC4:
                TranslateNumeric(opcode);
                break;
            case 0xD0: // ref.null
            {
                var type = reader.ReadReferenceType();
                RequireFeature(WasmFeatures.ReferenceTypes);
                var dst = Push(type);
                if (Reachable) Emit(Op.Const32, dst, 0);
                break;
            }
            case 0xD1: // ref.is_null
            {
                RequireFeature(WasmFeatures.ReferenceTypes);
                var type = Pop(out var operand);
                if (type != Unknown && !type.IsReference()) throw Invalid("type mismatch");
                var dst = Push(ValueType.I32);
                // Null is slot value 0 for every reference type, so i64.eqz is exactly ref.is_null.
                if (Reachable) Emit(Op.I64Eqz, dst, operand);
                break;
            }
            case 0xD2: // ref.func
            {
                var index = reader.ReadU32();
                RequireFeature(WasmFeatures.ReferenceTypes);
                if (index >= (uint)context.FunctionTypeIndices.Length) throw Invalid($"unknown function {index}");
                if (!context.DeclaredFunctionReferences[index]) throw Invalid("undeclared function reference");
                var dst = Push(ValueType.FuncRef);
                if (Reachable) Emit(Op.RefFunc, dst, (int)index);
                break;
            }
            case 0xFC:
                TranslatePrefixed(ref reader);
                break;
            case 0xFE:
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
            if (top.Kind == ControlKind.Function) EmitReturn();
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
            else EmitJump(Op.BrIfNez, ref frame, condition);
            return;
        }
        if (TryEmitFusedBranch(condition, jumpWhen: false)) code.Add(-1);
        else Emit(Op.BrIfEqz, condition, -1);
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
            if (op is Op.Call or Op.ReturnCall) Emit(op, a, frameBase);
            else Emit(op, a, b, calleeSlot, frameBase);
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
            if (t1.IsReference() || t2.IsReference() || t1 == ValueType.V128 || t2 == ValueType.V128) throw Invalid("type mismatch");
            if (t1 != t2 && t1 != Unknown && t2 != Unknown) throw Invalid("type mismatch");
            type = t1 == Unknown ? t2 : t1;
        }
        var dst = Push(type);
        if (!Reachable) return;
        Emit(Op.Select, dst, a, b, condition);
        NoteResultOperand(code.Count - 4);
    }

    private void TranslateLocalSet(int local, bool tee)
    {
        var type = localTypes[local];
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
        if (value != local) Emit(Op.Copy, local, value);
        if (tee) PushWithSlot(type, local);
    }

    private void EmitConst64(ValueType type, ulong bits)
    {
        var dst = Push(type);
        if (Reachable) Emit(Op.Const64, dst, (int)(uint)bits, (int)(uint)(bits >> 32));
    }

    private void TranslateNumeric(byte opcode)
    {
        var signature = NumericSignatures.For(opcode) ?? throw new MalformedModuleException(instructionOffset, $"illegal opcode 0x{opcode:x2}");
        if (opcode >= 0xC0) RequireFeature(WasmFeatures.SignExtension);
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
