using WasmBind.Binary;
using WasmBind.Compilation;
using WasmBind.Jit;
using WasmBind.Validation;

namespace WasmBind;

/// <summary>
/// A decoded, validated and translated WebAssembly module. Immutable and thread-safe: compile once,
/// instantiate in any number of stores.
/// </summary>
public sealed class Module
{
    private Module(Engine engine, ModuleDefinition definition, FunctionTable functions, int[] typeIds)
    {
        Engine = engine;
        Definition = definition;
        Functions = functions;
        TypeIds = typeIds;
        Imports = definition.Imports.Select(i => new ImportType(i.Module, i.Name, ImportTypeOf(definition, i))).ToArray();
        Exports = definition.Exports.Select(e => new ExportType(e.Name, ExportTypeOf(definition, e))).ToArray();
    }

    /// <summary>The engine the module was compiled for.</summary>
    public Engine Engine { get; }

    /// <summary>The module's name from its name section, if it has one.</summary>
    public string? Name => Definition.Names.ModuleName;

    /// <summary>What the module imports, in declaration order.</summary>
    public IReadOnlyList<ImportType> Imports { get; }

    /// <summary>What the module exports, in declaration order.</summary>
    public IReadOnlyList<ExportType> Exports { get; }

    internal ModuleDefinition Definition { get; }

    /// <summary>Translated bodies of the functions the module defines (not imports), in definition order.</summary>
    internal FunctionTable Functions { get; }

    /// <summary>The engine's canonical id of each type in the type section.</summary>
    internal int[] TypeIds { get; }

    /// <summary>
    /// Which tier runs each function the module defines (see <see cref="EngineConfig.Tier"/>), and why a function
    /// stays interpreted when the compiled tier does not handle one of its instructions.
    /// </summary>
    public IReadOnlyList<FunctionTierInfo> GetFunctionTiers()
    {
        var imported = Definition.ImportedFunctionCount;
        var tiers = new FunctionTierInfo[Functions.Count];
        for (var i = 0; i < tiers.Length; i++)
        {
            var code = Functions[i];
            tiers[i] = new FunctionTierInfo(imported + i, FunctionName(imported + i), code.CompiledBody is not null, code.NotCompiledReason);
        }
        return tiers;
    }

    /// <summary>
    /// The interpreter code the translator made of function <paramref name="functionIndex"/>, as text: one instruction
    /// a line with its code index, name and operands (slots <c>s3</c>, branch targets <c>@12</c>, constants). For
    /// diagnostics (<c>wasmbind inspect --code</c>); the format follows the interpreter's instruction set and may change.
    /// </summary>
    /// <param name="functionIndex">An index in the module's function index space (imported functions first).</param>
    /// <exception cref="ArgumentOutOfRangeException">The index is out of range, or names an imported function, which has no code.</exception>
    public string DisassembleFunction(int functionIndex)
    {
        var imported = Definition.ImportedFunctionCount;
        if (functionIndex < imported || functionIndex - imported >= Functions.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(functionIndex), functionIndex,
                $"the module defines functions {imported}..{imported + Functions.Count - 1} (indices below {imported} are imports, which have no code)");
        }
        return CodePrinter.Print(Functions[functionIndex - imported]);
    }

    /// <summary>Decodes, validates and translates a module binary.</summary>
    /// <exception cref="MalformedModuleException">The bytes are not a well-formed module.</exception>
    /// <exception cref="InvalidModuleException">The module is well-formed but invalid.</exception>
    public static Module FromBytes(Engine engine, ReadOnlySpan<byte> bytes) => FromBytes(engine, bytes.ToArray());

    /// <summary>Decodes, validates and translates a module binary. The array must not be modified afterwards.</summary>
    /// <exception cref="MalformedModuleException">The bytes are not a well-formed module.</exception>
    /// <exception cref="InvalidModuleException">The module is well-formed but invalid.</exception>
    public static Module FromBytes(Engine engine, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(bytes);
        var definition = ModuleDecoder.Decode(bytes, engine.Config.Features);
        var functions = ModuleCompiler.ValidateAndCompile(engine, definition);
        var typeIds = definition.Types.Select(engine.Types.GetId).ToArray();
        var module = new Module(engine, definition, functions, typeIds);
        if (engine.Config.Tier == ExecutionTier.Compiled) TierUp.CompileAll(module);
        return module;
    }

    /// <summary>
    /// Parses, validates and translates a module in the WebAssembly text format: one <c>(module ...)</c>, or its
    /// fields without the wrapper. The text is converted to the binary format first (see <see cref="Text.WebAssemblyText"/>).
    /// </summary>
    /// <exception cref="Text.MalformedTextException">The text is not a well-formed module (with its line and column).</exception>
    /// <exception cref="MalformedModuleException">The encoded module breaks a binary-format limit.</exception>
    /// <exception cref="InvalidModuleException">The module is well-formed but invalid.</exception>
    public static Module FromText(Engine engine, string text)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(text);
        return FromBytes(engine, Text.WatModuleEncoder.EncodeText(text, WideTextNumbers(engine)));
    }

    /// <summary>
    /// Reads, decodes, validates and translates a module file: the text format when the name ends in <c>.wat</c>
    /// (any case), else the binary format.
    /// </summary>
    /// <exception cref="MalformedModuleException">The file is not a well-formed module (for text, a <see cref="Text.MalformedTextException"/>).</exception>
    /// <exception cref="InvalidModuleException">The module is well-formed but invalid.</exception>
    public static Module FromFile(Engine engine, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var bytes = File.ReadAllBytes(path);
        ArgumentNullException.ThrowIfNull(engine);
        return IsTextFile(path)
            ? FromBytes(engine, Text.WatModuleEncoder.EncodeText(Text.WebAssemblyText.DecodeUtf8(bytes), WideTextNumbers(engine)))
            : FromBytes(engine, bytes);
    }

    /// <summary>Text reads limits and offsets as 64-bit numbers (3.0) when the engine has memory64, else by 2.0's rules.</summary>
    private static bool WideTextNumbers(Engine engine) => (engine.Config.Features & WasmFeatures.Memory64) != 0;

    /// <summary>Whether <paramref name="path"/> names a text-format module (<c>.wat</c>), which <see cref="FromFile"/> parses as text.</summary>
    public static bool IsTextFile(string path) => path.EndsWith(".wat", StringComparison.OrdinalIgnoreCase);

    /// <summary>Checks that <paramref name="bytes"/> are a valid module, throwing the reason if not.</summary>
    /// <exception cref="MalformedModuleException">The bytes are not a well-formed module.</exception>
    /// <exception cref="InvalidModuleException">The module is well-formed but invalid.</exception>
    public static void Validate(Engine engine, ReadOnlySpan<byte> bytes) => FromBytes(engine, bytes);

    /// <summary>The type of function <paramref name="index"/> in the module's function index space.</summary>
    internal FunctionType FunctionTypeAt(int index) => Definition.Types[FunctionTypeIndexAt(index)];

    internal int FunctionTypeIndexAt(int index)
    {
        var imported = Definition.ImportedFunctionCount;
        if (index < imported)
        {
            var seen = 0;
            foreach (var import in Definition.Imports)
            {
                if (import.Kind != ExternKind.Function) continue;
                if (seen++ == index) return (int)import.TypeIndex;
            }
        }
        return (int)Definition.FunctionTypeIndices[index - imported];
    }

    /// <summary>The name of function <paramref name="index"/> for diagnostics: from the name section, else its first export name, else null.</summary>
    internal string? FunctionName(int index)
    {
        if (Definition.Names.FunctionNames.TryGetValue((uint)index, out var name)) return name;
        foreach (var export in Definition.Exports)
        {
            if (export.Kind == ExternKind.Function && export.Index == (uint)index) return export.Name;
        }
        return null;
    }

    /// <summary>A human name for function <paramref name="index"/>: its name-section name, else <c>func[index]</c>.</summary>
    internal string DescribeFunction(int index) =>
        Definition.Names.FunctionNames.TryGetValue((uint)index, out var name) ? name : $"func[{index}]";

    private static ExternType ImportTypeOf(ModuleDefinition definition, ImportDefinition import) => import.Kind switch
    {
        ExternKind.Function => definition.Types[import.TypeIndex],
        ExternKind.Table => import.Table!,
        ExternKind.Memory => import.Memory!,
        _ => import.Global!,
    };

    private ExternType ExportTypeOf(ModuleDefinition definition, ExportDefinition export)
    {
        var index = (int)export.Index;
        return export.Kind switch
        {
            ExternKind.Function => FunctionTypeAt(index),
            ExternKind.Table => index < definition.ImportedTableCount
                ? definition.Imports.Where(i => i.Kind == ExternKind.Table).ElementAt(index).Table!
                : definition.Tables[index - definition.ImportedTableCount],
            ExternKind.Memory => index < definition.ImportedMemoryCount
                ? definition.Imports.Where(i => i.Kind == ExternKind.Memory).ElementAt(index).Memory!
                : definition.Memories[index - definition.ImportedMemoryCount],
            _ => index < definition.ImportedGlobalCount
                ? definition.Imports.Where(i => i.Kind == ExternKind.Global).ElementAt(index).Global!
                : definition.Globals[index - definition.ImportedGlobalCount].Type,
        };
    }
}
