using WasmBind.Testing;
using Xunit;

namespace WasmBind.Tests.Spec;

/// <summary>
/// The runner must turn every way a command can go wrong into a counted, explained failure, never a pass.
/// Scripts are written on the fly over the CLI fixture modules (Fixtures/cli).
/// </summary>
public sealed class WastRunnerTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("wasmbind-wast-");

    public WastRunnerTests()
    {
        foreach (var module in new[] { "calc.wasm", "imports.wasm", "invalid.wasm", "malformed.wasm" })
            File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "cli", module), Path.Combine(folder.FullName, module));
    }

    public void Dispose() => folder.Delete(recursive: true);

    [Theory]
    [InlineData("""{"type": "assert_trap", "line": 2, "action": {"type": "invoke", "field": "answer", "args": []}, "text": "unreachable"}""", "returned [i32:42]; expected trap")]
    [InlineData("""{"type": "assert_trap", "line": 2, "action": {"type": "invoke", "field": "boom", "args": []}, "text": "integer overflow"}""", "got trap Unreachable")]
    [InlineData("""{"type": "assert_exhaustion", "line": 2, "action": {"type": "invoke", "field": "boom", "args": []}, "text": "call stack exhausted"}""", "expected trap \"call stack exhausted\", got trap Unreachable")]
    [InlineData("""{"type": "assert_return", "line": 2, "action": {"type": "invoke", "field": "swap", "args": [{"type": "i64", "value": "1"}, {"type": "f64", "value": "0"}]}, "expected": [{"type": "f64", "value": "0"}]}""", "returned 2 value(s)")]
    [InlineData("""{"type": "assert_return", "line": 2, "action": {"type": "invoke", "field": "nope", "args": []}, "expected": []}""", "no exported function \"nope\"")]
    [InlineData("""{"type": "assert_return", "line": 2, "action": {"type": "get", "field": "add"}, "expected": []}""", "no exported global \"add\"")]
    [InlineData("""{"type": "assert_return", "line": 2, "action": {"type": "invoke", "module": "$other", "field": "add", "args": []}, "expected": []}""", "no module named $other")]
    [InlineData("""{"type": "assert_return", "line": 2, "action": {"type": "invoke", "field": "add", "args": [{"type": "i64", "value": "1"}, {"type": "i32", "value": "1"}]}, "expected": []}""", "ArgumentException")]
    [InlineData("""{"type": "assert_invalid", "line": 2, "filename": "calc.wasm", "text": "type mismatch", "module_type": "binary"}""", "module validated")]
    [InlineData("""{"type": "assert_invalid", "line": 2, "filename": "malformed.wasm", "text": "type mismatch", "module_type": "binary"}""", "got malformed")]
    [InlineData("""{"type": "assert_malformed", "line": 2, "filename": "invalid.wasm", "text": "unexpected end", "module_type": "binary"}""", "got invalid")]
    [InlineData("""{"type": "assert_unlinkable", "line": 2, "filename": "calc.wasm", "text": "unknown import", "module_type": "binary"}""", "instantiation succeeded")]
    [InlineData("""{"type": "assert_uninstantiable", "line": 2, "filename": "imports.wasm", "text": "unreachable", "module_type": "binary"}""", "got LinkException")]
    [InlineData("""{"type": "module", "line": 2, "filename": "imports.wasm"}""", "LinkException")]
    public void A_wrong_outcome_is_a_failure_with_its_reason(string command, string expectedMessage)
    {
        var result = RunScript($$"""[{"type": "module", "line": 1, "filename": "calc.wasm"}, {{command}}]""");

        var failure = Assert.Single(result.Failures);
        Assert.Equal(2, failure.Line);
        Assert.Contains(expectedMessage, failure.Message);
        Assert.Equal((1, 1, 0), (result.Passed, result.Failed, result.Skipped));
    }

    [Fact]
    public void Commands_after_a_failed_module_fail_with_its_cause()
    {
        var result = RunScript("""
            [{"type": "module", "line": 1, "filename": "imports.wasm"},
             {"type": "assert_return", "line": 2, "action": {"type": "invoke", "field": "run", "args": []}, "expected": []}]
            """);

        Assert.Equal(2, result.Failed);
        Assert.Contains("the module at line 1 failed to load", result.Failures[1].Message);
    }

    [Fact]
    public void Registered_and_named_modules_are_reachable()
    {
        var result = RunScript("""
            [{"type": "module", "line": 1, "name": "$calc", "filename": "calc.wasm"},
             {"type": "register", "line": 2, "as": "env"},
             {"type": "module", "line": 3, "filename": "calc.wasm"},
             {"type": "assert_return", "line": 4, "action": {"type": "get", "module": "$calc", "field": "answer_global"}, "expected": [{"type": "i32", "value": "42"}]},
             {"type": "assert_unlinkable", "line": 5, "filename": "imports.wasm", "text": "unknown import", "module_type": "binary"}]
            """);

        // imports.wasm also wants env.log, which the registered calc does not export, so it stays unlinkable.
        Assert.Equal((5, 0), (result.Passed, result.Failed));
    }

    [Fact]
    public void Unknown_commands_are_skipped_with_their_reason()
    {
        File.WriteAllText(Path.Combine(folder.FullName, "x.wat"), "(func");
        var result = RunScript("""
            [{"type": "module", "line": 1, "filename": "calc.wasm"},
             {"type": "assert_malformed", "line": 3, "filename": "x.wat", "text": "unexpected token", "module_type": "text"},
             {"type": "assert_frobnicated", "line": 4}]
            """);

        // The text module is parsed now (and is malformed, as asserted), no longer skipped.
        Assert.Equal((2, 0, 1), (result.Passed, result.Failed, result.Skipped));
        Assert.Equal(1, result.SkippedByReason["unsupported command assert_frobnicated"]);
    }

    [Theory]
    [InlineData("wast")]
    [InlineData("json")]
    public void V128_results_are_checked_lane_by_lane_with_nan_patterns_per_lane(string form)
    {
        // The same script in both forms: the text one spells lanes as literals, the json one as unsigned bits.
        var path = Path.Combine(folder.FullName, "simd." + form);
        // A wast2json .wat holds a module's fields, as for (module quote ...).
        File.WriteAllText(Path.Combine(folder.FullName, "simd.wat"), """
            (func (export "add") (param v128 v128) (result v128) (i32x4.add (local.get 0) (local.get 1)))
            (func (export "div") (param v128 v128) (result v128) (f32x4.div (local.get 0) (local.get 1)))
            """);
        File.WriteAllText(path, form == "wast"
            ? """
              (module binary "\00asm\01\00\00\00")
              (module
                (func (export "add") (param v128 v128) (result v128) (i32x4.add (local.get 0) (local.get 1)))
                (func (export "div") (param v128 v128) (result v128) (f32x4.div (local.get 0) (local.get 1))))
              (assert_return (invoke "add" (v128.const i32x4 1 2 3 4) (v128.const i32x4 10 20 30 -4)) (v128.const i32x4 11 22 33 0))
              (assert_return (invoke "div" (v128.const f32x4 0 1 0 2) (v128.const f32x4 0 1 0 1)) (v128.const f32x4 nan:canonical 1 nan:arithmetic 2))
              (assert_return (invoke "add" (v128.const i16x8 1 0 0 0 0 0 0 0) (v128.const i64x2 0 0)) (v128.const i64x2 2 0))
              """
            : """
              {"source_filename": "simd.wast", "commands": [
               {"type": "module", "line": 1, "filename": "simd.wat", "module_type": "text"},
               {"type": "module", "line": 2, "filename": "simd.wat", "module_type": "text"},
               {"type": "assert_return", "line": 3, "action": {"type": "invoke", "field": "add", "args": [{"type": "v128", "lane_type": "i32", "value": ["1", "2", "3", "4"]}, {"type": "v128", "lane_type": "i32", "value": ["10", "20", "30", "4294967292"]}]}, "expected": [{"type": "v128", "lane_type": "i32", "value": ["11", "22", "33", "0"]}]},
               {"type": "assert_return", "line": 4, "action": {"type": "invoke", "field": "div", "args": [{"type": "v128", "lane_type": "f32", "value": ["0", "1065353216", "0", "1073741824"]}, {"type": "v128", "lane_type": "f32", "value": ["0", "1065353216", "0", "1065353216"]}]}, "expected": [{"type": "v128", "lane_type": "f32", "value": ["nan:canonical", "1065353216", "nan:arithmetic", "1073741824"]}]},
               {"type": "assert_return", "line": 5, "action": {"type": "invoke", "field": "add", "args": [{"type": "v128", "lane_type": "i16", "value": ["1", "0", "0", "0", "0", "0", "0", "0"]}, {"type": "v128", "lane_type": "i64", "value": ["0", "0"]}]}, "expected": [{"type": "v128", "lane_type": "i64", "value": ["2", "0"]}]}]}
              """);

        var result = new WastRunner().RunScript(path);

        // 1 + 0 is 1, not 2: the last assertion fails, and its message shows the lanes.
        Assert.Equal((4, 1, 0), (result.Passed, result.Failed, result.Skipped));
        Assert.Contains("got v128:i32x4[0x00000001 0x00000000 0x00000000 0x00000000]", Assert.Single(result.Failures).Message);
    }

    [Fact]
    public void Text_modules_of_unimplemented_proposals_are_skipped_and_so_are_the_commands_using_them()
    {
        var path = Path.Combine(folder.FullName, "gc.wast");
        File.WriteAllText(path, """
            (module $m (type $s (struct)) (func (export "f") (result i32) (i32.const 1)))
            (assert_return (invoke "f") (i32.const 1))
            (assert_return (invoke $m "f") (i32.const 1))
            (assert_invalid (module (func (throw 0))) "unknown tag")
            (module (func (export "g") (result i32) (i32.const 2)))
            (assert_return (invoke "g") (i32.const 2))
            (assert_return (invoke "g") (ref.i31 1))
            (assert_return (invoke "g") (either (i32.const 3) (i32.const 2)))
            """);

        var result = new WastRunner().RunScript(path);

        Assert.Equal((3, 0, 5), (result.Passed, result.Failed, result.Skipped));
        Assert.Equal(3, result.SkippedByReason["GC is not implemented"]);
        Assert.Equal(1, result.SkippedByReason["exception handling is not implemented"]);
        Assert.Contains(result.SkippedByReason.Keys, k => k.StartsWith("ref.i31", StringComparison.Ordinal));
    }

    [Fact]
    public void Binary_modules_with_a_table_initializer_are_skipped_as_typed_function_references()
    {
        // elem.wast of Wasm 3.0: a table of (ref func) with an initializer, encoded 0x40 0x00 before the table type.
        var path = Path.Combine(folder.FullName, "typed.wast");
        File.WriteAllText(path, """
            (module binary "\00asm" "\01\00\00\00" "\01\04\01\60\00\00" "\03\02\01\00"
              "\04\0a\01" "\40\00\64\70\00\01\d2\00\0b" "\0a\04\01" "\02\00\0b")
            (assert_invalid (module binary "\00asm" "\01\00\00\00" "\01\04\01\60\00\00" "\03\02\01\00"
              "\04\0a\01" "\40\00\64\70\00\01\d2\00\0b" "\0a\04\01" "\02\00\0b") "type mismatch")
            (assert_malformed (module binary "\00asm" "\01\00\00\00" "\04\04\01" "\41\00\00") "malformed reference type")
            """);

        var result = new WastRunner().RunScript(path);

        Assert.Equal((1, 0, 2), (result.Passed, result.Failed, result.Skipped));
        Assert.Equal(2, result.SkippedByReason["typed function references (a table with an initializer expression) is not implemented"]);
    }

    [Theory]
    [InlineData(true, 1, 0)]
    [InlineData(false, 0, 1)]
    public void Scripts_in_a_proposal_folder_run_with_that_proposals_rules(bool proposalRules, int passed, int failed)
    {
        // The threads proposal's memory.wast was written before multi-memory: a second memory is invalid there.
        var dir = Directory.CreateDirectory(Path.Combine(folder.FullName, "proposals", "threads"));
        var path = Path.Combine(dir.FullName, "memory.wast");
        File.WriteAllText(path, """(assert_invalid (module (memory 0) (memory 0)) "multiple memories")""");

        var result = new WastRunner(new WastRunOptions { ProposalRules = proposalRules }).RunScript(path);

        Assert.Equal((passed, failed), (result.Passed, result.Failed));
        Assert.Equal("threads", ProposalRules.ProposalOf(path));
        Assert.Null(ProposalRules.ProposalOf(Path.Combine(folder.FullName, "memory.wast")));
    }

    [Fact]
    public void An_unreadable_script_is_one_failure()
    {
        var path = Path.Combine(folder.FullName, "broken.json");
        File.WriteAllText(path, "{ not json");

        var result = new WastRunner().RunScript(path);

        Assert.Equal(1, result.Failed);
        Assert.Contains("cannot read the script", result.Failures[0].Message);
    }

    private ScriptResult RunScript(string commands)
    {
        var path = Path.Combine(folder.FullName, "script.json");
        File.WriteAllText(path, $$"""{"source_filename": "script.wast", "commands": {{commands}}}""");
        return new WastRunner().RunScript(path);
    }
}
