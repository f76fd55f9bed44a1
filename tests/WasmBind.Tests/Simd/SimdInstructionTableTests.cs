using System.Runtime.Intrinsics;
using System.Text;
using System.Text.RegularExpressions;
using WasmBind.Binary;
using WasmBind.Compilation;
using WasmBind.Execution;
using WasmBind.Instructions;
using WasmBind.Runtime;
using WasmBind.Tests.Spec;
using Xunit;

namespace WasmBind.Tests.Simd;

/// <summary>The one SIMD table and everything that reads it agree: names, shapes, semantics, the printer.</summary>
public sealed partial class SimdInstructionTableTests
{
    [Fact]
    public void The_table_has_every_simd_and_relaxed_simd_opcode_once()
    {
        var wasm = SimdInstructions.All.ToArray().Where(r => r.Opcode < SimdOpcode.V128Copy).ToArray();

        // Wasm 2.0 defines 236 vector instructions in 0x00..0xFF (20 gaps); relaxed SIMD 20 in 0x100..0x113.
        Assert.Equal(236, wasm.Count(r => !r.IsRelaxed));
        Assert.Equal(20, wasm.Count(r => r.IsRelaxed));
        Assert.Equal(wasm.Length, wasm.Select(r => r.Opcode).Distinct().Count());
        foreach (var row in wasm)
        {
            Assert.True(SimdInstructions.TryGet((uint)row.Opcode, out var byOpcode));
            Assert.Equal(row, byOpcode);
            Assert.True(SimdInstructions.TryGetByName(SimdInstructions.Name(row.Opcode), out var byName));
            Assert.Equal(row, byName);
        }
        Assert.False(SimdInstructions.TryGet(154, out _));
        Assert.False(SimdInstructions.TryGet((uint)SimdOpcode.V128Copy, out _));
    }

    [Fact]
    public void Every_name_is_one_the_spec_scripts_use()
    {
        var root = SpecSuiteLocator.WastCoreRoot;
        if (root is null) return;
        var text = new StringBuilder();
        foreach (var path in Directory.EnumerateFiles(root, "simd_*.wast")) text.Append(File.ReadAllText(path));
        var relaxed = SpecSuiteLocator.ProposalRoot("relaxed-simd") is { } json ? Path.GetFullPath(Path.Combine(json, "..", "..", "..", "wast", "proposals", "relaxed-simd")) : null;
        if (relaxed is not null && Directory.Exists(relaxed))
        {
            foreach (var path in Directory.EnumerateFiles(relaxed, "*.wast")) text.Append(File.ReadAllText(path));
        }
        var used = InstructionName().Matches(text.ToString()).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);

        var missing = SimdInstructions.All.ToArray()
            .Where(r => r.Opcode < SimdOpcode.V128Copy && (relaxed is not null || !r.IsRelaxed))
            .Where(r => !used.Contains(SimdInstructions.Name(r.Opcode)) && !SimdInstructions.AliasesOf(r.Opcode).Any(used.Contains))
            .Select(r => SimdInstructions.Name(r.Opcode))
            .ToArray();
        Assert.Empty(missing);
    }

    [Fact]
    public void Every_row_has_semantics_for_its_shape()
    {
        var a = Vector128.Create(1, -2, 3, int.MinValue).AsByte();
        var b = Vector128.Create(0x7F, 16, -1, 5).AsByte();
        // The memory shapes take host pointers; the spec suite's simd_load*/simd_store* scripts run every one of them.
        foreach (var row in SimdInstructions.All)
        {
            var op = row.Opcode;
            // Each call throws for an opcode its shape's method does not know, so a row without semantics fails here.
            switch (row.Shape)
            {
                case SimdShape.Unary: SimdOperations.Unary(op, a); break;
                case SimdShape.Binary: SimdOperations.Binary(op, a, b); SimdOperations.RelaxedNativeBinary(op, a, b); break;
                case SimdShape.Ternary: SimdOperations.Ternary(op, a, b, a); SimdOperations.RelaxedNativeTernary(op, a, b, a); break;
                case SimdShape.Shift: SimdOperations.Shift(op, a, 33); break;
                case SimdShape.Test: SimdOperations.Test(op, a); break;
                case SimdShape.Splat: SimdOperations.Splat(op, 7); break;
                case SimdShape.ExtractLane: SimdOperations.ExtractLane(op, a, row.Lanes - 1); break;
                case SimdShape.ReplaceLane: SimdOperations.ReplaceLane(op, a, 7, row.Lanes - 1); break;
            }
        }
    }

    [Fact]
    public void The_printer_shows_translated_vector_code_by_shape()
    {
        var engine = new Engine();
        var instance = new Linker(engine).Instantiate(new Store(engine), Module.FromText(engine, """
            (module (memory 1)
              (func (export "f") (param v128 i32) (result v128)
                (v128.store offset=16 (local.get 1) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 31 (local.get 0) (local.get 0)))
                (i32x4.replace_lane 3 (v128.load32_lane offset=4 1 (local.get 1) (local.get 0)) (i32x4.extract_lane 0 (local.get 0)))))
            """));
        var code = ((WasmFunction)instance.GetFunction("f")!).Code.Code;

        var lines = new List<string>();
        for (var pc = 0; pc < code.Length;)
        {
            if (code[pc] != (int)Op.Simd)
            {
                pc++;
                continue;
            }
            var line = new StringBuilder();
            pc += SimdCodePrinter.Print(code.AsSpan(pc), line);
            lines.Add(line.ToString());
        }

        // Parameters: v128 in s0-s1, i32 in s2; the operand stack starts at s3, and a v128 above an i32 at s4.
        Assert.Equal(
        [
            "i8x16.shuffle s4, s0, s0, [0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 31]",
            "v128.store [s2 + 16], s4",
            "v128.load32_lane s3, [s2 + 4], s0, lane 1",
            "i32x4.extract_lane s5, s0, lane 0",
            "i32x4.replace_lane s3, s3, s5, lane 3",
            "v128.copy s0, s3",
        ], lines);
    }

    [Fact]
    public void The_printer_shows_vector_accesses_on_other_memories_with_their_memory_and_address_type()
    {
        var engine = new Engine();
        var instance = new Linker(engine).Instantiate(new Store(engine), Module.FromText(engine, """
            (module (memory 1) (memory 1) (memory i64 1)
              (func (export "f") (param v128 i32 i64) (result v128)
                (v128.store 1 offset=16 (local.get 1) (local.get 0))
                (v128.store8_lane 2 offset=0x1_0000_0000 15 (local.get 2) (local.get 0))
                (v128.load32_lane 2 offset=4 1 (local.get 2) (v128.load16_splat 1 (local.get 1)))))
            """));
        var code = ((WasmFunction)instance.GetFunction("f")!).Code.Code;

        var lines = new List<string>();
        for (var pc = 0; pc < code.Length;)
        {
            if (code[pc] != (int)Op.Simd)
            {
                pc++;
                continue;
            }
            var line = new StringBuilder();
            pc += SimdCodePrinter.Print(code.AsSpan(pc), line);
            lines.Add(line.ToString());
        }

        // Parameters: v128 in s0-s1, i32 in s2, i64 in s3; the operand stack starts at s4.
        Assert.Equal(
        [
            "v128.memory_access v128.store [memory 1 i32 s2 + 16], s0",
            "v128.memory_access v128.store8_lane [memory 2 i64 s3 + 4294967296], s0, lane 15",
            "v128.memory_access v128.load16_splat s5, [memory 1 i32 s2 + 0]",
            "v128.memory_access v128.load32_lane s4, [memory 2 i64 s3 + 4], s5, lane 1",
            "v128.copy s0, s4",
        ], lines);
    }

    [GeneratedRegex(@"\b(?:v128|i8x16|i16x8|i32x4|i64x2|f32x4|f64x2)\.[a-z0-9_]+")]
    private static partial Regex InstructionName();
}
