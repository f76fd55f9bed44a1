using WasmBind.Text;
using Xunit;
using static WasmBind.Tests.Text.TextModules;

namespace WasmBind.Tests.Text;

/// <summary>
/// The text grammar's alternative spellings must encode to the same binary: folded and flat instructions, names and
/// numbers, every abbreviation and its expansion.
/// </summary>
public sealed class WatEncodingTests
{
    [Fact]
    public void Folded_and_flat_instructions_encode_identically()
    {
        var flat = Sections("""
            (module (func (param i32) (result i32)
              local.get 0
              if (result i32)
                local.get 0 i32.const 1 i32.add
              else
                block $b (result i32) i32.const 7 br $b end
              end))
            """);
        var folded = Sections("""
            (module (func (param i32) (result i32)
              (if (result i32) (local.get 0)
                (then (i32.add (local.get 0) (i32.const 1)))
                (else (block $b (result i32) (br $b (i32.const 7)))))))
            """);
        Assert.Equal(flat, folded);
    }

    [Fact]
    public void Names_in_every_index_space_encode_as_their_indices()
    {
        var named = Sections("""
            (module
              (type $t (func (param i32)))
              (import "m" "f" (func $imported (type $t)))
              (table $tab 2 funcref)
              (memory $mem 1)
              (global $g (mut i32) (i32.const 0))
              (elem $e func $f)
              (data $d "x")
              (func $f (type $t) (param $p i32) (local $l i32)
                (local.set $l (local.get $p))
                (global.set $g (local.get $l))
                (call $imported (local.get $p))
                (table.init $tab $e (i32.const 0) (i32.const 0) (i32.const 1))
                (elem.drop $e)
                (memory.init $d (i32.const 0) (i32.const 0) (i32.const 1))
                (data.drop $d)
                (block $outer (loop $inner (br_if $outer (i32.const 1)) (br $inner))))
              (export "f" (func $f)) (export "t" (table $tab)) (export "m" (memory $mem)) (export "g" (global $g))
              (start $f2)
              (func $f2))
            """);
        var numbered = Sections("""
            (module
              (type (func (param i32)))
              (import "m" "f" (func (type 0)))
              (table 2 funcref)
              (memory 1)
              (global (mut i32) (i32.const 0))
              (elem func 1)
              (data "x")
              (func (type 0) (local i32)
                (local.set 1 (local.get 0))
                (global.set 0 (local.get 1))
                (call 0 (local.get 0))
                (table.init 0 0 (i32.const 0) (i32.const 0) (i32.const 1))
                (elem.drop 0)
                (memory.init 0 (i32.const 0) (i32.const 0) (i32.const 1))
                (data.drop 0)
                (block (loop (br_if 1 (i32.const 1)) (br 0))))
              (export "f" (func 1)) (export "t" (table 0)) (export "m" (memory 0)) (export "g" (global 0))
              (start 2)
              (func))
            """);
        Assert.Equal(numbered, named);
    }

    [Fact]
    public void Inline_exports_and_imports_are_abbreviations()
    {
        var inline = Sections("""
            (module
              (func $i (export "a") (import "m" "f") (param i32))
              (memory (export "mem") (export "mem2") 1)
              (global (export "g") i32 (i32.const 5))
              (func (export "b") (result i32) (i32.const 1)))
            """);
        var expanded = Sections("""
            (module
              (import "m" "f" (func (param i32)))
              (memory 1)
              (global i32 (i32.const 5))
              (func (result i32) (i32.const 1))
              (export "a" (func 0))
              (export "mem" (memory 0))
              (export "mem2" (memory 0))
              (export "g" (global 0))
              (export "b" (func 1)))
            """);
        Assert.Equal(Describe(expanded), Describe(inline));
    }

    [Fact]
    public void Inline_table_elements_and_memory_data_are_abbreviations()
    {
        var inline = Sections("""(module (table funcref (elem $f $f)) (memory (data "ab" "c")) (func $f))""");
        var expanded = Sections("""(module (table 2 2 funcref) (memory 1 1) (elem (table 0) (i32.const 0) func 0 0) (data (memory 0) (i32.const 0) "abc") (func))""");
        Assert.Equal(Describe(expanded), Describe(inline));
        var instance = Instantiate("""(module (table (export "t") funcref (elem $f $f)) (memory (export "m") (data "ab" "c")) (func $f))""");
        Assert.Equal(2u, instance.GetTable("t")!.Size);
        Assert.Equal((byte)'c', instance.GetMemory("m")!.ReadByte(2));
        Assert.Equal(1u, instance.GetMemory("m")!.Pages);
    }

    [Fact]
    public void Inline_signatures_reuse_the_first_matching_type_and_append_new_ones()
    {
        var bytes = Sections("""
            (module
              (type $a (func (param i32) (result i32)))
              (type $b (func (param i32) (result i32)))
              (func (param i32) (result i32) (local.get 0))
              (func (param i64)))
            """);
        var module = Load(bytes);
        Assert.Equal(3, module.Definition.Types.Length);
        Assert.Equal([0u, 2u], module.Definition.FunctionTypeIndices);
    }

    [Fact]
    public void A_module_without_its_wrapper_is_the_same_module() =>
        Assert.Equal(Sections("(module (func) (memory 1))"), Sections("(func) (memory 1)"));

    [Fact]
    public void Comments_and_annotations_are_skipped()
    {
        var plain = Sections("(module (func (result i32) (i32.const 1)))");
        var commented = Sections("""
            ;; a line comment
            (module (; a (; nested ;) block comment ;)
              (@custom "section" (with (nested) "lists") and tokens)
              (func (@name "f") (result i32) ;; trailing
                (i32.const 1)))
            """);
        Assert.Equal(plain, commented);
    }

    [Fact]
    public void Memory_immediates_offset_and_align_are_encoded()
    {
        var instance = Instantiate("""
            (module (memory (export "m") 1)
              (func (export "store") (i32.store offset=0x10 align=2 (i32.const 4) (i32.const 0x01020304)))
              (func (export "load") (result i32) (i32.load8_u offset=20 align=1 (i32.const 0))))
            """);
        instance.GetFunction("store")!.Invoke();
        Assert.Equal(0x01020304, instance.GetMemory("m")!.ReadInt32(20));
        Assert.Equal(4, Call(instance, "load").AsInt32());
        // align is encoded as its log2: 4 bytes -> 2.
        var bytes = Sections("(module (memory 1) (func (drop (i64.load offset=3 align=4 (i32.const 0)))))");
        Assert.True(ContainsSequence(bytes, [0x29, 0x02, 0x03]));
    }

    [Fact]
    public void Align_before_offset_is_malformed() =>
        Assert.Throws<MalformedTextException>(() => WebAssemblyText.ToBinary("(module (memory 1) (func (drop (i64.load align=4 offset=3 (i32.const 0)))))"));

    [Fact]
    public void String_escapes_become_their_bytes()
    {
        var instance = Instantiate("""(module (memory (export "m") 1) (data (i32.const 0) "\t\n\r\"\'\\\41\fe\u{41}\u{1F600}é"))""");
        var memory = instance.GetMemory("m")!;
        byte[] expected = [0x09, 0x0A, 0x0D, 0x22, 0x27, 0x5C, 0x41, 0xFE, 0x41, 0xF0, 0x9F, 0x98, 0x80, 0xC3, 0xA9];
        Assert.Equal(expected, memory.GetSpan(0, expected.Length).ToArray());
    }

    [Fact]
    public void Numeric_literals_in_every_form_reach_the_code()
    {
        var instance = Instantiate("""
            (module
              (func (export "i32") (result i32) (i32.const -0x8000_0000))
              (func (export "u32") (result i32) (i32.const 0xffff_ffff))
              (func (export "i64") (result i64) (i64.const 1_000_000_000_000))
              (func (export "hexf") (result f64) (f64.const 0x1.8p1))
              (func (export "nan") (result f32) (f32.const -nan:0x123))
              (func (export "inf") (result f64) (f64.const -inf)))
            """);
        Assert.Equal(int.MinValue, Call(instance, "i32").AsInt32());
        Assert.Equal(-1, Call(instance, "u32").AsInt32());
        Assert.Equal(1_000_000_000_000L, Call(instance, "i64").AsInt64());
        Assert.Equal(3.0, Call(instance, "hexf").AsDouble());
        Assert.Equal(0xFF80_0123ul, Call(instance, "nan").RawBits);
        Assert.Equal(double.NegativeInfinity, Call(instance, "inf").AsDouble());
    }

    [Fact]
    public void Typed_select_and_reference_instructions_encode()
    {
        var instance = Instantiate("""
            (module
              (func $f)
              (elem declare func $f)
              (func (export "sel") (param i32) (result i64) (select (result i64) (i64.const 1) (i64.const 2) (local.get 0)))
              (func (export "null") (result i32) (ref.is_null (ref.null extern)))
              (func (export "func") (result funcref) (ref.func $f)))
            """);
        Assert.Equal(1L, Call(instance, "sel", Value.I32(1)).AsInt64());
        Assert.Equal(2L, Call(instance, "sel", Value.I32(0)).AsInt64());
        Assert.Equal(1, Call(instance, "null").AsInt32());
        Assert.NotNull(Call(instance, "func").AsFunction());
    }

    [Fact]
    public void Function_names_reach_the_name_section()
    {
        var module = Module.FromText(new Engine(), "(module $calc (func $add (export \"add\")))");
        Assert.Equal("calc", module.Name);
        Assert.Equal("add", module.FunctionName(0));
    }

    [Fact]
    public void From_file_reads_wat_files_as_text()
    {
        var path = Path.Combine(Path.GetTempPath(), $"wasmbind-{Guid.NewGuid():N}.wat");
        File.WriteAllText(path, "(module (func (export \"answer\") (result i32) (i32.const 42)))");
        try
        {
            var engine = new Engine();
            var instance = new Linker(engine).Instantiate(new Store(engine), Module.FromFile(engine, path));
            Assert.Equal(42, Call(instance, "answer").AsInt32());
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static Module Load(byte[] bytes) => WasmBind.Module.FromBytes(new Engine(), bytes);

    private static string Describe(byte[] bytes)
    {
        var module = Load(bytes);
        return string.Join(";", module.Imports.Select(i => $"{i.Module}.{i.Name}:{i.Type}"))
            + "|" + string.Join(";", module.Exports.OrderBy(e => e.Name, StringComparer.Ordinal).Select(e => $"{e.Name}:{e.Type}"))
            + "|" + Convert.ToHexString(bytes);
    }

    private static bool ContainsSequence(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i + needle.Length <= haystack.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle)) return true;
        }
        return false;
    }
}
