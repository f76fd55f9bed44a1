using System.Text;
using WasmBind.InstructionGenerator.Model;

namespace WasmBind.InstructionGenerator.Emitting;

/// <summary>
/// Writes the disassembler's per-instruction printer: the instruction's name, then its operands by kind (slots
/// <c>s3</c>, targets <c>@12</c>, immediates as numbers, 64-bit immediates in hex, vector instructions through the
/// SIMD printer). The hand-written part of the printer class walks a function and calls it.
/// </summary>
internal static class PrinterWriter
{
    public static string Write(InstructionTable table)
    {
        var (ns, type) = Names.Split(table.PrinterType);
        var output = new StringBuilder(Names.Header);
        output.Append("using System.Globalization;\nusing System.Text;\nusing ").Append(table.OpNamespace).Append(";\n\n");
        output.Append("namespace ").Append(ns).Append(";\n\n");
        output.Append("internal static partial class ").Append(type).Append("\n{\n");
        output.Append("    /// <summary>Prints the instruction at <paramref name=\"code\"/>[0]; returns its length in words, or 0 for an unknown opcode.</summary>\n");
        output.Append("    private static int PrintInstruction(ReadOnlySpan<int> code, StringBuilder output)\n    {\n");
        output.Append("        switch ((Op)code[0])\n        {\n");
        foreach (var instruction in table.Instructions)
        {
            output.Append("            case Op.").Append(instruction.Name).Append(":\n            {\n");
            if (instruction.Operands.Count > 0 && instruction.Operands[0].Kind == OperandKind.Simd)
            {
                output.Append("                return ").Append(table.SimdPrinter).Append("(code, output);\n            }\n");
                continue;
            }
            output.Append("                output.Append(\"").Append(instruction.Name).Append("\");\n");
            var variable = false;
            for (var i = 0; i < instruction.Operands.Count; i++)
            {
                var operand = instruction.Operands[i];
                output.Append("                output.Append(\"").Append(i == 0 ? " " : ", ").Append("\");\n");
                var p = operand.Position;
                switch (operand.Kind)
                {
                    case OperandKind.Slot:
                        output.Append("                output.Append('s').Append(code[").Append(p).Append("].ToString(CultureInfo.InvariantCulture));\n");
                        break;
                    case OperandKind.Target:
                        output.Append("                output.Append('@').Append(code[").Append(p).Append("].ToString(CultureInfo.InvariantCulture));\n");
                        break;
                    case OperandKind.Immediate64:
                        output.Append("                output.Append(\"0x\").Append(((ulong)(uint)code[").Append(p).Append("] | ((ulong)(uint)code[")
                            .Append(p + 1).Append("] << 32)).ToString(\"x\", CultureInfo.InvariantCulture));\n");
                        break;
                    case OperandKind.Targets:
                        variable = true;
                        output.Append("                var count = code[").Append(p - 1).Append("];\n");
                        output.Append("                output.Append('[');\n");
                        output.Append("                for (var i = 0; i <= count; i++) output.Append(i == 0 ? \"@\" : \" @\").Append(code[")
                            .Append(p).Append(" + i].ToString(CultureInfo.InvariantCulture));\n");
                        output.Append("                output.Append(']');\n");
                        output.Append("                return ").Append(p).Append(" + count + 1;\n");
                        break;
                    default:
                        output.Append("                output.Append(code[").Append(p).Append("].ToString(CultureInfo.InvariantCulture));\n");
                        break;
                }
            }
            if (!variable) output.Append("                return ").Append(instruction.Length).Append(";\n");
            output.Append("            }\n");
        }
        output.Append("            default:\n                return 0;\n        }\n    }\n}\n");
        return output.ToString();
    }
}
