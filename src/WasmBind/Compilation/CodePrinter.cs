using System.Globalization;
using System.Text;

namespace WasmBind.Compilation;

/// <summary>
/// Prints a function's translated code, one instruction a line (<c>  12: I32Add s3, s1, s2</c>): what the translator
/// made of the wasm, for engineers and for tests that pin a translation. Each instruction's text comes from the
/// instruction table (the generated <c>PrintInstruction</c>): its name, then its operands by kind.
/// </summary>
internal static partial class CodePrinter
{
    /// <summary>The code of <paramref name="function"/> as text, after a line with its frame layout.</summary>
    public static string Print(CompiledFunction function)
    {
        var output = new StringBuilder();
        output.Append(CultureInfo.InvariantCulture, $"; {function.LocalCount} local slots (parameters first), frame of {function.FrameSize} slots\n");
        var code = function.Code;
        var width = code.Length.ToString(CultureInfo.InvariantCulture).Length;
        var pc = 0;
        while (pc < code.Length)
        {
            output.Append(pc.ToString(CultureInfo.InvariantCulture).PadLeft(width + 2)).Append(": ");
            var length = PrintInstruction(code.AsSpan(pc), output);
            if (length <= 0 || pc + length > code.Length)
            {
                // Translated code is only ever produced by the translator, so this is a translator bug: say where.
                output.Append(CultureInfo.InvariantCulture, $"<unknown instruction word {code[pc]}>\n");
                break;
            }
            output.Append('\n');
            pc += length;
        }
        return output.ToString();
    }
}
