using WasmBind.Binary;
using Xunit;
using static WasmBind.Tests.Binary.BinaryBuilder;

namespace WasmBind.Tests.Binary;

public sealed class ModuleDecoderTests
{
    private static readonly byte[] OneVoidType = Section(1, 0x01, 0x60, 0x00, 0x00);
    private static readonly byte[] OneFunction = Section(3, 0x01, 0x00);
    private static readonly byte[] OneEmptyBody = Section(10, 0x01, 0x02, 0x00, 0x0B);
    private static readonly byte[] OneTable = Section(4, 0x01, 0x70, 0x00, 0x00);

    private static string Reason(byte[] bytes) =>
        Assert.Throws<MalformedModuleException>(() => ModuleDecoder.Decode(bytes)).Reason;

    [Fact]
    public void EmptyModule_Decodes()
    {
        var module = ModuleDecoder.Decode(Module());
        Assert.Empty(module.Types);
        Assert.Null(module.StartFunction);
        Assert.Null(module.DataCount);
    }

    [Fact]
    public void Imports_AreCountedPerKind()
    {
        var imports = Section(2,
        [
            0x04,
            .. Name("m"), .. Name("f"), 0x00, 0x00,
            .. Name("m"), .. Name("t"), 0x01, 0x6F, 0x01, 0x01, 0x05,
            .. Name("m"), .. Name("mem"), 0x02, 0x03, 0x01, 0x02,
            .. Name("m"), .. Name("g"), 0x03, 0x7E, 0x01,
        ]);
        var module = ModuleDecoder.Decode(Module(OneVoidType, imports));

        Assert.Equal(1, module.ImportedFunctionCount);
        Assert.Equal(1, module.ImportedTableCount);
        Assert.Equal(1, module.ImportedMemoryCount);
        Assert.Equal(1, module.ImportedGlobalCount);
        var table = module.Imports[1].Table!;
        Assert.Equal((ValueType.ExternRef, new Limits(1, 5)), (table.ElementType, table.Limits));
        var memory = module.Imports[2].Memory!;
        Assert.Equal((new Limits(1, 2), true), (memory.Limits, memory.Shared));
        var global = module.Imports[3].Global!;
        Assert.Equal((ValueType.I64, true), (global.ValueType, global.Mutable));
    }

    [Theory]
    [InlineData((byte)0x02)] // shared without a maximum
    [InlineData((byte)0x04)] // memory64 (not supported)
    public void MemoryLimitsFlags_OutsideTheSupportedSet_AreMalformed(byte flags) =>
        Assert.Equal("integer too large", Reason(Module(Section(5, 0x01, flags, 0x00, 0x00))));

    [Fact]
    public void SharedTableLimits_AreMalformed() =>
        Assert.Equal("integer too large", Reason(Module(Section(4, 0x01, 0x70, 0x03, 0x00, 0x01))));

    [Fact]
    public void Globals_KeepConstantExpressionsIncludingExtendedConstAndV128()
    {
        var globals = Section(6,
        [
            0x02,
            0x7F, 0x00, 0x41, 0x7F, 0x41, 0x02, 0x6A, 0x0B, // i32.const -1, i32.const 2, i32.add
            0x7B, 0x00, 0xFD, 0x0C, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 0x0B, // v128.const
        ]);
        var module = ModuleDecoder.Decode(Module(globals));

        var arithmetic = module.Globals[0].Init.Instructions;
        Assert.Equal([0x41, 0x41, 0x6A], arithmetic.Select(i => i.Opcode));
        Assert.Equal(ulong.MaxValue, arithmetic[0].Immediate);
        var vector = Assert.Single(module.Globals[1].Init.Instructions);
        Assert.Equal((byte)0xFD, vector.Opcode);
        Assert.Equal(12u, vector.SubOpcode);
        Assert.Equal(0x0807060504030201ul, vector.Immediate);
        Assert.Equal(0x100F0E0D0C0B0A09ul, vector.ImmediateHigh);
    }

    [Fact]
    public void NonConstantInstructions_AreRecordedForTheValidator()
    {
        // block (result i32) i32.const 1 end, nop, local.get 0 -- none of it constant, all well-formed.
        var globals = Section(6, 0x01, 0x7F, 0x00, 0x02, 0x7F, 0x41, 0x01, 0x0B, 0x01, 0x20, 0x00, 0x0B);
        var module = ModuleDecoder.Decode(Module(globals));
        Assert.Equal([0x02, 0x41, 0x0B, 0x01, 0x20], module.Globals[0].Init.Instructions.Select(i => i.Opcode));
    }

    [Fact]
    public void UnknownOpcodeInConstantExpression_IsMalformed() =>
        Assert.Equal("illegal opcode", Reason(Module(Section(6, 0x01, 0x7F, 0x00, 0xF3, 0x0B))));

    [Fact]
    public void ElementSegments_AllEightEncodings()
    {
        byte[] offset = [0x41, 0x00, 0x0B];
        byte[] refFunc0 = [0xD2, 0x00, 0x0B];
        var elements = Section(9,
        [
            0x08,
            0x00, .. offset, 0x01, 0x00, // active table 0, function indices
            0x01, 0x00, 0x01, 0x00, // passive, elemkind, function indices
            0x02, 0x00, .. offset, 0x00, 0x01, 0x00, // active explicit table, elemkind, function indices
            0x03, 0x00, 0x01, 0x00, // declarative, elemkind, function indices
            0x04, .. offset, 0x01, .. refFunc0, // active table 0, expressions
            0x05, 0x6F, 0x01, 0xD0, 0x6F, 0x0B, // passive externref expressions
            0x06, 0x00, .. offset, 0x70, 0x01, .. refFunc0, // active explicit table, expressions
            0x07, 0x70, 0x01, .. refFunc0, // declarative expressions
        ]);
        var module = ModuleDecoder.Decode(Module(OneVoidType, OneFunction, OneTable, elements, OneEmptyBody));

        Assert.Equal(
            [SegmentMode.Active, SegmentMode.Passive, SegmentMode.Active, SegmentMode.Declarative,
             SegmentMode.Active, SegmentMode.Passive, SegmentMode.Active, SegmentMode.Declarative],
            module.Elements.Select(e => e.Mode));
        Assert.All(module.Elements.Where(e => e.Mode == SegmentMode.Active), e => Assert.NotNull(e.OffsetExpression));
        Assert.All(module.Elements.Where(e => e.Mode != SegmentMode.Active), e => Assert.Null(e.OffsetExpression));
        Assert.Equal(ValueType.ExternRef, module.Elements[5].ElementType);
        Assert.All(module.Elements, e => Assert.Single(e.Items));
        // Function-index items become ref.func expressions so every segment's items look alike.
        var item = Assert.Single(module.Elements[0].Items[0].Instructions);
        Assert.Equal((byte)0xD2, item.Opcode);
    }

    [Theory]
    [InlineData((byte)0x01, (byte)0x01, "malformed element kind")]
    [InlineData((byte)0x05, (byte)0x7F, "malformed reference type")]
    [InlineData((byte)0x08, (byte)0x00, "malformed elements segment kind")]
    public void ElementSegment_BadKinds_AreMalformed(byte flags, byte kind, string reason) =>
        Assert.Equal(reason, Reason(Module(Section(9, 0x01, flags, kind, 0x00))));

    [Fact]
    public void DataSegments_KeepTheirBytesAndMode()
    {
        var memory = Section(5, 0x01, 0x00, 0x01);
        var data = Section(11, 0x03, 0x00, 0x41, 0x00, 0x0B, 0x02, 0xAA, 0xBB, 0x01, 0x01, 0xCC, 0x02, 0x00, 0x41, 0x00, 0x0B, 0x00);
        var module = ModuleDecoder.Decode(Module(memory, Section(12, 0x03), data));

        Assert.Equal(3u, module.DataCount);
        Assert.Equal([SegmentMode.Active, SegmentMode.Passive, SegmentMode.Active], module.Datas.Select(d => d.Mode));
        Assert.Equal([0xAA, 0xBB], module.Datas[0].Data.ToArray());
        Assert.Equal([0xCC], module.Datas[1].Data.ToArray());
        Assert.Null(module.Datas[1].OffsetExpression);
    }

    [Fact]
    public void FunctionBody_RecordsLocalsAndCodeRange()
    {
        var code = Section(10, 0x01, 0x07, 0x02, 0x02, 0x7F, 0x01, 0x7E, 0x01, 0x0B);
        var bytes = Module(OneVoidType, OneFunction, code);
        var body = Assert.Single(ModuleDecoder.Decode(bytes).Bodies);

        Assert.Equal([new LocalDeclaration(2, ValueType.I32), new LocalDeclaration(1, ValueType.I64)], body.Locals);
        Assert.Equal(3u, body.TotalLocalCount);
        Assert.Equal(2, body.CodeLength);
        Assert.Equal([0x01, 0x0B], bytes.AsSpan(body.CodeOffset, body.CodeLength).ToArray());
    }

    [Fact]
    public void FunctionBody_WithoutFinalEnd_IsMalformed()
    {
        var code = Section(10, 0x01, 0x02, 0x00, 0x01);
        Assert.Equal("END opcode expected", Reason(Module(OneVoidType, OneFunction, code)));
    }

    [Fact]
    public void Locals_AboveTheLimit_AreTooMany()
    {
        var count = U32(ModuleDecoder.MaxLocals + 1);
        var code = Section(10, [0x01, (byte)(count.Length + 3), 0x01, .. count, 0x7F, 0x0B]);
        Assert.Equal("too many locals", Reason(Module(OneVoidType, OneFunction, code)));
    }

    [Fact]
    public void SectionsOutOfOrder_AreMalformed()
    {
        Assert.Equal("unexpected content after last section", Reason(Module(OneFunction, OneVoidType)));
        // The data count section sits between element and code, not in id order.
        Assert.Equal("unexpected content after last section",
            Reason(Module(OneVoidType, OneFunction, OneEmptyBody, Section(12, 0x00))));
    }

    [Fact]
    public void CustomSections_MayAppearAnywhere()
    {
        var module = ModuleDecoder.Decode(Module(
            Custom("a"), OneVoidType, Custom("b", 0x01), OneFunction, OneEmptyBody, Custom("c")));
        Assert.Equal(["a", "b", "c"], module.CustomSections.Select(c => c.Name));
        Assert.Equal([0x01], module.CustomSections[1].Content.ToArray());
    }

    [Fact]
    public void SectionSize_MustMatchContent() =>
        Assert.Equal("section size mismatch", Reason(Module(Section(3, 0x01, 0x00, 0x00))));

    [Fact]
    public void DataCount_MustMatchDataSection() =>
        Assert.Equal("data count and data section have inconsistent lengths", Reason(Module(Section(12, 0x01))));

    [Fact]
    public void HugeVectorCount_IsRejectedBeforeAllocating() =>
        Assert.Equal("length out of bounds", Reason(Module(Section(3, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F))));
}
