using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using WasmBind.InstructionGenerator.Model;

namespace WasmBind.InstructionGenerator.Emitting;

/// <summary>
/// Writes the interpreter's <c>Run</c> method: the table's <c>@run</c> block with its <c>$cases</c> line replaced by
/// one <c>case</c> per instruction (one per group, with a label for each member).
/// </summary>
internal static class RunWriter
{
    public static string Write(InstructionTable table)
    {
        var (ns, type) = Names.Split(table.InterpreterType);
        var output = new StringBuilder(Names.Header);
        foreach (var name in table.RunUsings.Split(new[] { ' ' }, System.StringSplitOptions.RemoveEmptyEntries))
        {
            output.Append("using ").Append(name).Append(";\n");
        }
        output.Append("using ").Append(table.OpNamespace).Append(";\n\n");
        output.Append("namespace ").Append(ns).Append(";\n\n");
        output.Append("internal sealed partial class ").Append(type).Append("\n{\n");
        foreach (var line in table.RunMethod.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed == "$cases")
            {
                var indent = line.Substring(0, line.IndexOf('$'));
                output.Append(Cases(table, "    " + indent));
            }
            else if (line.Length == 0)
            {
                output.Append('\n');
            }
            else
            {
                output.Append("    ").Append(line).Append('\n');
            }
        }
        output.Append("}\n");
        return output.ToString();
    }

    private static string Cases(InstructionTable table, string indent)
    {
        var output = new StringBuilder();
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var instruction in table.Instructions)
        {
            if (instruction.Form == InstructionForm.OutOfLine) continue;
            if (instruction.Group is { } groupName)
            {
                if (!written.Add(groupName)) continue;
                var group = table.Groups.First(g => g.Name == groupName);
                var members = table.Instructions.Where(m => m.Group == groupName).ToList();
                var shared = BodyExpander.Expand(group.Body, instruction, $"line {group.Line}");
                foreach (var member in members)
                {
                    // One body serves every member only if it reads each member's operands from the same words.
                    if (BodyExpander.Expand(group.Body, member, $"line {group.Line}") != shared
                        || (group.Form != InstructionForm.Control && member.Length != instruction.Length))
                    {
                        throw new InvalidOperationException($"line {member.Line}: {member.Name} is in group {groupName}, whose body reads its operands from other words than {instruction.Name}'s");
                    }
                    output.Append(indent).Append("case Op.").Append(member.Name).Append(":\n");
                }
                AppendBody(output, group.Form, group.Body, instruction, $"line {group.Line} (group {groupName})", indent);
                continue;
            }
            output.Append(indent).Append("case Op.").Append(instruction.Name).Append(":\n");
            AppendBody(output, instruction.Form, instruction.Body, instruction, $"line {instruction.Line} ({instruction.Name})", indent);
        }
        return output.ToString();
    }

    private static void AppendBody(StringBuilder output, InstructionForm form, string body, Instruction shape, string where, string indent)
    {
        var expanded = BodyExpander.Expand(body, shape, where);
        var inner = indent + "    ";
        switch (form)
        {
            case InstructionForm.Branch:
                var target = shape.Operands[shape.Operands.Count - 1];
                output.Append(inner).Append("if (").Append(expanded.Trim()).Append(")\n");
                output.Append(inner).Append("    ip = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(code), Unsafe.Add(ref ip, ")
                    .Append(target.Position).Append("));\n");
                output.Append(inner).Append("else\n");
                output.Append(inner).Append("    ip = ref Unsafe.Add(ref ip, ").Append(shape.Length).Append(");\n");
                output.Append(inner).Append("continue;\n");
                break;
            case InstructionForm.Control:
                output.Append(indent).Append("{\n");
                Names.AppendIndented(output, expanded, inner);
                output.Append(indent).Append("}\n");
                break;
            default:
                output.Append(indent).Append("{\n");
                Names.AppendIndented(output, expanded, inner);
                output.Append(inner).Append("ip = ref Unsafe.Add(ref ip, ").Append(shape.Length).Append(");\n");
                output.Append(inner).Append("continue;\n");
                output.Append(indent).Append("}\n");
                break;
        }
    }
}
