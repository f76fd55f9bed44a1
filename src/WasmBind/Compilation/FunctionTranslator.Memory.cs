using WasmBind.Binary;
using WasmBind.Instructions;
using WasmBind.Validation;

namespace WasmBind.Compilation;

/// <summary>Loads, stores, and the 0xFC-prefixed bulk memory, table and saturating-conversion instructions.</summary>
internal sealed partial class FunctionTranslator
{
    private static ReadOnlySpan<byte> LoadSizes => [4, 8, 4, 8, 1, 1, 2, 2, 1, 1, 2, 2, 4, 4];
    private static ReadOnlySpan<byte> StoreSizes => [4, 8, 4, 8, 1, 2, 1, 2, 4];

    private static ValueType LoadResult(byte opcode) => opcode switch
    {
        Opcode.I32Load => ValueType.I32,
        Opcode.I64Load => ValueType.I64,
        Opcode.F32Load => ValueType.F32,
        Opcode.F64Load => ValueType.F64,
        <= Opcode.I32Load16U => ValueType.I32,
        _ => ValueType.I64,
    };

    private static ValueType StoreOperand(byte opcode) => opcode switch
    {
        Opcode.I32Store or Opcode.I32Store8 or Opcode.I32Store16 => ValueType.I32,
        Opcode.F32Store => ValueType.F32,
        Opcode.F64Store => ValueType.F64,
        _ => ValueType.I64,
    };

    private void TranslatePrefixed(ref WasmReader reader)
    {
        var sub = reader.ReadU32();
        switch (sub)
        {
            case <= MiscOpcode.I64TruncSatF64U:
            {
                RequireFeature(WasmFeatures.SaturatingFloatToInt);
                var signature = NumericSignatures.ForSaturating(sub);
                EmitUnary(Op.I32TruncSatF32S + (int)sub, signature.First, signature.Result);
                break;
            }
            case MiscOpcode.MemoryInit:
            {
                RequireFeature(WasmFeatures.BulkMemory);
                var index = reader.ReadU32();
                var memory = ReadMemoryIndex(ref reader);
                var segment = CheckDataIndex(index);
                var (d, s, n) = PopThree(MemoryAddressType(memory), ValueType.I32, ValueType.I32);
                if (Reachable) EmitMemoryInit(segment, memory, d, s, n);
                break;
            }
            case MiscOpcode.DataDrop:
            {
                RequireFeature(WasmFeatures.BulkMemory);
                var segment = CheckDataIndex(reader.ReadU32());
                if (Reachable) EmitDataDrop(segment);
                break;
            }
            case MiscOpcode.MemoryCopy:
            {
                RequireFeature(WasmFeatures.BulkMemory);
                var destination = ReadMemoryIndex(ref reader);
                var source = ReadMemoryIndex(ref reader);
                var (destinationType, sourceType) = (MemoryAddressType(destination), MemoryAddressType(source));
                var (d, s, n) = PopThree(destinationType, sourceType, CopyLengthType(destinationType, sourceType));
                if (Reachable) EmitMemoryCopy(destination, source, d, s, n);
                break;
            }
            case MiscOpcode.MemoryFill:
            {
                RequireFeature(WasmFeatures.BulkMemory);
                var memory = ReadMemoryIndex(ref reader);
                var addressType = MemoryAddressType(memory);
                var (d, v, n) = PopThree(addressType, ValueType.I32, addressType);
                if (Reachable) EmitMemoryFill(memory, d, v, n);
                break;
            }
            case MiscOpcode.TableInit:
            {
                RequireFeature(WasmFeatures.BulkMemory);
                var segment = reader.ReadU32();
                var table = ReadTable(ref reader);
                if (segment >= (uint)context.ElementTypes.Length) throw Invalid($"unknown elem segment {segment}");
                if (context.ElementTypes[segment] != context.Tables[table].ElementType) throw Invalid("type mismatch");
                var n = Pop(ValueType.I32);
                var s = Pop(ValueType.I32);
                var d = PopTableOperand(TableAddressType(table));
                if (Reachable) EmitTableInit(table, (int)segment, d, s, n);
                break;
            }
            case MiscOpcode.ElemDrop:
            {
                RequireFeature(WasmFeatures.BulkMemory);
                var segment = reader.ReadU32();
                if (segment >= (uint)context.ElementTypes.Length) throw Invalid($"unknown elem segment {segment}");
                if (Reachable) EmitElemDrop((int)segment);
                break;
            }
            case MiscOpcode.TableCopy:
            {
                RequireFeature(WasmFeatures.BulkMemory);
                var destination = ReadTable(ref reader);
                var source = ReadTable(ref reader);
                if (context.Tables[destination].ElementType != context.Tables[source].ElementType) throw Invalid("type mismatch");
                var (destinationType, sourceType) = (TableAddressType(destination), TableAddressType(source));
                var n = PopTableOperand(CopyLengthType(destinationType, sourceType));
                var s = PopTableOperand(sourceType);
                var d = PopTableOperand(destinationType);
                if (Reachable) EmitTableCopy(destination, source, d, s, n);
                break;
            }
            case MiscOpcode.TableGrow:
            {
                RequireFeature(WasmFeatures.ReferenceTypes);
                var table = ReadTable(ref reader);
                var addressType = TableAddressType(table);
                var delta = PopTableOperand(addressType);
                var init = Pop(context.Tables[table].ElementType);
                var dst = Push(addressType);
                if (Reachable) EmitTableGrow(dst, table, init, delta);
                // The result is a 32-bit size or -1; a 64-bit table's -1 is all ones in 64 bits.
                if (Reachable && addressType == ValueType.I64) EmitI64Extend32S(dst, dst);
                break;
            }
            case MiscOpcode.TableSize:
            {
                RequireFeature(WasmFeatures.ReferenceTypes);
                var table = ReadTable(ref reader);
                var dst = Push(TableAddressType(table));
                if (Reachable) EmitTableSize(dst, table);
                break;
            }
            case MiscOpcode.TableFill:
            {
                RequireFeature(WasmFeatures.ReferenceTypes);
                var table = ReadTable(ref reader);
                var n = PopTableOperand(TableAddressType(table));
                var v = Pop(context.Tables[table].ElementType);
                var i = PopTableOperand(TableAddressType(table));
                if (Reachable) EmitTableFill(table, i, v, n);
                break;
            }
            case >= MiscOpcode.I64Add128 and <= MiscOpcode.I64MulWideU when context.Has(WasmFeatures.WideArithmetic):
                TranslateWideArithmetic(sub);
                break;
            default:
                throw new MalformedModuleException(instructionOffset, $"illegal opcode 0xfc {sub}");
        }
    }

    /// <summary>Pops three operands pushed in the order first, second, third; returns their slots in that order.</summary>
    private (int First, int Second, int Third) PopThree(ValueType first, ValueType second, ValueType third)
    {
        var c = Pop(third);
        var b = Pop(second);
        var a = Pop(first);
        return (a, b, c);
    }

    private int CheckDataIndex(uint index)
    {
        var module = context.Module;
        if (index >= (module.DataCount ?? (uint)module.Datas.Length)) throw Invalid($"unknown data segment {index}");
        // The binary format needs the count up front so one-pass validators can check the index.
        if (module.DataCount is null) throw new MalformedModuleException(instructionOffset, "data count section required");
        return (int)index;
    }
}
