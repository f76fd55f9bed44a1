using WasmBind.Generators.Model;

namespace WasmBind.InstructionGenerator.Model;

/// <summary>How one operand word (or pair, or run) of an instruction is read and printed.</summary>
internal enum OperandKind
{
    /// <summary>A frame-relative slot index: the body reads or writes the 64-bit slot itself.</summary>
    Slot,
    /// <summary>A 32-bit immediate (an index into the instance, an offset, a count).</summary>
    Immediate,
    /// <summary>A code index that a branch jumps to.</summary>
    Target,
    /// <summary>Two words, low then high, of a 64-bit immediate.</summary>
    Immediate64,
    /// <summary>count + 1 targets, count being the immediate before them (br_table).</summary>
    Targets,
    /// <summary>A vector opcode and the operands its shape lays out (printed by the SIMD printer).</summary>
    Simd,
}

/// <summary>What the generated <c>case</c> does around an instruction's body.</summary>
internal enum InstructionForm
{
    /// <summary>The body runs, then the code pointer moves past the instruction.</summary>
    Straight,
    /// <summary>The body is a condition: jump to the target operand when it holds, else fall through.</summary>
    Branch,
    /// <summary>The body moves the code pointer itself and ends in <c>continue</c>, <c>goto</c> or <c>return</c>.</summary>
    Control,
    /// <summary>No case of its own: the loop's <c>default</c> runs it (instructions numbered 0x180 and up).</summary>
    OutOfLine,
}

/// <summary>One operand: its name in bodies and emit methods, its kind and its word position after the opcode.</summary>
internal sealed record Operand(string Name, OperandKind Kind, int Position)
{
    /// <summary>Words the operand takes; 0 for a run whose length is known only at run time.</summary>
    public int Width => Kind switch
    {
        OperandKind.Immediate64 => 2,
        OperandKind.Targets or OperandKind.Simd => 0,
        _ => 1,
    };
}

/// <summary>One interpreter instruction of the table.</summary>
internal sealed record Instruction(
    string Name,
    int Value,
    EquatableArray<Operand> Operands,
    InstructionForm Form,
    string? Group,
    string Body,
    EquatableArray<string> Documentation,
    int Line)
{
    /// <summary>Length in words (opcode included), or -1 when it depends on the operands.</summary>
    public int Length
    {
        get
        {
            var length = 1;
            foreach (var operand in Operands)
            {
                if (operand.Width == 0) return -1;
                length += operand.Width;
            }
            return length;
        }
    }
}

/// <summary>A body shared by several instructions: one <c>case</c> with a label for each.</summary>
internal sealed record InstructionGroup(string Name, InstructionForm Form, string Body, int Line);

/// <summary>The parsed table: where the generated members go, the loop around the cases, and the instructions.</summary>
internal sealed record InstructionTable(
    string OpNamespace,
    string InterpreterType,
    string TranslatorType,
    string PrinterType,
    string SimdPrinter,
    string RunUsings,
    string RunMethod,
    EquatableArray<Instruction> Instructions,
    EquatableArray<InstructionGroup> Groups);

/// <summary>The result of reading a table: the table, or the first error with its line.</summary>
internal sealed record ParseResult(string FileName, InstructionTable? Table, string? Error, int ErrorLine);
