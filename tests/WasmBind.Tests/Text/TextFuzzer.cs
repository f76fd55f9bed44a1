namespace WasmBind.Tests.Text;

/// <summary>
/// Mutates WebAssembly text for the fuzz tests: deletes, inserts, duplicates and swaps characters and tokens that
/// matter to the lexer and parser (parentheses, quotes, escapes, number forms, comments, keywords). Deterministic for a seed.
/// </summary>
internal sealed class TextFuzzer(int seed)
{
    private static readonly string[] Tokens =
    [
        "(", ")", "\"", "\\", "$", ";;", "(;", ";)", "(@a ", "\n", " ", "0x", "_", ".", "e", "p", "-", "+", "nan:0x", "inf",
        "offset=", "align=", "i32.const", "f64.const", "block", "loop", "if", "then", "else", "end", "br_table", "call_indirect",
        "(type 0)", "(param i32)", "(result i32)", "(local $x i32)", "local.get", "$x", "$\"q\"", "\\u{", "}", "\\ff",
        "1e400", "0x1p-99999", "4294967296", "-0", "funcref", "externref", "(ref null func)", "(export \"e\")",
        "(import \"m\" \"n\")", "(table 1 funcref)", "(memory 1)", "(elem", "(data", "declare", "func", "item", "\u00e9", "\u0000",
        "\ud83d\ude00", "\ud800", "module", "binary", "quote", "definition", "instance", "either", "nan:canonical", "(ref.extern 1)",
    ];

    private readonly Random random = new(seed);
    private string[]? modules;

    /// <summary>Snippets to mutate: the top-level commands of the core .wast scripts, or built-in modules when the suite is absent.</summary>
    public static IReadOnlyList<string> Corpus(string? wastFolder)
    {
        var snippets = new List<string>(BuiltIn);
        if (wastFolder is null || !Directory.Exists(wastFolder)) return snippets;
        foreach (var file in Directory.EnumerateFiles(wastFolder, "*.wast").Order(StringComparer.Ordinal))
        {
            var lines = File.ReadAllLines(file);
            var current = new System.Text.StringBuilder();
            foreach (var line in lines)
            {
                if (line.StartsWith('(') && current.Length > 0)
                {
                    if (current.Length <= 4000) snippets.Add(current.ToString());
                    current.Clear();
                }
                current.Append(line).Append('\n');
            }
            if (current.Length is > 0 and <= 4000) snippets.Add(current.ToString());
        }
        return snippets;
    }

    private static readonly string[] BuiltIn =
    [
        """(module (type $t (func (param i32) (result i32))) (import "m" "f" (func $f (type $t))) (table 2 funcref) (memory 1) (global $g (mut i32) (i32.const 0)) (func (export "run") (param $p i32) (result i32) (local $l i64) (block $b (result i32) (br_if $b (i32.const 1) (local.get $p)) (call_indirect (type $t) (i32.const 0) (i32.const 0)))) (elem (i32.const 0) $f) (data (i32.const 0) "a\00\u{41}"))""",
        """(module (func (result f64) f64.const 0x1.8p1 f32.const nan:0x200 drop i64.const -0x8000_0000_0000_0000 drop if (result f64) f64.const inf else f64.const -1e308 end))""",
        """(assert_return (invoke "f" (i32.const 1) (f32.const nan:0x1)) (either (f32.const nan:canonical) (f32.const -0)))""",
        """(module $m binary "\00asm" "\01\00\00\00") (register "m" $m) (assert_trap (invoke $m "x") "unreachable")""",
    ];

    public string Mutate(IReadOnlyList<string> corpus)
    {
        // Mostly modules (the parser's input; few snippets are modules), with few mutations so that many still parse.
        modules ??= corpus.Where(c => c.StartsWith("(module", StringComparison.Ordinal)).ToArray();
        var text = random.Next(10) < 7 && modules.Length > 0 ? modules[random.Next(modules.Length)] : corpus[random.Next(corpus.Count)];
        var rounds = 1 + random.Next(random.Next(3) == 0 ? 3 : 1);
        for (var i = 0; i < rounds; i++) text = MutateOnce(text);
        return text;
    }

    private static readonly string[] Atoms =
    [
        "0", "1", "-1", "0x10", "4294967295", "4294967296", "-0x8000_0000", "1_000", "0x1p-149", "0x1.fffffep127", "1e39",
        "nan", "-nan:0x1", "nan:0x0", "inf", "-inf", "1.5", "0.", "$x", "$f", "$t", "$undefined", "i32", "i64", "f32", "f64",
        "funcref", "externref", "i32.add", "i64.const", "f32.const", "local.get", "call", "br", "br_if", "end", "else", "then",
        "block", "loop", "if", "drop", "select", "offset=4", "align=8", "align=3", "func", "param", "result", "local", "mut",
        "\"\"", "\"a\\00\"", "\"\\u{10FFFF}\"", "\"\\ff\"", "declare", "item", "table", "memory", "elem", "data", "type",
    ];

    private string MutateOnce(string text)
    {
        // Half the mutations keep parentheses balanced (they change atoms and whole lists), so that many inputs get
        // past the reader into the module encoder; the other half break the text at the character level.
        if (random.Next(2) == 0) return MutateStructure(text);
        var at = text.Length == 0 ? 0 : random.Next(text.Length + 1);
        switch (random.Next(6))
        {
            case 0: // delete a range
            {
                var length = Math.Min(text.Length - at, 1 + random.Next(8));
                return text.Remove(at, Math.Max(0, length));
            }
            case 1: // insert a token
                return text.Insert(at, Tokens[random.Next(Tokens.Length)]);
            case 2: // insert a random character (often a delimiter)
                return text.Insert(at, ((char)(random.Next(4) == 0 ? random.Next(0x20, 0x7F) : "()\"$;\\ 0_x.".ElementAt(random.Next(11)))).ToString());
            case 3: // duplicate a range elsewhere
            {
                if (text.Length == 0) return text;
                var start = random.Next(text.Length);
                var length = Math.Min(text.Length - start, 1 + random.Next(64));
                return text.Insert(at, text.Substring(start, length));
            }
            case 4: // truncate
                return text[..at];
            default: // replace a character with a token
                if (at >= text.Length) return text;
                return text.Remove(at, 1).Insert(at, Tokens[random.Next(Tokens.Length)]);
        }
    }

    private static readonly System.Text.RegularExpressions.Regex AtomPattern =
        new("\"(?:[^\"\\\\]|\\\\.)*\"|[^\\s()\"]+", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private string MutateStructure(string text)
    {
        if (random.Next(2) == 0)
        {
            var atoms = AtomPattern.Matches(text);
            if (atoms.Count == 0) return text;
            var atom = atoms[random.Next(atoms.Count)];
            var replacement = random.Next(5) == 0 ? "" : Atoms[random.Next(Atoms.Length)];
            return text.Remove(atom.Index, atom.Length).Insert(atom.Index, replacement);
        }
        var opens = new List<int>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '(') opens.Add(i);
        }
        if (opens.Count < 2) return text;
        var start = opens[1 + random.Next(opens.Count - 1)];
        var depth = 0;
        var end = start;
        for (; end < text.Length; end++)
        {
            if (text[end] == '(') depth++;
            else if (text[end] == ')' && --depth == 0) break;
        }
        if (end >= text.Length) return text;
        var list = text[start..(end + 1)];
        return random.Next(3) switch
        {
            0 => text.Remove(start, list.Length),                      // delete a list
            1 => text.Insert(end + 1, " " + list),                     // duplicate it
            _ => text.Insert(opens[random.Next(opens.Count)] + 1, list + " "), // move a copy elsewhere
        };
    }
}
