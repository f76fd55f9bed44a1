using System.Runtime.CompilerServices;
using WasmBind.Text;
using Xunit;

namespace WasmBind.Tests.Instructions;

/// <summary>
/// Pins what the translator makes of a few representative functions (Translations/*.wat), printed by the
/// disassembler generated from the instruction table, against checked-in text (Translations/*.expected.txt). A change
/// to the translator's fusions, slot assignment or branch patching shows up as a diff of that text. After an intended
/// change, rerun with WASMBIND_UPDATE_SNAPSHOTS=1 to rewrite the expected files, and review the diff.
/// </summary>
public sealed class TranslationTests
{
    [Theory]
    [InlineData("fused_branch")]
    [InlineData("tee_select")]
    [InlineData("loop_retarget")]
    [InlineData("call")]
    public void Translation_matches_the_checked_in_text(string name)
    {
        var directory = TranslationDirectory();
        var module = Module.FromBytes(new Engine(new EngineConfig { Tier = ExecutionTier.Interpreter }),
            WebAssemblyText.ToBinary(File.ReadAllText(Path.Combine(directory, name + ".wat"))));
        var actual = Disassemble(module);
        var expectedPath = Path.Combine(directory, name + ".expected.txt");
        if (Environment.GetEnvironmentVariable("WASMBIND_UPDATE_SNAPSHOTS") == "1") File.WriteAllText(expectedPath, actual);
        Assert.True(File.Exists(expectedPath), $"{expectedPath} is missing: run with WASMBIND_UPDATE_SNAPSHOTS=1 to create it");
        Assert.Equal(File.ReadAllText(expectedPath).ReplaceLineEndings("\n"), actual);
    }

    [Fact]
    public void Disassembling_an_import_or_an_index_past_the_functions_is_refused()
    {
        var module = Module.FromBytes(new Engine(), WebAssemblyText.ToBinary(
            "(module (import \"host\" \"f\" (func)) (func (export \"g\") call 0))"));
        Assert.Contains("Call 0, 0", module.DisassembleFunction(1), StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => module.DisassembleFunction(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => module.DisassembleFunction(2));
    }

    private static string Disassemble(Module module)
    {
        var output = new System.Text.StringBuilder();
        foreach (var function in module.GetFunctionTiers())
        {
            output.Append($"func[{function.FunctionIndex}] {function.Name}:\n");
            output.Append(module.DisassembleFunction(function.FunctionIndex));
        }
        return output.ToString();
    }

    private static string TranslationDirectory([CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "Translations");
}
