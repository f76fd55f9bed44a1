using System.Linq;
using System.Text;
using WasmBind.InstructionGenerator.Model;

namespace WasmBind.InstructionGenerator.Emitting;

/// <summary>
/// Writes the translator's typed emit methods: <c>EmitI32Add(int dst, int a, int b)</c> for every fixed-length
/// instruction. They rely on the translator's <c>EmitOp(Op)</c> (source map, fusion state), its <c>code</c> list, and,
/// for an instruction that ends with a target, <c>AddTarget(ref ControlFrame)</c> (a second overload takes the label).
/// </summary>
internal static class EmitMethodsWriter
{
    public static string Write(InstructionTable table)
    {
        var (ns, type) = Names.Split(table.TranslatorType);
        var output = new StringBuilder(Names.Header);
        output.Append("using ").Append(table.OpNamespace).Append(";\n\n");
        output.Append("namespace ").Append(ns).Append(";\n\n");
        output.Append("internal sealed partial class ").Append(type).Append("\n{\n");
        foreach (var instruction in table.Instructions)
        {
            if (instruction.Length < 0) continue;
            Append(output, instruction, labelTarget: false);
            var last = instruction.Operands.Count > 0 ? instruction.Operands[instruction.Operands.Count - 1] : null;
            if (last is { Kind: OperandKind.Target }) Append(output, instruction, labelTarget: true);
        }
        output.Append("}\n");
        return output.ToString();
    }

    private static void Append(StringBuilder output, Instruction instruction, bool labelTarget)
    {
        var last = instruction.Operands.Count - 1;
        var parameters = instruction.Operands.Select((o, i) =>
            labelTarget && i == last ? "ref ControlFrame " + Names.Parameter(o.Name)
            : (o.Kind == OperandKind.Immediate64 ? "ulong " : "int ") + Names.Parameter(o.Name));
        output.Append("    /// <summary>Emits <see cref=\"Op.").Append(instruction.Name).Append("\"/>: ")
            .Append(Names.Escape(Names.Layout(instruction)))
            .Append(labelTarget ? "; the target is the label of the given control frame." : ".").Append("</summary>\n");
        output.Append("    private void Emit").Append(instruction.Name).Append('(').Append(string.Join(", ", parameters)).Append(")\n    {\n");
        output.Append("        EmitOp(Op.").Append(instruction.Name).Append(");\n");
        for (var i = 0; i < instruction.Operands.Count; i++)
        {
            var operand = instruction.Operands[i];
            var name = Names.Parameter(operand.Name);
            if (labelTarget && i == last)
            {
                output.Append("        AddTarget(ref ").Append(name).Append(");\n");
            }
            else if (operand.Kind == OperandKind.Immediate64)
            {
                output.Append("        code.Add((int)(uint)").Append(name).Append(");\n");
                output.Append("        code.Add((int)(uint)(").Append(name).Append(" >> 32));\n");
            }
            else
            {
                output.Append("        code.Add(").Append(name).Append(");\n");
            }
        }
        output.Append("    }\n\n");
    }
}
