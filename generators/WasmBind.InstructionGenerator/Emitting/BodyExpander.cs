using System;
using System.Text;
using WasmBind.InstructionGenerator.Model;

namespace WasmBind.InstructionGenerator.Emitting;

/// <summary>
/// Turns a body written with named operands into the loop's C#: <c>$name</c> becomes the operand's slot or immediate
/// read through the code pointer, and the table's expansions (<c>$trap(Code)</c>, <c>$pc</c>, <c>$length</c>,
/// <c>$jump(index)</c>, <c>$next</c>, <c>$targets[i]</c>) become the loop's own expressions. Everything expands to the
/// same inline expressions the hand-written loop used, so the JIT sees no calls that were not there before.
/// </summary>
internal static class BodyExpander
{
    public static string Expand(string body, Instruction shape, string where)
    {
        var output = new StringBuilder(body.Length * 2);
        var i = 0;
        while (i < body.Length)
        {
            var c = body[i];
            if (c != '$')
            {
                output.Append(c);
                i++;
                continue;
            }
            var start = ++i;
            while (i < body.Length && (char.IsLetterOrDigit(body[i]) || body[i] == '_')) i++;
            var name = body.Substring(start, i - start);
            switch (name)
            {
                case "pc":
                    output.Append("Pc(code, ref ip)");
                    break;
                case "length":
                    output.Append(Length(shape, where));
                    break;
                case "next":
                    output.Append("ip = ref Unsafe.Add(ref ip, ").Append(Length(shape, where)).Append(')');
                    break;
                case "trap":
                    output.Append("ThrowTrap(TrapCode.").Append(Argument(body, ref i, '(', ')', where).Trim()).Append(", function, Pc(code, ref ip))");
                    break;
                case "jump":
                    output.Append("ip = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(code), ")
                        .Append(Expand(Argument(body, ref i, '(', ')', where), shape, where)).Append(')');
                    break;
                default:
                    output.Append(OperandExpression(body, ref i, name, shape, where));
                    break;
            }
        }
        return output.ToString();
    }

    private static string OperandExpression(string body, ref int i, string name, Instruction shape, string where)
    {
        foreach (var operand in shape.Operands)
        {
            if (operand.Name != name) continue;
            var word = $"Unsafe.Add(ref ip, {operand.Position})";
            return operand.Kind switch
            {
                OperandKind.Slot => $"Unsafe.Add(ref fp, {word})",
                OperandKind.Immediate or OperandKind.Target => word,
                OperandKind.Immediate64 => $"((ulong)(uint){word} | ((ulong)(uint)Unsafe.Add(ref ip, {operand.Position + 1}) << 32))",
                OperandKind.Targets => $"Unsafe.Add(ref ip, {operand.Position} + ({Expand(Argument(body, ref i, '[', ']', where), shape, where)}))",
                _ => throw new InvalidOperationException($"{where}: operand {name} ({operand.Kind}) cannot be read in a body"),
            };
        }
        throw new InvalidOperationException($"{where}: ${name} is neither an operand of {shape.Name} nor one of $trap, $pc, $length, $jump, $next");
    }

    private static string Length(Instruction shape, string where) =>
        shape.Length > 0
            ? shape.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"{where}: $length or $next in {shape.Name}, whose length varies");

    /// <summary>Reads a balanced <paramref name="open"/>…<paramref name="close"/> argument starting at <paramref name="i"/>.</summary>
    private static string Argument(string body, ref int i, char open, char close, string where)
    {
        if (i >= body.Length || body[i] != open) throw new InvalidOperationException($"{where}: expected '{open}' at offset {i}");
        var depth = 0;
        var start = i + 1;
        for (; i < body.Length; i++)
        {
            if (body[i] == open)
            {
                depth++;
            }
            else if (body[i] == close && --depth == 0)
            {
                i++;
                return body.Substring(start, i - 1 - start);
            }
        }
        throw new InvalidOperationException($"{where}: unbalanced '{open}'");
    }
}
