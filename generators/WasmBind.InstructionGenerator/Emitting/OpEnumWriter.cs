using System.Text;
using WasmBind.InstructionGenerator.Model;

namespace WasmBind.InstructionGenerator.Emitting;

/// <summary>Writes the <c>Op</c> enum: one member per instruction, its value and operand layout in its documentation.</summary>
internal static class OpEnumWriter
{
    public static string Write(InstructionTable table)
    {
        var output = new StringBuilder(Names.Header);
        output.Append("\nnamespace ").Append(table.OpNamespace).Append(";\n\n");
        output.Append("/// <summary>\n/// The interpreter's instructions, generated from the instruction table. Every operand is a 32-bit word after the\n");
        output.Append("/// opcode word: a frame-relative slot index, an immediate, or a code index (branch target).\n/// </summary>\n");
        output.Append("internal enum Op\n{\n");
        foreach (var instruction in table.Instructions)
        {
            output.Append("    /// <summary>");
            foreach (var line in instruction.Documentation) output.Append(line).Append(' ');
            output.Append("Operands: ").Append(Names.Escape(Names.Layout(instruction))).Append(".</summary>\n");
            output.Append("    ").Append(instruction.Name).Append(" = 0x").Append(instruction.Value.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)).Append(",\n");
        }
        output.Append("}\n");
        return output.ToString();
    }
}
