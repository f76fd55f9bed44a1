using WasmBind.Binary;
using WasmBind.Execution;
using WasmBind.Validation;

namespace WasmBind.Compilation;

/// <summary>Loads, stores, and the 0xFC-prefixed bulk memory, table and saturating-conversion instructions.</summary>
internal sealed partial class FunctionTranslator
{
    private static ReadOnlySpan<byte> LoadSizes => [4, 8, 4, 8, 1, 1, 2, 2, 1, 1, 2, 2, 4, 4];
    private static ReadOnlySpan<byte> StoreSizes => [4, 8, 4, 8, 1, 2, 1, 2, 4];

    private static ValueType LoadResult(byte opcode) => opcode switch
    {
        0x28 => ValueType.I32,
        0x29 => ValueType.I64,
        0x2A => ValueType.F32,
        0x2B => ValueType.F64,
        <= 0x2F => ValueType.I32,
        _ => ValueType.I64,
    };

    private static ValueType StoreOperand(byte opcode) => opcode switch
    {
        0x36 or 0x3A or 0x3B => ValueType.I32,
        0x38 => ValueType.F32,
        0x39 => ValueType.F64,
        _ => ValueType.I64,
    };

    private void TranslatePrefixed(ref WasmReader reader)
    {
        var sub = reader.ReadU32();
        switch (sub)
        {
            case <= 7:
            {
                RequireFeature(WasmFeatures.SaturatingFloatToInt);
                var signature = NumericSignatures.ForSaturating(sub);
                EmitUnary((Op)(0xE0 + (int)sub), signature.First, signature.Result);
                break;
            }
            case 8: // memory.init
            {
                RequireFeature(WasmFeatures.BulkMemory);
                var index = reader.ReadU32();
                var memory = ReadMemoryIndex(ref reader);
                var segment = CheckDataIndex(index);
                var (d, s, n) = PopThree(MemoryAddressType(memory), ValueType.I32, ValueType.I32);
                if (Reachable) Emit(Op.MemoryInit, segment, memory, d, s, n);
                break;
            }
            case 9: // data.drop
            {
                RequireFeature(WasmFeatures.BulkMemory);
                var segment = CheckDataIndex(reader.ReadU32());
                if (Reachable) Emit(Op.DataDrop, segment);
                break;
            }
            case 10: // memory.copy
            {
                RequireFeature(WasmFeatures.BulkMemory);
                var destination = ReadMemoryIndex(ref reader);
                var source = ReadMemoryIndex(ref reader);
                var (destinationType, sourceType) = (MemoryAddressType(destination), MemoryAddressType(source));
                var (d, s, n) = PopThree(destinationType, sourceType, CopyLengthType(destinationType, sourceType));
                if (Reachable) Emit(Op.MemoryCopy, destination, source, d, s, n);
                break;
            }
            case 11: // memory.fill
            {
                RequireFeature(WasmFeatures.BulkMemory);
                var memory = ReadMemoryIndex(ref reader);
                var addressType = MemoryAddressType(memory);
                var (d, v, n) = PopThree(addressType, ValueType.I32, addressType);
                if (Reachable) Emit(Op.MemoryFill, memory, d, v, n);
                break;
            }
            case 12: // table.init
            {
                RequireFeature(WasmFeatures.BulkMemory);
                var segment = reader.ReadU32();
                var table = ReadTable(ref reader);
                if (segment >= (uint)context.ElementTypes.Length) throw Invalid($"unknown elem segment {segment}");
                if (context.ElementTypes[segment] != context.Tables[table].ElementType) throw Invalid("type mismatch");
                var n = Pop(ValueType.I32);
                var s = Pop(ValueType.I32);
                var d = PopTableOperand(TableAddressType(table));
                if (Reachable) Emit(Op.TableInit, table, (int)segment, d, s, n);
                break;
            }
            case 13: // elem.drop
            {
                RequireFeature(WasmFeatures.BulkMemory);
                var segment = reader.ReadU32();
                if (segment >= (uint)context.ElementTypes.Length) throw Invalid($"unknown elem segment {segment}");
                if (Reachable) Emit(Op.ElemDrop, (int)segment);
                break;
            }
            case 14: // table.copy
            {
                RequireFeature(WasmFeatures.BulkMemory);
                var destination = ReadTable(ref reader);
                var source = ReadTable(ref reader);
                if (context.Tables[destination].ElementType != context.Tables[source].ElementType) throw Invalid("type mismatch");
                var (destinationType, sourceType) = (TableAddressType(destination), TableAddressType(source));
                var n = PopTableOperand(CopyLengthType(destinationType, sourceType));
                var s = PopTableOperand(sourceType);
                var d = PopTableOperand(destinationType);
                if (Reachable) Emit(Op.TableCopy, destination, source, d, s, n);
                break;
            }
            case 15: // table.grow
            {
                RequireFeature(WasmFeatures.ReferenceTypes);
                var table = ReadTable(ref reader);
                var addressType = TableAddressType(table);
                var delta = PopTableOperand(addressType);
                var init = Pop(context.Tables[table].ElementType);
                var dst = Push(addressType);
                if (Reachable) Emit(Op.TableGrow, dst, table, init, delta);
                // The result is a 32-bit size or -1; a 64-bit table's -1 is all ones in 64 bits.
                if (Reachable && addressType == ValueType.I64) Emit(Op.I64Extend32S, dst, dst);
                break;
            }
            case 16: // table.size
            {
                RequireFeature(WasmFeatures.ReferenceTypes);
                var table = ReadTable(ref reader);
                var dst = Push(TableAddressType(table));
                if (Reachable) Emit(Op.TableSize, dst, table);
                break;
            }
            case 17: // table.fill
            {
                RequireFeature(WasmFeatures.ReferenceTypes);
                var table = ReadTable(ref reader);
                var n = PopTableOperand(TableAddressType(table));
                var v = Pop(context.Tables[table].ElementType);
                var i = PopTableOperand(TableAddressType(table));
                if (Reachable) Emit(Op.TableFill, table, i, v, n);
                break;
            }
            case >= 19 and <= 22 when context.Has(WasmFeatures.WideArithmetic):
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
