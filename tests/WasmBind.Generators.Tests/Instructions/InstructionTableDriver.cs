using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using WasmBind.InstructionGenerator;

namespace WasmBind.Generators.Tests.Instructions;

/// <summary>Runs <see cref="InstructionTableGenerator"/> over an in-memory table, as the WasmBind build does over its file.</summary>
internal static class InstructionTableDriver
{
    public sealed class TableText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    public static CSharpCompilation EmptyCompilation(string source = "namespace Demo { internal static class Unrelated { } }") =>
        CSharpCompilation.Create("InstructionTableTests", [CSharpSyntaxTree.ParseText(source, path: "Source0.cs")]);

    public static GeneratorDriver CreateDriver(AdditionalText table, bool trackSteps = false) => CSharpGeneratorDriver.Create(
        [new InstructionTableGenerator().AsSourceGenerator()],
        additionalTexts: ImmutableArray.Create(table),
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    public static GeneratorRunResult Run(string text)
    {
        var driver = CreateDriver(new TableText("Demo.table", text)).RunGenerators(EmptyCompilation());
        return driver.GetRunResult().Results.Single();
    }

    /// <summary>The generated file <paramref name="hintName"/> (Op.g.cs, Run.g.cs, Emit.g.cs, Printer.g.cs), line endings normalised.</summary>
    public static string Source(GeneratorRunResult result, string hintName) =>
        result.GeneratedSources.Single(s => s.HintName == hintName).SourceText.ToString().ReplaceLineEndings("\n");
}
