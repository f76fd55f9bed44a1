using System.Globalization;
using WasmBind.Text;

namespace WasmBind.Testing;

/// <summary>
/// Reads a <c>.wast</c> script (the testsuite's script format) into commands. Module text is kept as S-expressions
/// and encoded only when its command runs. A command this reader cannot make sense of becomes a command that fails
/// with the reason (or is skipped, for 3.0 constructs the runtime does not implement); only text that is not a
/// sequence of S-expressions at all fails the whole script, with <see cref="MalformedTextException"/>.
/// </summary>
internal static class WastTextReader
{
    public static IReadOnlyList<WastCommand> Read(byte[] utf8) => Read(WebAssemblyText.DecodeUtf8(utf8));

    public static IReadOnlyList<WastCommand> Read(string text)
    {
        var commands = new List<WastCommand>();
        var nodes = SExpressionReader.Read(text);
        // A script of module fields only is one module (the testsuite's "inline module" form).
        if (nodes.Count > 0 && nodes[0] is SList { Head: "type" or "import" or "func" or "table" or "memory" or "global" or "export" or "start" or "elem" or "data" })
        {
            var module = new SList(nodes[0].Position, [new SAtom(nodes[0].Position, AtomKind.Keyword, "module", null), .. nodes]);
            return [new WastCommand("module", 1, Module: new WastTextModule(module, 1))];
        }
        foreach (var node in nodes)
        {
            var head = (node as SList)?.Head ?? "command";
            try
            {
                commands.Add(Command(node));
            }
            catch (MalformedTextException ex)
            {
                commands.Add(new WastCommand(head, node.Position.Line, ReadError: ex.Message));
            }
            catch (UnsupportedException ex)
            {
                commands.Add(new WastCommand(head, node.Position.Line, Unsupported: ex.Message));
            }
        }
        return commands;
    }

    /// <summary>A construct of a proposal this runtime does not implement: the command is skipped with this reason.</summary>
    private sealed class UnsupportedException(string reason) : Exception(reason);

    private static WastCommand Command(SNode node)
    {
        if (node is not SList list || list.Head is not { } head) throw node.Error("unexpected token, expected a command");
        var line = list.Position.Line;
        var c = new SCursor(list, 1);
        switch (head)
        {
            case "module":
                return ModuleCommand(list, line);
            case "register":
            {
                var name = Utf8Name(c, "a registration name");
                var module = c.TakeId();
                c.ExpectEnd();
                return new WastCommand("register", line, Name: module, As: name);
            }
            case "invoke" or "get":
                return new WastCommand("action", line, Action: Action(list));
            case "assert_return":
            {
                var action = Action(c.NextList("an action"));
                var expected = new List<WastValue>();
                while (!c.AtEnd) expected.Add(Result(c.Next()));
                return new WastCommand("assert_return", line, Action: action, Expected: expected);
            }
            case "assert_trap":
            {
                var target = c.NextList("an action or a module");
                var message = Message(c);
                return target.Head == "module"
                    ? new WastCommand("assert_uninstantiable", line, Module: Module(target), Text: message)
                    : new WastCommand("assert_trap", line, Action: Action(target), Text: message);
            }
            case "assert_exhaustion":
            {
                var action = Action(c.NextList("an action"));
                return new WastCommand("assert_exhaustion", line, Action: action, Text: Message(c));
            }
            case "assert_invalid" or "assert_malformed" or "assert_unlinkable" or "assert_uninstantiable":
            {
                var module = Module(c.NextList("a module"));
                return new WastCommand(head, line, Module: module, Text: Message(c));
            }
            case "assert_exception":
                throw new UnsupportedException("exception handling is not implemented");
            case "assert_suspension":
                throw new UnsupportedException("stack switching is not implemented");
            case "thread" or "wait":
                throw new UnsupportedException("threads are not implemented");
            case "script" or "input" or "output":
                throw new UnsupportedException($"the meta command '{head}' is not supported");
            default:
                throw list.Error($"unknown command '{head}'");
        }
    }

    private static WastCommand ModuleCommand(SList list, int line)
    {
        var c = new SCursor(list, 1);
        if (c.TakeKeyword("instance"))
        {
            var instance = c.TakeId();
            var definition = c.TakeId();
            c.ExpectEnd();
            return new WastCommand("module_instance", line, Name: instance, Definition: definition);
        }
        var isDefinition = c.TakeKeyword("definition");
        var name = c.TakeId();
        var source = Module(list);
        return new WastCommand(isDefinition ? "module_definition" : "module", line, Name: name, Module: source);
    }

    /// <summary><c>(module definition? $id? binary "..."*)</c>, <c>(... quote "..."*)</c> or <c>(... field*)</c>.</summary>
    private static WastModuleSource Module(SList list)
    {
        if (list.Head != "module") throw list.Error("unexpected token, expected (module ...)");
        var c = new SCursor(list, 1);
        var first = c.TakeKeyword("definition") ? 2 : 1;
        c.TakeId();
        if (c.TakeKeyword("binary")) return new WastBinaryModule(Strings(c));
        if (c.TakeKeyword("quote")) return new WastQuotedModule(Strings(c));
        // The encoder starts at the $id (if any), so the module keeps its name.
        return new WastTextModule(list, first);
    }

    private static byte[] Strings(SCursor c)
    {
        var all = new List<byte>();
        while (!c.AtEnd) all.AddRange(c.NextString("a string"));
        return all.ToArray();
    }

    private static string Utf8Name(SCursor c, string what)
    {
        var node = c.Peek;
        return Utf8.Decode(c.NextString(what)) ?? throw node!.Error("malformed UTF-8 encoding");
    }

    private static string? Message(SCursor c)
    {
        var message = c.AtEnd ? null : Utf8Name(c, "a message");
        c.ExpectEnd();
        return message;
    }

    private static WastAction Action(SList list)
    {
        var c = new SCursor(list, 1);
        var module = c.TakeId();
        var field = Utf8Name(c, "an export name");
        switch (list.Head)
        {
            case "invoke":
                var args = new List<WastValue>();
                while (!c.AtEnd) args.Add(Argument(c.NextList("an argument")));
                return new WastAction("invoke", module, field, args);
            case "get":
                c.ExpectEnd();
                return new WastAction("get", module, field, []);
            default:
                throw list.Error("unexpected token, expected (invoke ...) or (get ...)");
        }
    }

    private static WastValue Argument(SList list) => Value(list, isResult: false);

    private static WastValue Result(SNode node)
    {
        if (node is not SList list) throw node.Error("unexpected token, expected a result");
        if (list.Head == "either")
        {
            var c = new SCursor(list, 1);
            var alternatives = new List<WastValue>();
            while (!c.AtEnd) alternatives.Add(Result(c.Next()));
            if (alternatives.Count == 0) throw list.Error("unexpected end, expected a result");
            return new WastValue("either", null, Alternatives: alternatives);
        }
        return Value(list, isResult: true);
    }

    private static WastValue Value(SList list, bool isResult)
    {
        var c = new SCursor(list, 1);
        WastValue value;
        switch (list.Head)
        {
            case "i32.const": value = new WastValue("i32", Integer(c.Next(), 32)); break;
            case "i64.const": value = new WastValue("i64", Integer(c.Next(), 64)); break;
            case "f32.const": value = new WastValue("f32", Float(c.Next(), 32, isResult)); break;
            case "f64.const": value = new WastValue("f64", Float(c.Next(), 64, isResult)); break;
            case "v128.const":
            {
                // Lanes are normalised to wast2json's form (unsigned decimal bits, or a NaN pattern), so both script
                // forms are checked by the same code.
                var shape = c.NextKeyword("a lane shape");
                var (laneType, laneCount) = LaneShape(shape, list);
                var lanes = new List<string>();
                while (!c.AtEnd) lanes.Add(Lane(c.Next(), laneType, isResult));
                if (lanes.Count != laneCount) throw list.Error($"expected {laneCount} lanes for {shape}, got {lanes.Count}");
                value = new WastValue("v128", null, laneType, lanes);
                break;
            }
            case "ref.null":
                if (c.AtEnd)
                {
                    if (isResult) throw new UnsupportedException("untyped (ref.null) result patterns are not supported (GC)");
                    throw list.Error("unexpected end, expected a heap type");
                }
                var heap = c.NextAtom("a heap type");
                value = heap.Text switch
                {
                    "func" => new WastValue("funcref", "null"),
                    "extern" => new WastValue("externref", "null"),
                    _ => throw new UnsupportedException($"reference type '{heap.Text}' is not implemented (GC / typed references)"),
                };
                break;
            case "ref.extern":
                value = c.AtEnd && isResult ? new WastValue("externref", null) : new WastValue("externref", Index(c.Next()));
                break;
            case "ref.func" when isResult:
                // Like wast2json, a function reference pattern only says "some function".
                if (!c.AtEnd) c.Next();
                value = new WastValue("funcref", null);
                break;
            case "ref.host" or "ref.any" or "ref.eq" or "ref.i31" or "ref.struct" or "ref.array" or "ref.exn" or "ref.null_any":
                throw new UnsupportedException($"{list.Head} values are not implemented (GC / exceptions)");
            default:
                throw list.Error($"unexpected token, expected a {(isResult ? "result" : "constant")}");
        }
        c.ExpectEnd();
        return value;
    }

    private static (string LaneType, int Count) LaneShape(string shape, SList list) => shape switch
    {
        "i8x16" => ("i8", 16),
        "i16x8" => ("i16", 8),
        "i32x4" => ("i32", 4),
        "i64x2" => ("i64", 2),
        "f32x4" => ("f32", 4),
        "f64x2" => ("f64", 2),
        _ => throw list.Error($"unknown lane shape '{shape}'"),
    };

    private static string Lane(SNode node, string laneType, bool isResult) => laneType switch
    {
        "i8" => Integer(node, 8),
        "i16" => Integer(node, 16),
        "i32" => Integer(node, 32),
        "i64" => Integer(node, 64),
        "f32" => Float(node, 32, isResult),
        _ => Float(node, 64, isResult),
    };

    private static string Integer(SNode node, int bits)
    {
        if (node is SAtom atom && NumberLiterals.TryParseInteger(atom.Text, bits, out var value, out _))
            return value.ToString(CultureInfo.InvariantCulture);
        throw node.Error($"unexpected token, expected an i{bits} literal");
    }

    private static string Float(SNode node, int bits, bool isResult)
    {
        if (node is not SAtom atom) throw node.Error($"unexpected token, expected an f{bits} literal");
        if (isResult && atom.Text is "nan:canonical" or "nan:arithmetic") return atom.Text;
        if (bits == 32 && NumberLiterals.TryParseF32(atom.Text, out var f32, out _)) return f32.ToString(CultureInfo.InvariantCulture);
        if (bits == 64 && NumberLiterals.TryParseF64(atom.Text, out var f64, out _)) return f64.ToString(CultureInfo.InvariantCulture);
        throw atom.Error($"unexpected token, expected an f{bits} literal");
    }

    private static string Index(SNode node) =>
        node is SAtom atom && NumberLiterals.TryParseUnsigned(atom.Text, ulong.MaxValue, out var value)
            ? value.ToString(CultureInfo.InvariantCulture)
            : throw node.Error("unexpected token, expected a number");
}
