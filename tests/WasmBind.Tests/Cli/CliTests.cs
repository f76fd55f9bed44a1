using System.Text.Json;
using WasmBind.Cli;
using Xunit;

namespace WasmBind.Tests.Cli;

/// <summary>The <c>wasmbind</c> commands, run in-process over the fixtures in Fixtures/cli (sources and build.sh there).</summary>
public sealed class CliTests
{
    private static string Fixture(params string[] parts) =>
        Path.Combine([AppContext.BaseDirectory, "Fixtures", "cli", .. parts]);

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = Program.Run(args, stdout, stderr);
        return (exit, stdout.ToString().ReplaceLineEndings("\n"), stderr.ToString().ReplaceLineEndings("\n"));
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    // --- bindgen

    [Fact]
    public void Bindgen_wit_prints_the_WIT_compiled_into_an_assembly()
    {
        // This test assembly is built with WIT out on; its plugin world comes from Bindings/Wit/plugin.wit.
        var (exit, stdout, stderr) = Run("bindgen", "--wit", typeof(CliTests).Assembly.Location);

        Assert.Equal((0, ""), (exit, stderr));
        Assert.StartsWith("package ", stdout, StringComparison.Ordinal);
        Assert.Contains("\ninterface plugin {\n    record item {\n        name: string,\n", stdout, StringComparison.Ordinal);
        Assert.Contains("    process: func(request: request) -> result<summary, error>;\n", stdout, StringComparison.Ordinal);
        Assert.Contains("\nworld plugin-world {\n    import host;\n    export plugin;\n}\n", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Bindgen_wit_fails_on_an_assembly_without_WIT_or_a_file_that_is_not_one()
    {
        var (exit, stdout, stderr) = Run("bindgen", "--wit", typeof(Engine).Assembly.Location);
        Assert.Equal((1, ""), (exit, stdout));
        Assert.Contains("has no WIT", stderr, StringComparison.Ordinal);

        (exit, _, stderr) = Run("bindgen", "--wit", Fixture("calc.wasm"));
        Assert.Equal(1, exit);
        Assert.Contains("not a .NET assembly", stderr, StringComparison.Ordinal);

        (exit, _, stderr) = Run("bindgen", typeof(CliTests).Assembly.Location);
        Assert.Equal(1, exit);
        Assert.Contains("--wit", stderr, StringComparison.Ordinal);
    }

    // --- invoke

    [Fact]
    public void Invoke_prints_the_result_in_spec_notation()
    {
        var (exit, stdout, stderr) = Run("invoke", Fixture("calc.wasm"), "add", "40", "2");
        Assert.Equal((0, "i32:42\n", ""), (exit, stdout, stderr));
    }

    [Fact]
    public void Invoke_takes_typed_unsigned_and_hex_arguments()
    {
        Assert.Equal("i32:0\n", Run("invoke", Fixture("calc.wasm"), "add", "i32:4294967295", "1").Out);
        Assert.Equal("i32:256\n", Run("invoke", Fixture("calc.wasm"), "add", "0xff", "1").Out);
    }

    [Theory]
    [InlineData("-5", "3")]
    [InlineData("--", "-5", "3")]
    public void Invoke_takes_negative_numbers(params string[] arguments)
    {
        var (exit, stdout, _) = Run(["invoke", Fixture("calc.wasm"), "add", .. arguments]);
        Assert.Equal((0, "i32:-2\n"), (exit, stdout));
    }

    [Fact]
    public void Invoke_prints_each_of_several_results_on_its_own_line()
    {
        var (exit, stdout, _) = Run("invoke", Fixture("calc.wasm"), "swap", "7", "1.5");
        Assert.Equal((0, "f64:1.5\ni64:7\n"), (exit, stdout));
        Assert.Equal("f32:1.5\n", Run("invoke", Fixture("calc.wasm"), "half", "3").Out);
    }

    [Fact]
    public void Invoke_with_no_arguments()
    {
        var (exit, stdout, _) = Run("invoke", Fixture("calc.wasm"), "answer");
        Assert.Equal((0, "i32:42\n"), (exit, stdout));
    }

    [Fact]
    public void Invoke_reports_a_trap_on_stderr_with_exit_code_1()
    {
        var (exit, stdout, stderr) = Run("invoke", Fixture("calc.wasm"), "div", "1", "0");
        Assert.Equal(1, exit);
        Assert.Equal("", stdout);
        Assert.StartsWith("trap: integer divide by zero", stderr);
    }

    [Fact]
    public void Invoke_prints_the_wasm_backtrace_of_a_trap()
    {
        var (exit, _, stderr) = Run("invoke", Fixture("calc.wasm"), "boom");
        Assert.Equal(1, exit);
        var lines = Lines(stderr);
        Assert.Equal("trap: unreachable", lines[0]);
        // calc.wasm has a name section: the innermost frame is $inner, called from $boom.
        Assert.Contains(lines, l => l.Contains("inner", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("boom", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("interpreter")]
    [InlineData("tiered")]
    [InlineData("compiled")]
    public void Invoke_runs_in_every_tier_with_the_same_results_and_backtrace(string tier)
    {
        Assert.Equal((0, "i32:42\n", ""), Run("invoke", "--tier", tier, Fixture("calc.wasm"), "add", "40", "2"));
        var interpreted = Run("invoke", "--tier", "interpreter", Fixture("calc.wasm"), "boom");
        Assert.Equal(interpreted, Run("invoke", "--tier", tier, Fixture("calc.wasm"), "boom"));
    }

    [Fact]
    public void Invoke_rejects_an_unknown_tier()
    {
        var (exit, _, stderr) = Run("invoke", "--tier", "turbo", Fixture("calc.wasm"), "answer");
        Assert.NotEqual(0, exit);
        Assert.Contains("turbo", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Invoke_reports_a_trap_during_instantiation_as_a_trap()
    {
        var (exit, stdout, stderr) = Run("invoke", Fixture("start_trap.wasm"), "never");
        Assert.Equal((1, ""), (exit, stdout));
        Assert.StartsWith("trap: unreachable", stderr);
    }

    [Fact]
    public void Invoke_refuses_a_module_with_imports_and_names_them()
    {
        var (exit, _, stderr) = Run("invoke", Fixture("imports.wasm"), "run");
        Assert.Equal(1, exit);
        var line = Assert.Single(Lines(stderr));
        Assert.Contains("env.log", line);
        Assert.Contains("env.mem", line);
    }

    [Theory]
    [InlineData("nope", "no exported function \"nope\"")]
    [InlineData("memory", "no exported function \"memory\"")]
    public void Invoke_rejects_an_unknown_export_and_lists_the_functions(string export, string expected)
    {
        var (exit, _, stderr) = Run("invoke", Fixture("calc.wasm"), export);
        Assert.Equal(1, exit);
        var line = Assert.Single(Lines(stderr));
        Assert.Contains(expected, line);
        Assert.Contains("add", line);
    }

    [Theory]
    [InlineData("x", "1", "'x' is not a valid i32")]
    [InlineData("i64:1", "1", "typed i64, but the parameter is i32")]
    public void Invoke_rejects_bad_arguments(string first, string second, string expected)
    {
        var (exit, _, stderr) = Run("invoke", Fixture("calc.wasm"), "add", first, second);
        Assert.Equal(1, exit);
        Assert.Contains(expected, Assert.Single(Lines(stderr)));
    }

    [Fact]
    public void Invoke_rejects_the_wrong_argument_count()
    {
        var (exit, _, stderr) = Run("invoke", Fixture("calc.wasm"), "add", "1");
        Assert.Equal(1, exit);
        Assert.Contains("takes 2 argument(s)", Assert.Single(Lines(stderr)));
    }

    [Fact]
    public void A_missing_file_is_one_line_without_a_stack_trace()
    {
        var (exit, _, stderr) = Run("invoke", Fixture("missing.wasm"), "add");
        Assert.Equal(1, exit);
        var line = Assert.Single(Lines(stderr));
        Assert.StartsWith("error: no such file", line);
    }

    // --- validate

    [Fact]
    public void Validate_prints_valid()
    {
        var (exit, stdout, stderr) = Run("validate", Fixture("calc.wasm"));
        Assert.Equal((0, "valid\n", ""), (exit, stdout, stderr));
    }

    [Fact]
    public void Validate_reports_a_malformed_module()
    {
        var (exit, stdout, stderr) = Run("validate", Fixture("malformed.wasm"));
        Assert.Equal((1, ""), (exit, stdout));
        Assert.Contains("malformed", Assert.Single(Lines(stderr)));
    }

    [Fact]
    public void Validate_reports_an_invalid_module()
    {
        var (exit, _, stderr) = Run("validate", Fixture("invalid.wasm"));
        Assert.Equal(1, exit);
        Assert.Contains("invalid", Assert.Single(Lines(stderr)));
    }

    // --- inspect

    [Fact]
    public void Inspect_lists_sections_imports_and_exports()
    {
        var (exit, stdout, stderr) = Run("inspect", Fixture("calc.wasm"));
        Assert.Equal((0, ""), (exit, stderr));
        var lines = Lines(stdout);
        // Offsets and sizes as wasm-objdump -h reports them for this file.
        Assert.Contains("   1  type        0x0000000a  26", lines);
        Assert.Contains("  10  code        0x00000083  49", lines);
        Assert.Contains("   0  custom      0x000000b6  75  \"name\"", lines);
        Assert.Contains("custom sections: name", lines);
        Assert.Contains("module name: calc", lines);
        Assert.Contains("imports (0):", lines);
        Assert.Contains("  add: (func (param i32 i32) (result i32))", lines);
        Assert.Contains("  swap: (func (param i64 f64) (result f64 i64))", lines);
        Assert.Contains("  memory: (memory 1)", lines);
        Assert.Contains("  answer_global: (global i32)", lines);
    }

    [Fact]
    public void Inspect_shows_imports_with_their_types()
    {
        var (exit, stdout, _) = Run("inspect", Fixture("imports.wasm"));
        Assert.Equal(0, exit);
        Assert.Contains("  env.log: (func (param i32))", Lines(stdout));
        Assert.Contains("  env.mem: (memory 1)", Lines(stdout));
    }

    [Fact]
    public void Inspect_of_a_malformed_file_is_one_error_line()
    {
        var (exit, _, stderr) = Run("inspect", Fixture("malformed.wasm"));
        Assert.Equal(1, exit);
        Assert.StartsWith("error: ", Assert.Single(Lines(stderr)));
    }

    [Fact]
    public void Inspect_code_prints_a_functions_translated_code_by_name_or_index()
    {
        var (exit, stdout, stderr) = Run("inspect", "--code", Fixture("calc.wasm"), "div");
        Assert.Equal((0, ""), (exit, stderr));
        Assert.Equal(
            ["func[2] div:", "; 2 local slots (parameters first), frame of 4 slots", "  0: I32DivS s2, s0, s1", "  4: Copy s0, s2", "  7: Return"],
            Lines(stdout));

        (exit, var byIndex, _) = Run("inspect", "--code", Fixture("calc.wasm"), "2");
        Assert.Equal((0, stdout), (exit, byIndex));

        // Without a function, every defined function in index order.
        (exit, stdout, _) = Run("inspect", "--code", Fixture("calc.wasm"));
        Assert.Equal(0, exit);
        Assert.Equal(["func[0] add:", "func[1] answer:", "func[2] div:", "func[3] boom:", "func[4] inner:", "func[5] swap:", "func[6] half:"],
            Lines(stdout).Where(line => line.StartsWith("func[", StringComparison.Ordinal)));
    }

    [Fact]
    public void Inspect_code_of_an_unknown_function_is_one_error_line()
    {
        var (exit, stdout, stderr) = Run("inspect", "--code", Fixture("calc.wasm"), "nope");
        Assert.Equal((1, ""), (exit, stdout));
        Assert.Equal("error: the module defines no function 'nope' (give an index from 0 to 6, or a function's name: its name-section name, else its first export name)",
            Assert.Single(Lines(stderr)));
    }

    // --- wast

    [Fact]
    public void Wast_runs_a_passing_script()
    {
        var (exit, stdout, _) = Run("wast", Fixture("wast", "pass", "tiny.json"));
        Assert.Equal(0, exit);
        var lines = Lines(stdout);
        Assert.Equal("PASS tiny (9/9)", lines[0]);
        Assert.Equal("9 passed, 0 failed, 0 skipped", lines[^1]);
    }

    [Fact]
    public void Wast_runs_a_text_script_with_the_counts_of_its_json_form()
    {
        var (exit, stdout, _) = Run("wast", Fixture("wast", "pass", "tiny.wast"));
        Assert.Equal(0, exit);
        Assert.Equal(["PASS tiny (9/9)", "9 passed, 0 failed, 0 skipped"], Lines(stdout));

        (exit, stdout, _) = Run("wast", Fixture("wast", "fail", "wrong.wast"));
        Assert.Equal(1, exit);
        var lines = Lines(stdout);
        Assert.Equal("FAIL wrong 2/1/0", lines[0]);
        Assert.StartsWith("  line 4: assert_return: add(i32:2, i32:2): expected i32:5, got i32:4", lines[1]);
    }

    [Fact]
    public void Wast_features_choose_the_rules_a_script_is_checked_against()
    {
        var folder = Directory.CreateTempSubdirectory("wasmbind-cli-");
        try
        {
            // 2.0's rule: a constant expression may not read a defined global. Wasm 3.0 (the default engine) allows it.
            var script = Path.Combine(folder.FullName, "globals.wast");
            File.WriteAllText(script, "(assert_invalid (module (memory 1) (global i32 (i32.const 0)) (data (global.get 0) \"a\")) \"unknown global\")");

            Assert.Equal((0, "1 passed, 0 failed, 0 skipped"), Summary(Run("wast", script, "--features", "wasm2")));
            Assert.Equal((1, "0 passed, 1 failed, 0 skipped"), Summary(Run("wast", script)));
            Assert.Equal((0, "1 passed, 0 failed, 0 skipped"), Summary(Run("wast", script, "--features", "default,-globals-in-constant-expressions")));

            var (exit, _, stderr) = Run("wast", script, "--features", "wasm2,no-such-thing");
            Assert.Equal(1, exit);
            Assert.Contains("unknown feature 'no-such-thing'", stderr);
        }
        finally
        {
            folder.Delete(recursive: true);
        }

        static (int, string) Summary((int Exit, string Out, string Err) result) => (result.Exit, Lines(result.Out)[^1]);
    }

    [Fact]
    public void Wast_reports_a_script_that_is_not_text_as_one_failure_and_goes_on()
    {
        var folder = Directory.CreateTempSubdirectory("wasmbind-cli-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "a_broken.wast"), "(module (func)\n(assert_return (invoke \"f\"");
            File.WriteAllText(Path.Combine(folder.FullName, "b_fine.wast"), "(module (func (export \"f\") (result i32) (i32.const 1)))\n(assert_return (invoke \"f\") (i32.const 1))\n(assert_return (invoke \"f\" (i32.const)) (i32.const 1))");
            var (exit, stdout, _) = Run("wast", folder.FullName);
            Assert.Equal(1, exit);
            var lines = Lines(stdout);
            Assert.Equal("FAIL a_broken 0/1/0", lines[0]);
            Assert.Contains("cannot read the script: malformed text at 2:16", lines[1]);
            Assert.Equal("FAIL b_fine 2/1/0", lines[2]);
            Assert.Contains("line 3: assert_return: the command cannot be read", lines[3]);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    // --- text modules

    [Fact]
    public void Commands_accept_wat_modules()
    {
        Assert.Equal("i32:42\n", Run("invoke", Fixture("calc.wat"), "add", "40", "2").Out);
        var (exit, _, stderr) = Run("validate", Fixture("calc.wat"));
        Assert.Equal((0, ""), (exit, stderr));
    }

    [Fact]
    public void A_malformed_wat_module_is_an_error_with_its_line_and_column()
    {
        var path = Path.Combine(Path.GetTempPath(), $"wasmbind-{Guid.NewGuid():N}.wat");
        File.WriteAllText(path, "(module\n  (func (i32.bogus)))");
        try
        {
            var (exit, _, stderr) = Run("validate", path);
            Assert.Equal(1, exit);
            Assert.Equal("error: malformed text at 2:10 near 'i32.bogus': unknown operator", Assert.Single(Lines(stderr)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Wast_reports_failures_with_their_line_and_exit_code_1()
    {
        var (exit, stdout, _) = Run("wast", Fixture("wast", "fail", "wrong.json"));
        Assert.Equal(1, exit);
        var lines = Lines(stdout);
        Assert.Equal("FAIL wrong 2/1/0", lines[0]);
        Assert.StartsWith("  line 4: assert_return: add(i32:2, i32:2): expected i32:5, got i32:4", lines[1]);
        Assert.Equal("2 passed, 1 failed, 0 skipped", lines[^1]);
    }

    [Fact]
    public void Wast_runs_every_script_in_a_folder()
    {
        var (exit, stdout, _) = Run("wast", Fixture("wast"));
        Assert.Equal(1, exit);
        var lines = Lines(stdout);
        Assert.Contains("FAIL wrong 2/1/0", lines);
        Assert.Contains(lines, l => l.StartsWith("PASS tiny", StringComparison.Ordinal));
        // tiny.wast and wrong.wast are skipped: their wast2json .json sits beside them.
        Assert.Equal("11 passed, 1 failed, 0 skipped", lines[^1]);
    }

    [Fact]
    public void Wast_json_output_has_scripts_and_totals()
    {
        var (exit, stdout, _) = Run("wast", "--json", Fixture("wast"));
        Assert.Equal(1, exit);
        using var json = JsonDocument.Parse(stdout);
        var totals = json.RootElement.GetProperty("totals");
        Assert.Equal(11, totals.GetProperty("passed").GetInt32());
        Assert.Equal(1, totals.GetProperty("failed").GetInt32());
        Assert.Equal(0, totals.GetProperty("skipped").GetInt32());
        var wrong = json.RootElement.GetProperty("scripts").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "wrong");
        var failure = Assert.Single(wrong.GetProperty("failures").EnumerateArray());
        Assert.Equal(4, failure.GetProperty("line").GetInt32());
        Assert.Equal("assert_return", failure.GetProperty("command").GetString());
    }

    [Fact]
    public void Wast_markdown_output_has_a_row_per_script_and_the_totals()
    {
        var (exit, stdout, _) = Run("wast", "--markdown", Fixture("wast"));
        Assert.Equal(1, exit);
        var lines = Lines(stdout);
        Assert.StartsWith("| script | passed | failed | skipped |", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("| fail/wrong | 2 | 1 | 0 |  | line 4: assert_return: add(i32:2, i32:2): expected i32:5", StringComparison.Ordinal));
        Assert.Contains("| pass/tiny | 9 | 0 | 0 |  |  |", lines);
        Assert.Equal("| **total** (2 scripts) | 11 | 1 | 0 | | |", lines[^1]);
    }

    [Fact]
    public void Wast_runs_simd_folders_unless_told_to_skip_them()
    {
        var folder = Directory.CreateTempSubdirectory("wasmbind-cli-");
        try
        {
            var simd = Directory.CreateDirectory(Path.Combine(folder.FullName, "simd_tiny"));
            File.Copy(Fixture("wast", "pass", "tiny.json"), Path.Combine(simd.FullName, "simd_tiny.json"));
            foreach (var module in new[] { "tiny.0.wasm", "tiny.1.wasm", "tiny.2.wat" }) File.Copy(Fixture("wast", "pass", module), Path.Combine(simd.FullName, module));
            var (exit, stdout, _) = Run("wast", folder.FullName);
            Assert.Equal(0, exit);
            Assert.Equal("9 passed, 0 failed, 0 skipped", Lines(stdout)[^1]);

            (exit, stdout, _) = Run("wast", folder.FullName, "--skip-simd");
            Assert.Equal(0, exit);
            Assert.Equal("SKIP simd_tiny (0/0) [9 skipped: SIMD 9]", Lines(stdout)[0]);
            Assert.Equal("0 passed, 0 failed, 9 skipped", Lines(stdout)[^1]);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Wast_on_a_missing_path_is_an_error()
    {
        var (exit, _, stderr) = Run("wast", Fixture("wast", "nothing-here"));
        Assert.Equal(1, exit);
        Assert.StartsWith("error: ", Assert.Single(Lines(stderr)));
    }

    // --- help and parsing

    [Fact]
    public void Help_lists_the_commands()
    {
        var (exit, stdout, _) = Run("--help");
        Assert.Equal(0, exit);
        Assert.Contains("wasmbind", stdout);
        foreach (var command in new[] { "wast", "invoke", "validate", "inspect" }) Assert.Contains(command, stdout);
    }

    [Theory]
    [InlineData("wast", "--json")]
    [InlineData("wast", "--skip-simd")]
    [InlineData("invoke", "<export>")]
    [InlineData("validate", "<module>")]
    [InlineData("inspect", "<module>")]
    public void Each_command_has_help(string command, string mentioned)
    {
        var (exit, stdout, _) = Run(command, "--help");
        Assert.Equal(0, exit);
        Assert.Contains($"wasmbind {command}", stdout);
        Assert.Contains(mentioned, stdout);
    }

    [Fact]
    public void An_unknown_command_fails()
    {
        var (exit, _, stderr) = Run("frobnicate");
        Assert.Equal(1, exit);
        Assert.NotEqual("", stderr);
    }
}
