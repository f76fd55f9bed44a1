using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using WasmBind.Generators.Model;
using WasmBind.InstructionGenerator.Model;

namespace WasmBind.InstructionGenerator.Parsing;

/// <summary>
/// Reads the instruction table. Line syntax (see the table's own header for the full description):
/// <c>@key value</c> settings, an <c>@run</c> … <c>@end</c> block (the loop around the cases), <c>group Name [flags]</c>
/// and <c>Name [= value] operand:kind ... [flags]</c> headers at column 0, each followed by its body indented by four
/// spaces; <c>///</c> lines document the next instruction; <c>#</c> lines are comments.
/// </summary>
internal static class TableParser
{
    private sealed class TableException(int line, string message) : Exception(message)
    {
        public int Line { get; } = line;
    }

    public static ParseResult Parse(string fileName, string text)
    {
        try
        {
            return new ParseResult(fileName, ParseTable(text), null, 0);
        }
        catch (TableException e)
        {
            return new ParseResult(fileName, null, e.Message, e.Line);
        }
    }

    private static InstructionTable ParseTable(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        string? run = null;
        var instructions = new List<Instruction>();
        var groups = new List<InstructionGroup>();
        var documentation = new List<string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var values = new Dictionary<int, string>();
        var nextValue = 0;
        var i = 0;
        while (i < lines.Length)
        {
            var line = lines[i];
            var lineNumber = i + 1;
            i++;
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith("#", StringComparison.Ordinal)) continue;
            if (trimmed.StartsWith("///", StringComparison.Ordinal))
            {
                documentation.Add(trimmed.Substring(3).Trim());
                continue;
            }
            if (char.IsWhiteSpace(line[0])) throw new TableException(lineNumber, "an indented line outside a body (bodies follow an instruction or group header)");
            if (trimmed == "@run")
            {
                var start = i;
                while (i < lines.Length && lines[i].Trim() != "@end") i++;
                if (i == lines.Length) throw new TableException(lineNumber, "@run without @end");
                run = string.Join("\n", lines, start, i - start);
                i++;
                continue;
            }
            if (trimmed.StartsWith("@", StringComparison.Ordinal))
            {
                var space = trimmed.IndexOf(' ');
                if (space < 0) throw new TableException(lineNumber, $"setting '{trimmed}' has no value");
                settings[trimmed.Substring(1, space - 1)] = trimmed.Substring(space + 1).Trim();
                continue;
            }
            var body = ReadBody(lines, ref i);
            var (head, flags) = SplitFlags(trimmed, lineNumber);
            var tokens = head.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
            if (tokens[0] == "group")
            {
                if (tokens.Length != 2) throw new TableException(lineNumber, "a group header is 'group Name [flags]'");
                var (form, group) = ReadFlags(flags, lineNumber);
                if (group is not null) throw new TableException(lineNumber, "a group cannot belong to a group");
                if (body.Length == 0) throw new TableException(lineNumber, $"group {tokens[1]} has no body");
                groups.Add(new InstructionGroup(tokens[1], form, body, lineNumber));
                documentation.Clear();
                continue;
            }
            instructions.Add(ReadInstruction(tokens, flags, body, documentation, lineNumber, ref nextValue, names, values));
            documentation.Clear();
        }

        if (run is null) throw new TableException(lines.Length, "the table has no @run block (the interpreter loop around the cases)");
        if (!run.Contains("$cases")) throw new TableException(lines.Length, "the @run block has no $cases line");
        foreach (var instruction in instructions)
        {
            if (instruction.Group is { } name && !groups.Exists(g => g.Name == name))
                throw new TableException(instruction.Line, $"{instruction.Name} names an unknown group {name}");
        }
        return new InstructionTable(
            Setting(settings, "namespace", lines.Length),
            Setting(settings, "interpreter", lines.Length),
            Setting(settings, "translator", lines.Length),
            Setting(settings, "printer", lines.Length),
            Setting(settings, "simdprinter", lines.Length),
            Setting(settings, "usings", lines.Length),
            run,
            new EquatableArray<Instruction>(instructions),
            new EquatableArray<InstructionGroup>(groups));
    }

    private static string Setting(Dictionary<string, string> settings, string key, int line) =>
        settings.TryGetValue(key, out var value) ? value : throw new TableException(line, $"the table has no @{key} setting");

    private static string ReadBody(string[] lines, ref int i)
    {
        var body = new StringBuilder();
        var pendingBlank = 0;
        while (i < lines.Length)
        {
            var line = lines[i];
            if (line.Trim().Length == 0)
            {
                pendingBlank++;
                i++;
                continue;
            }
            if (!line.StartsWith("    ", StringComparison.Ordinal)) break;
            if (line.TrimStart().StartsWith("#", StringComparison.Ordinal)) { i++; continue; }
            for (; pendingBlank > 0 && body.Length > 0; pendingBlank--) body.Append('\n');
            pendingBlank = 0;
            if (body.Length > 0) body.Append('\n');
            body.Append(line.Substring(4).TrimEnd());
            i++;
        }
        return body.ToString();
    }

    private static (string Head, string Flags) SplitFlags(string header, int line)
    {
        var open = header.IndexOf('[');
        if (open < 0) return (header, "");
        if (!header.EndsWith("]", StringComparison.Ordinal)) throw new TableException(line, "flags are written last, in one [...]");
        return (header.Substring(0, open).Trim(), header.Substring(open + 1, header.Length - open - 2));
    }

    private static (InstructionForm Form, string? Group) ReadFlags(string flags, int line)
    {
        var form = InstructionForm.Straight;
        string? group = null;
        foreach (var raw in flags.Split(','))
        {
            var flag = raw.Trim();
            if (flag.Length == 0) continue;
            if (flag == "control") form = InstructionForm.Control;
            else if (flag == "branch") form = InstructionForm.Branch;
            else if (flag == "outofline") form = InstructionForm.OutOfLine;
            else if (flag.StartsWith("group ", StringComparison.Ordinal)) group = flag.Substring(6).Trim();
            else throw new TableException(line, $"unknown flag '{flag}' (control, branch, outofline, group Name)");
        }
        return (form, group);
    }

    private static Instruction ReadInstruction(
        string[] tokens, string flags, string body, List<string> documentation, int line,
        ref int nextValue, HashSet<string> names, Dictionary<int, string> values)
    {
        var name = tokens[0];
        if (!IsIdentifier(name)) throw new TableException(line, $"'{name}' is not an instruction name");
        if (!names.Add(name)) throw new TableException(line, $"{name} is defined twice");
        var k = 1;
        var value = nextValue;
        if (k < tokens.Length && tokens[k] == "=")
        {
            if (k + 1 >= tokens.Length) throw new TableException(line, "'=' without a value");
            value = ParseNumber(tokens[k + 1], line);
            k += 2;
        }
        if (values.TryGetValue(value, out var other)) throw new TableException(line, $"{name} has the value 0x{value:x} of {other}");
        values[value] = name;
        nextValue = value + 1;

        var operands = new List<Operand>();
        var position = 1;
        for (; k < tokens.Length; k++)
        {
            var colon = tokens[k].IndexOf(':');
            if (colon <= 0) throw new TableException(line, $"operand '{tokens[k]}' is not name:kind");
            var operandName = tokens[k].Substring(0, colon);
            if (!IsIdentifier(operandName) || Array.IndexOf(ReservedNames, operandName) >= 0)
                throw new TableException(line, $"'{operandName}' cannot name an operand");
            if (operands.Exists(o => o.Name == operandName)) throw new TableException(line, $"operand {operandName} appears twice");
            if (position < 0) throw new TableException(line, "nothing can follow a variable-length operand");
            var kind = tokens[k].Substring(colon + 1) switch
            {
                "slot" => OperandKind.Slot,
                "imm" => OperandKind.Immediate,
                "target" => OperandKind.Target,
                "imm64" => OperandKind.Immediate64,
                "targets" => OperandKind.Targets,
                "simd" => OperandKind.Simd,
                var unknown => throw new TableException(line, $"unknown operand kind '{unknown}' (slot, imm, target, imm64, targets, simd)"),
            };
            if (kind == OperandKind.Targets && (operands.Count == 0 || operands[operands.Count - 1].Kind != OperandKind.Immediate))
                throw new TableException(line, "a targets operand follows the imm that counts them");
            var operand = new Operand(operandName, kind, position);
            operands.Add(operand);
            position = operand.Width == 0 ? -1 : position + operand.Width;
        }

        var (form, group) = ReadFlags(flags, line);
        if (group is not null && body.Length > 0) throw new TableException(line, $"{name} belongs to group {group} and so has no body of its own");
        if (group is null && form != InstructionForm.OutOfLine && body.Length == 0) throw new TableException(line, $"{name} has no body");
        if (form == InstructionForm.OutOfLine && body.Length > 0) throw new TableException(line, $"{name} runs out of line and so has no body");
        if (form == InstructionForm.Branch && (operands.Count == 0 || operands[operands.Count - 1].Kind != OperandKind.Target))
            throw new TableException(line, $"branch {name} must end with a target operand");
        if (position < 0 && form is InstructionForm.Straight or InstructionForm.Branch)
            throw new TableException(line, $"{name} has a variable length, so its body must be [control]");
        return new Instruction(name, value, new EquatableArray<Operand>(operands), form, group, body,
            new EquatableArray<string>(documentation), line);
    }

    /// <summary>Names that bodies use for the table's own expansions.</summary>
    internal static readonly string[] ReservedNames = ["trap", "pc", "length", "jump", "next", "cases"];

    private static int ParseNumber(string text, int line)
    {
        var ok = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? int.TryParse(text.Substring(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value)
            : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        return ok ? value : throw new TableException(line, $"'{text}' is not a number");
    }

    private static bool IsIdentifier(string text)
    {
        if (text.Length == 0 || !(char.IsLetter(text[0]) || text[0] == '_')) return false;
        foreach (var c in text)
        {
            if (!(char.IsLetterOrDigit(c) || c == '_')) return false;
        }
        return true;
    }
}
