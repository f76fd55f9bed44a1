using System;
using System.IO;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using WasmBind.InstructionGenerator.Emitting;
using WasmBind.InstructionGenerator.Model;
using WasmBind.InstructionGenerator.Parsing;

namespace WasmBind.InstructionGenerator;

/// <summary>
/// Generates the interpreter's instruction set from its one definition, the table file (an AdditionalFiles item whose
/// name ends in <c>.table</c>): the <c>Op</c> enum, the translator's typed emit methods, the interpreter's <c>Run</c>
/// loop and the disassembler's instruction printer. A table error fails the build with the table's line number
/// (the generator's exception is reported as CS8785, an error under TreatWarningsAsErrors).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class InstructionTableGenerator : IIncrementalGenerator
{
    /// <summary>Step names, for tests of incrementality.</summary>
    public const string TextStep = "InstructionTableText";

    /// <summary>The step that parses the table into its value-equal model.</summary>
    public const string ModelStep = "InstructionTableModel";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var tables = context.AdditionalTextsProvider
            .Where(static file => file.Path.EndsWith(".table", StringComparison.OrdinalIgnoreCase))
            .Select(static (file, token) => (Name: Path.GetFileName(file.Path), Text: file.GetText(token)?.ToString() ?? ""))
            .WithTrackingName(TextStep)
            .Select(static (input, _) => TableParser.Parse(input.Name, input.Text))
            .WithTrackingName(ModelStep);
        context.RegisterSourceOutput(tables, static (production, result) => Produce(production, result));
    }

    private static void Produce(SourceProductionContext production, ParseResult result)
    {
        if (result.Table is not { } table)
            throw new InvalidOperationException($"{result.FileName}({result.ErrorLine}): {result.Error}");
        try
        {
            production.AddSource("Op.g.cs", SourceText.From(OpEnumWriter.Write(table), System.Text.Encoding.UTF8));
            production.AddSource("Run.g.cs", SourceText.From(RunWriter.Write(table), System.Text.Encoding.UTF8));
            production.AddSource("Emit.g.cs", SourceText.From(EmitMethodsWriter.Write(table), System.Text.Encoding.UTF8));
            production.AddSource("Printer.g.cs", SourceText.From(PrinterWriter.Write(table), System.Text.Encoding.UTF8));
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException($"{result.FileName}: {e.Message}", e);
        }
    }
}
