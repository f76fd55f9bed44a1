using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using WasmBind.InstructionGenerator;
using Xunit;

namespace WasmBind.Generators.Tests.Instructions;

/// <summary>
/// The instruction generator: what it writes from a small table (each generated file's key parts, exactly), that a
/// table mistake fails with its line, that the real table generates cleanly, and that its pipeline caches.
/// </summary>
public sealed class InstructionTableGeneratorTests
{
    private const string Settings = """
        @namespace Demo.Instructions
        @interpreter Demo.Execution.Machine
        @translator Demo.Compilation.Translator
        @printer Demo.Compilation.Printer
        @simdprinter VectorPrinter.Print
        @usings System.Runtime.CompilerServices System.Runtime.InteropServices
        @run
        private bool Run()
        {
            switch ((Op)ip)
            {
                $cases
                default:
                    return false;
            }
        }
        @end

        """;

    private const string Table = Settings + """
        # Four instructions: straight, 64-bit immediate, branch (implicit value), trapping; and a shared body.
        /// Adds two slots.
        Add = 0x10 dst:slot a:slot b:slot
            $dst = $a + $b;
        Const = 0x20 dst:slot value:imm64
            $dst = $value;
        BrIfZero cond:slot target:target [branch]
            $cond == 0
        Div dst:slot a:slot b:slot
            if ($b == 0) $trap(DivideByZero);
            $dst = $a / $b;
        group Moves
            $dst = $src;
        MoveA = 0x30 dst:slot src:slot [group Moves]
        MoveB dst:slot src:slot [group Moves]
        Table = 0x40 index:slot count:imm targets:targets [control]
            $jump($targets[(int)$index]);
            continue;
        """;

    [Fact]
    public void The_enum_numbers_instructions_and_documents_their_operands()
    {
        var result = InstructionTableDriver.Run(Table);
        Assert.Null(result.Exception);
        var op = InstructionTableDriver.Source(result, "Op.g.cs");
        Assert.Contains("namespace Demo.Instructions;", op, StringComparison.Ordinal);
        Assert.Contains("""
                /// <summary>Adds two slots. Operands: dst (slot), a (slot), b (slot).</summary>
                Add = 0x10,
            """, op, StringComparison.Ordinal);
        Assert.Contains("    BrIfZero = 0x21,\n", op, StringComparison.Ordinal);
        Assert.Contains("    Div = 0x22,\n", op, StringComparison.Ordinal);
        Assert.Contains("    MoveB = 0x31,\n", op, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_gets_one_case_per_instruction_with_operands_read_through_the_code_pointer()
    {
        var run = InstructionTableDriver.Source(InstructionTableDriver.Run(Table), "Run.g.cs");
        Assert.Contains("using System.Runtime.CompilerServices;\nusing System.Runtime.InteropServices;\nusing Demo.Instructions;\n", run, StringComparison.Ordinal);
        Assert.Contains("internal sealed partial class Machine", run, StringComparison.Ordinal);
        Assert.Contains("""
                        case Op.Add:
                        {
                            Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) + Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3));
                            ip = ref Unsafe.Add(ref ip, 4);
                            continue;
                        }
                        case Op.Const:
                        {
                            Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = ((ulong)(uint)Unsafe.Add(ref ip, 2) | ((ulong)(uint)Unsafe.Add(ref ip, 3) << 32));
                            ip = ref Unsafe.Add(ref ip, 4);
                            continue;
                        }
                        case Op.BrIfZero:
                            if (Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) == 0)
                                ip = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(code), Unsafe.Add(ref ip, 2));
                            else
                                ip = ref Unsafe.Add(ref ip, 3);
                            continue;
                        case Op.Div:
                        {
                            if (Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3)) == 0) ThrowTrap(TrapCode.DivideByZero, function, Pc(code, ref ip));
                            Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2)) / Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3));
                            ip = ref Unsafe.Add(ref ip, 4);
                            continue;
                        }
                        case Op.MoveA:
                        case Op.MoveB:
                        {
                            Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)) = Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2));
                            ip = ref Unsafe.Add(ref ip, 3);
                            continue;
                        }
                        case Op.Table:
                        {
                            ip = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(code), Unsafe.Add(ref ip, 3 + ((int)Unsafe.Add(ref fp, Unsafe.Add(ref ip, 1)))));
                            continue;
                        }
                        default:
                            return false;
            """, run, StringComparison.Ordinal);
    }

    [Fact]
    public void The_translator_gets_a_typed_emit_method_per_fixed_length_instruction()
    {
        var emit = InstructionTableDriver.Source(InstructionTableDriver.Run(Table), "Emit.g.cs");
        Assert.Contains("""
                private void EmitConst(int dst, ulong value)
                {
                    EmitOp(Op.Const);
                    code.Add(dst);
                    code.Add((int)(uint)value);
                    code.Add((int)(uint)(value >> 32));
                }
            """, emit, StringComparison.Ordinal);
        Assert.Contains("    private void EmitBrIfZero(int cond, int target)\n", emit, StringComparison.Ordinal);
        Assert.Contains("""
                private void EmitBrIfZero(int cond, ref ControlFrame target)
                {
                    EmitOp(Op.BrIfZero);
                    code.Add(cond);
                    AddTarget(ref target);
                }
            """, emit, StringComparison.Ordinal);
        // br_table's length depends on its count: the translator writes it by hand.
        Assert.DoesNotContain("EmitTable(", emit, StringComparison.Ordinal);
    }

    [Fact]
    public void The_printer_prints_operands_by_kind()
    {
        var printer = InstructionTableDriver.Source(InstructionTableDriver.Run(Table), "Printer.g.cs");
        Assert.Contains("""
                        case Op.BrIfZero:
                        {
                            output.Append("BrIfZero");
                            output.Append(" ");
                            output.Append('s').Append(code[1].ToString(CultureInfo.InvariantCulture));
                            output.Append(", ");
                            output.Append('@').Append(code[2].ToString(CultureInfo.InvariantCulture));
                            return 3;
                        }
            """, printer, StringComparison.Ordinal);
        Assert.Contains("return 3 + count + 1;", printer, StringComparison.Ordinal);
        Assert.Contains("ToString(\"x\", CultureInfo.InvariantCulture)", printer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Bad = 0x10 dst:register\n    $dst = 0;\n", 18, "unknown operand kind 'register'")]
    [InlineData("A = 0x10 dst:slot\n    $dst = 0;\nB = 0x10 dst:slot\n    $dst = 1;\n", 20, "B has the value 0x10 of A")]
    [InlineData("A = 0x10 dst:slot\n", 18, "A has no body")]
    [InlineData("A = 0x10 dst:slot [branch]\n    $dst == 0\n", 18, "must end with a target operand")]
    public void A_table_mistake_fails_the_generator_with_the_line(string instructions, int line, string message)
    {
        var result = InstructionTableDriver.Run(Settings + instructions);
        var exception = Assert.IsType<InvalidOperationException>(result.Exception);
        Assert.Contains($"Demo.table({line}): ", exception.Message, StringComparison.Ordinal);
        Assert.Contains(message, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_body_naming_an_unknown_operand_or_a_group_reading_other_words_fails()
    {
        var unknown = InstructionTableDriver.Run(Settings + "A = 0x10 dst:slot\n    $dst = $src;\n");
        Assert.Contains("$src is neither an operand of A", Assert.IsType<InvalidOperationException>(unknown.Exception).Message, StringComparison.Ordinal);

        var group = InstructionTableDriver.Run(Settings + "group G\n    $dst = 0;\nA = 0x10 dst:slot [group G]\nB a:slot dst:slot [group G]\n");
        Assert.Contains("B is in group G", Assert.IsType<InvalidOperationException>(group.Exception).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_real_table_generates_without_error()
    {
        var text = File.ReadAllText(RealTablePath());
        var result = InstructionTableDriver.Run(text);
        Assert.Null(result.Exception);
        Assert.Equal(["Op.g.cs", "Run.g.cs", "Emit.g.cs", "Printer.g.cs"], result.GeneratedSources.Select(s => s.HintName));
        var op = InstructionTableDriver.Source(result, "Op.g.cs");
        // Values the compiled tier decodes: wasm numeric opcodes, the fused branches, the out-of-line block.
        Assert.Contains("    I32Add = 0x6A,\n", op, StringComparison.Ordinal);
        Assert.Contains("    BrIfI32Eq = 0x100,\n", op, StringComparison.Ordinal);
        Assert.Contains("    BrIfNez64 = 0x115,\n", op, StringComparison.Ordinal);
        Assert.Contains("    WideArithmetic = 0x184,\n", op, StringComparison.Ordinal);
        Assert.Contains("    I64TruncSatF64U = 0xE7,\n", op, StringComparison.Ordinal);
        // No slot access is left for a person to write: the only ones in Run are the generator's.
        Assert.DoesNotContain("Unsafe.Add(ref fp, Unsafe.Add(ref ip", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_edit_elsewhere_leaves_the_table_steps_cached_and_a_table_edit_regenerates()
    {
        var table = new InstructionTableDriver.TableText("Demo.table", Table);
        var compilation = InstructionTableDriver.EmptyCompilation();
        var driver = InstructionTableDriver.CreateDriver(table, trackSteps: true).RunGenerators(compilation);

        var edited = compilation.AddSyntaxTrees(Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("namespace Demo { internal sealed class Added { } }"));
        driver = driver.RunGenerators(edited);
        var result = driver.GetRunResult().Results.Single();
        foreach (var step in new[] { InstructionTableGenerator.TextStep, InstructionTableGenerator.ModelStep })
        {
            Assert.All(result.TrackedSteps[step].SelectMany(s => s.Outputs),
                output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
        }
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));

        // A comment-only edit changes the text but not the model: the outputs are not regenerated.
        var commented = new InstructionTableDriver.TableText("Demo.table", Table + "\n# a comment\n");
        driver = driver.ReplaceAdditionalText(table, commented).RunGenerators(edited);
        result = driver.GetRunResult().Results.Single();
        Assert.Equal(IncrementalStepRunReason.Modified, result.TrackedSteps[InstructionTableGenerator.TextStep].Single().Outputs.Single().Reason);
        Assert.Equal(IncrementalStepRunReason.Unchanged, result.TrackedSteps[InstructionTableGenerator.ModelStep].Single().Outputs.Single().Reason);
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));

        // A real edit regenerates.
        var changed = new InstructionTableDriver.TableText("Demo.table", Table.Replace("$dst = $a + $b;", "$dst = $b + $a;", StringComparison.Ordinal));
        driver = driver.ReplaceAdditionalText(commented, changed).RunGenerators(edited);
        result = driver.GetRunResult().Results.Single();
        Assert.Equal(IncrementalStepRunReason.Modified, result.TrackedSteps[InstructionTableGenerator.ModelStep].Single().Outputs.Single().Reason);
        Assert.Contains("Unsafe.Add(ref fp, Unsafe.Add(ref ip, 3)) + Unsafe.Add(ref fp, Unsafe.Add(ref ip, 2))",
            InstructionTableDriver.Source(result, "Run.g.cs"), StringComparison.Ordinal);
    }

    private static string RealTablePath([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "..", "src", "WasmBind", "Instructions", "Instructions.table"));
}
