namespace WasmBind.Binary;

/// <summary>
/// A decoded (not yet validated) module: the binary format's sections as plain data.
/// Index spaces follow the spec: imports come first in each space, then the module's own definitions.
/// </summary>
internal sealed class ModuleDefinition
{
    /// <summary>The whole module binary; code bodies and data segments refer into it.</summary>
    public required ReadOnlyMemory<byte> Bytes { get; init; }

    public FunctionType[] Types { get; set; } = [];
    public ImportDefinition[] Imports { get; set; } = [];

    /// <summary>Type index of each function the module defines (function section), not counting imports.</summary>
    public uint[] FunctionTypeIndices { get; set; } = [];
    public TableType[] Tables { get; set; } = [];
    public MemoryType[] Memories { get; set; } = [];
    public GlobalDefinition[] Globals { get; set; } = [];
    public ExportDefinition[] Exports { get; set; } = [];
    public uint? StartFunction { get; set; }
    public ElementSegment[] Elements { get; set; } = [];
    public uint? DataCount { get; set; }
    public FunctionBody[] Bodies { get; set; } = [];
    public DataSegment[] Datas { get; set; } = [];
    public CustomSection[] CustomSections { get; set; } = [];
    public NameSection Names { get; set; } = new();

    // Counts of imports per kind, so index spaces can be computed without rescanning.
    public int ImportedFunctionCount { get; set; }
    public int ImportedTableCount { get; set; }
    public int ImportedMemoryCount { get; set; }
    public int ImportedGlobalCount { get; set; }

    public int TotalFunctionCount => ImportedFunctionCount + FunctionTypeIndices.Length;
    public int TotalTableCount => ImportedTableCount + Tables.Length;
    public int TotalMemoryCount => ImportedMemoryCount + Memories.Length;
    public int TotalGlobalCount => ImportedGlobalCount + Globals.Length;
}

internal sealed record class ImportDefinition(string Module, string Name, ExternKind Kind, long Offset)
{
    /// <summary>For a function import: its type index.</summary>
    public uint TypeIndex { get; init; }
    public TableType? Table { get; init; }
    public MemoryType? Memory { get; init; }
    public GlobalType? Global { get; init; }
}

internal sealed record class ExportDefinition(string Name, ExternKind Kind, uint Index, long Offset);

internal sealed record class GlobalDefinition(GlobalType Type, ConstantExpression Init);

/// <summary>
/// A constant expression (global initialisers, segment offsets, element items) as decoded instructions,
/// without the final <c>end</c>. Validated by the validator, evaluated at instantiation.
/// </summary>
internal sealed record class ConstantExpression(ConstantInstruction[] Instructions, long Offset);

/// <summary>
/// One instruction of a constant expression. <see cref="Opcode"/> is the instruction's opcode byte
/// (0x41 i32.const, 0x42 i64.const, 0x43 f32.const, 0x44 f64.const, 0x23 global.get, 0xD0 ref.null, 0xD2 ref.func,
/// or, for extended-const, 0x6A/0x6B/0x6C/0x7C/0x7D/0x7E). <see cref="Immediate"/> holds the constant's bits
/// (i32 sign-extended to 64 bits, floats as raw bits), the global or function index, or the ref.null type byte.
/// Prefixed instructions have <see cref="Opcode"/> 0xFC or 0xFD and their sub-opcode in <see cref="SubOpcode"/>;
/// <c>v128.const</c> (0xFD 12) keeps its low 64 bits in <see cref="Immediate"/> and its high 64 bits in <see cref="ImmediateHigh"/>.
/// Any other instruction is recorded with its opcode (and first immediate, if any) so the validator can reject it.
/// </summary>
internal readonly record struct ConstantInstruction(byte Opcode, ulong Immediate, long Offset)
{
    public uint SubOpcode { get; init; }
    public ulong ImmediateHigh { get; init; }
}

internal enum SegmentMode : byte { Active, Passive, Declarative }

internal sealed record class ElementSegment(
    SegmentMode Mode,
    uint TableIndex,
    ConstantExpression? OffsetExpression,
    ValueType ElementType,
    ConstantExpression[] Items,
    long Offset);

internal sealed record class DataSegment(
    SegmentMode Mode,
    uint MemoryIndex,
    ConstantExpression? OffsetExpression,
    ReadOnlyMemory<byte> Data,
    long Offset);

/// <summary>A function body: its local declarations and where its instructions lie in <see cref="ModuleDefinition.Bytes"/>.</summary>
/// <param name="Locals">Run-length local declarations as in the binary (count, type).</param>
/// <param name="TotalLocalCount">Sum of the counts (checked against a limit by the decoder).</param>
/// <param name="CodeOffset">Offset of the first instruction (after the locals) in the module.</param>
/// <param name="CodeLength">Bytes from <paramref name="CodeOffset"/> to the end of the body, including the final <c>end</c>.</param>
internal sealed record class FunctionBody(LocalDeclaration[] Locals, uint TotalLocalCount, int CodeOffset, int CodeLength);

internal readonly record struct LocalDeclaration(uint Count, ValueType Type);

internal sealed record class CustomSection(string Name, ReadOnlyMemory<byte> Content, long Offset);

/// <summary>The parts of the <c>name</c> custom section that traps and errors use. Absent names stay absent.</summary>
internal sealed class NameSection
{
    public string? ModuleName { get; set; }
    public Dictionary<uint, string> FunctionNames { get; } = new();
    public Dictionary<uint, Dictionary<uint, string>> LocalNames { get; } = new();
}
