using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis.Text;
using WasmBind.Generators.Model;

namespace WasmBind.Generators.Wit;

/// <summary>Where a function of a parsed WIT file is, for diagnostics about it after parsing.</summary>
internal sealed record WitFunctionLocation(string Interface, string Function, LocationInfo Location);

/// <summary>What parsing one .wit file gave: its package (null after an error) and diagnostics.</summary>
internal sealed record WitParseResult(string Path, WitPackage? Package, EquatableArray<WitDiagnostic> Diagnostics, EquatableArray<WitFunctionLocation> Functions);

/// <summary>
/// A recursive-descent parser for the WIT subset WasmBind binds to core modules: one <c>package</c>, interfaces
/// (records, variants, enums, flags, type aliases, <c>use</c> of another interface of the file, functions) and
/// worlds that import and export those interfaces by name. The first syntax error stops parsing (WB2050, at its
/// line and column); constructs outside the subset are WB2051; names are then resolved (WB2052).
/// </summary>
internal sealed class WitParser
{
    private readonly string path;
    private readonly SourceText text;
    private readonly List<WitToken> tokens;
    private readonly List<WitDiagnostic> diagnostics = new();
    private readonly List<WitFunctionLocation> functions = new();

    // What the resolver checks after parsing: each type reference, use and world item, with its span.
    private readonly List<(string Interface, string Name, TextSpan Span)> typeReferences = new();
    private readonly List<(string Interface, WitUse Use, TextSpan InterfaceSpan, TextSpan[] NameSpans)> uses = new();
    private readonly List<(string Name, TextSpan Span)> worldItems = new();
    private readonly Dictionary<string, TextSpan> definitionSpans = new(StringComparer.Ordinal);
    private int position;

    private WitParser(string path, SourceText text, List<WitToken> tokens)
    {
        this.path = path;
        this.text = text;
        this.tokens = tokens;
    }

    private sealed class SyntaxException : Exception
    {
        public SyntaxException(string message, TextSpan span, Microsoft.CodeAnalysis.DiagnosticDescriptor? descriptor = null)
            : base(message)
        {
            Span = span;
            Descriptor = descriptor ?? WitDiagnostics.SyntaxError;
        }

        public TextSpan Span { get; }

        /// <summary>WB2050 for a syntax error, WB2051 for valid WIT outside the subset.</summary>
        public Microsoft.CodeAnalysis.DiagnosticDescriptor Descriptor { get; }
    }

    public static WitParseResult Parse(string path, SourceText text)
    {
        var tokens = WitLexer.Tokenize(text.ToString(), out var lexError);
        var parser = new WitParser(path, text, tokens);
        if (lexError is { } error)
        {
            parser.Report(WitDiagnostics.SyntaxError, error.Span, error.Message);
            return parser.Result(null);
        }
        WitPackage? package;
        try
        {
            package = parser.ParseFile();
        }
        catch (SyntaxException e)
        {
            parser.Report(e.Descriptor, e.Span, e.Message);
            return parser.Result(null);
        }
        parser.Resolve(package);
        return parser.Result(parser.diagnostics.Count == 0 ? package : null);
    }

    private WitParseResult Result(WitPackage? package) => new(path, package,
        new EquatableArray<WitDiagnostic>(diagnostics.ToArray()), new EquatableArray<WitFunctionLocation>(functions.ToArray()));

    private LocationInfo Location(TextSpan span) => new(path, span, text.Lines.GetLinePositionSpan(span));

    private void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, TextSpan span, string message) =>
        diagnostics.Add(WitDiagnostic.Create(descriptor, Location(span), message));

    private WitToken Current => tokens[position];

    private WitToken Next()
    {
        var token = tokens[position];
        if (token.Kind != WitTokenKind.End) position++;
        return token;
    }

    private bool Accept(string symbolOrKeyword)
    {
        if (!Current.Is(symbolOrKeyword)) return false;
        position++;
        return true;
    }

    private WitToken Expect(string symbolOrKeyword, string what)
    {
        if (!Current.Is(symbolOrKeyword)) throw new SyntaxException($"expected {what}, found {Current}", Current.Span);
        return Next();
    }

    /// <summary>An identifier that is a valid WIT label (a keyword only when escaped with <c>%</c>).</summary>
    private (string Name, TextSpan Span) Identifier(string what)
    {
        var token = Current;
        if (token.Kind == WitTokenKind.EscapedIdentifier || (token.Kind == WitTokenKind.Identifier && !WitNames.IsKeyword(token.Text)))
        {
            if (!WitNames.IsLabel(token.Text))
                throw new SyntaxException($"'{token.Text}' is not a valid WIT identifier: words of lower-case letters and digits (or all upper-case), each starting with a letter, joined by single hyphens", token.Span);
            position++;
            return (token.Text, token.Span);
        }
        throw new SyntaxException($"expected {what}, found {token}", token.Span);
    }

    private WitPackage ParseFile()
    {
        string? packageName = null;
        var interfaces = new List<WitInterface>();
        var worlds = new List<WitWorld>();
        SkipGates();
        if (Current.Is("package"))
        {
            Next();
            packageName = PackageName();
            Expect(";", "';' after the package name");
        }
        while (Current.Kind != WitTokenKind.End)
        {
            SkipGates();
            if (Current.Is("interface")) interfaces.Add(ParseInterface());
            else if (Current.Is("world")) worlds.Add(ParseWorld());
            else if (Current.Is("package")) throw Unsupported("a second package (nested package blocks)");
            else throw new SyntaxException($"expected 'interface' or 'world', found {Current}", Current.Span);
        }
        if (packageName is null)
        {
            var span = tokens.Count > 0 ? tokens[0].Span : default;
            throw new SyntaxException("expected 'package namespace:name;' first: WasmBind needs the package's name for the generated names", span);
        }
        return new WitPackage(packageName, new EquatableArray<WitInterface>(interfaces.ToArray()), new EquatableArray<WitWorld>(worlds.ToArray()));
    }

    /// <summary><c>namespace:name</c> with an optional <c>@version</c>.</summary>
    private string PackageName()
    {
        var ns = Identifier("the package namespace");
        Expect(":", "':' between the package namespace and name");
        var name = Identifier("the package name");
        var result = ns.Name + ":" + name.Name;
        if (Accept("@"))
        {
            if (Current.Kind != WitTokenKind.Number) throw new SyntaxException($"expected a version after '@', found {Current}", Current.Span);
            result += "@" + Next().Text;
        }
        return result;
    }

    /// <summary>Feature gates (<c>@since(...)</c>, <c>@unstable(...)</c>, <c>@deprecated(...)</c>) are outside the subset.</summary>
    private void SkipGates()
    {
        if (Current.Is("@")) throw Unsupported("feature gates (@since, @unstable, @deprecated)");
    }

    private SyntaxException Unsupported(string what) =>
        new($"{what}: not supported; WasmBind binds interfaces of records, variants, enums, flags, lists, options, results, tuples and scalars to core modules", Current.Span, WitDiagnostics.Unsupported);

    private WitInterface ParseInterface()
    {
        Expect("interface", "'interface'");
        var (name, nameSpan) = Identifier("the interface's name");
        Expect("{", "'{' after the interface name");
        var interfaceUses = new List<WitUse>();
        var types = new List<WitTypeDef>();
        var functionList = new List<WitFunction>();
        while (!Accept("}"))
        {
            SkipGates();
            var token = Current;
            if (token.Kind == WitTokenKind.End) throw new SyntaxException($"expected '}}' to close interface '{name}', found the end of the file", token.Span);
            if (token.Is("use")) interfaceUses.Add(ParseUse(name));
            else if (token.Is("record")) types.Add(ParseRecord(name));
            else if (token.Is("variant")) types.Add(ParseVariant(name));
            else if (token.Is("enum")) types.Add(ParseNames(name, WitTypeDefKind.Enum));
            else if (token.Is("flags")) types.Add(ParseNames(name, WitTypeDefKind.Flags));
            else if (token.Is("type")) types.Add(ParseAlias(name));
            else if (token.Is("resource")) throw Unsupported("resources (a core module has no handles)");
            else functionList.Add(ParseFunction(name));
        }
        definitionSpans["interface " + name] = nameSpan;
        return new WitInterface(name, new EquatableArray<WitUse>(interfaceUses.ToArray()), new EquatableArray<WitTypeDef>(types.ToArray()),
            new EquatableArray<WitFunction>(functionList.ToArray()));
    }

    private WitUse ParseUse(string owner)
    {
        Expect("use", "'use'");
        var target = Identifier("an interface name");
        if (Current.Is(":") || Current.Is("/")) throw Unsupported("a use of another package's interface");
        Expect(".", "'.' after the interface name");
        Expect("{", "'{'");
        var names = new List<string>();
        var spans = new List<TextSpan>();
        do
        {
            if (Current.Is("}")) break;
            var (name, span) = Identifier("a type name");
            if (Current.Is("as")) throw Unsupported("renaming a used type with 'as'");
            names.Add(name);
            spans.Add(span);
        }
        while (Accept(","));
        Expect("}", "'}' after the used names");
        Expect(";", "';' after the use");
        var use = new WitUse(target.Name, new EquatableArray<string>(names.ToArray()));
        uses.Add((owner, use, target.Span, spans.ToArray()));
        return use;
    }

    private WitTypeDef ParseRecord(string owner)
    {
        Expect("record", "'record'");
        var (name, span) = Define(owner);
        Expect("{", "'{' after the record name");
        var fields = new List<WitField>();
        while (!Current.Is("}"))
        {
            var field = Identifier("a field name");
            Expect(":", "':' after the field name");
            fields.Add(new WitField(field.Name, ParseType(owner)));
            if (!Accept(",")) break;
        }
        var close = Expect("}", "'}' or ',' after a record field");
        if (fields.Count == 0) throw new SyntaxException($"record '{name}' has no fields; a WIT record needs at least one", close.Span);
        return new WitTypeDef(WitTypeDefKind.Record, name, new EquatableArray<WitField>(fields.ToArray()), EquatableArray<string>.Empty);
    }

    private WitTypeDef ParseVariant(string owner)
    {
        Expect("variant", "'variant'");
        var (name, _) = Define(owner);
        Expect("{", "'{' after the variant name");
        var cases = new List<WitField>();
        while (!Current.Is("}"))
        {
            var @case = Identifier("a case name");
            var payload = WitType.Of(WitTypeKind.Unit);
            if (Accept("("))
            {
                payload = ParseType(owner);
                Expect(")", "')' after the case's payload type");
            }
            cases.Add(new WitField(@case.Name, payload));
            if (!Accept(",")) break;
        }
        var close = Expect("}", "'}' or ',' after a variant case");
        if (cases.Count == 0) throw new SyntaxException($"variant '{name}' has no cases; a WIT variant needs at least one", close.Span);
        return new WitTypeDef(WitTypeDefKind.Variant, name, new EquatableArray<WitField>(cases.ToArray()), EquatableArray<string>.Empty);
    }

    private WitTypeDef ParseNames(string owner, WitTypeDefKind kind)
    {
        var keyword = kind == WitTypeDefKind.Enum ? "enum" : "flags";
        Expect(keyword, "'" + keyword + "'");
        var (name, _) = Define(owner);
        Expect("{", $"'{{' after the {keyword} name");
        var names = new List<string>();
        while (!Current.Is("}"))
        {
            names.Add(Identifier(kind == WitTypeDefKind.Enum ? "a case name" : "a flag name").Name);
            if (!Accept(",")) break;
        }
        var close = Expect("}", $"'}}' or ',' after a {(kind == WitTypeDefKind.Enum ? "case" : "flag")}");
        if (names.Count == 0) throw new SyntaxException($"{keyword} '{name}' is empty; it needs at least one {(kind == WitTypeDefKind.Enum ? "case" : "flag")}", close.Span);
        if (kind == WitTypeDefKind.Flags && names.Count > 32) throw new SyntaxException($"flags '{name}' has {names.Count} flags; at most 32 are supported", close.Span);
        return new WitTypeDef(kind, name, EquatableArray<WitField>.Empty, new EquatableArray<string>(names.ToArray()));
    }

    private WitTypeDef ParseAlias(string owner)
    {
        Expect("type", "'type'");
        var (name, _) = Define(owner);
        Expect("=", "'=' after the type name");
        var target = ParseType(owner);
        Expect(";", "';' after the type");
        return new WitTypeDef(WitTypeDefKind.Alias, name, EquatableArray<WitField>.Empty, EquatableArray<string>.Empty, target);
    }

    private (string Name, TextSpan Span) Define(string owner)
    {
        var (name, span) = Identifier("the type's name");
        var key = owner + "/" + name;
        if (definitionSpans.ContainsKey(key)) Report(WitDiagnostics.NameError, span, $"'{name}' is defined twice in interface '{owner}'");
        else definitionSpans[key] = span;
        return (name, span);
    }

    private WitFunction ParseFunction(string owner)
    {
        var (name, span) = Identifier("a function, type or 'use'");
        Expect(":", $"':' after '{name}'");
        if (Current.Is("async")) throw Unsupported("async functions (WASI preview 3)");
        Expect("func", "'func'");
        Expect("(", "'(' to start the parameters");
        var parameters = new List<WitField>();
        while (!Current.Is(")"))
        {
            var parameter = Identifier("a parameter name");
            Expect(":", "':' after the parameter name");
            parameters.Add(new WitField(parameter.Name, ParseType(owner)));
            if (!Accept(",")) break;
        }
        Expect(")", "')' or ',' after a parameter");
        WitType? result = null;
        if (Accept("->"))
        {
            if (Current.Is("(")) throw Unsupported("named results (several results)");
            result = ParseType(owner);
        }
        Expect(";", "';' after the function");
        functions.Add(new WitFunctionLocation(owner, name, Location(span)));
        return new WitFunction(name, new EquatableArray<WitField>(parameters.ToArray()), result);
    }

    private WitType ParseType(string owner)
    {
        var token = Current;
        if (token.Kind == WitTokenKind.Identifier)
        {
            switch (token.Text)
            {
                case "bool": Next(); return WitType.Of(WitTypeKind.Bool);
                case "s8": Next(); return WitType.Of(WitTypeKind.S8);
                case "u8": Next(); return WitType.Of(WitTypeKind.U8);
                case "s16": Next(); return WitType.Of(WitTypeKind.S16);
                case "u16": Next(); return WitType.Of(WitTypeKind.U16);
                case "s32": Next(); return WitType.Of(WitTypeKind.S32);
                case "u32": Next(); return WitType.Of(WitTypeKind.U32);
                case "s64": Next(); return WitType.Of(WitTypeKind.S64);
                case "u64": Next(); return WitType.Of(WitTypeKind.U64);
                case "f32" or "float32": Next(); return WitType.Of(WitTypeKind.F32);
                case "f64" or "float64": Next(); return WitType.Of(WitTypeKind.F64);
                case "char": Next(); return WitType.Of(WitTypeKind.Char);
                case "string": Next(); return WitType.Of(WitTypeKind.String);
                case "list":
                    Next();
                    Expect("<", "'<' after 'list'");
                    var element = ParseType(owner);
                    if (Current.Is(",")) throw Unsupported("fixed-length lists");
                    Expect(">", "'>' to close 'list<'");
                    return WitType.Generic(WitTypeKind.List, element);
                case "option":
                    Next();
                    Expect("<", "'<' after 'option'");
                    var optionStart = Current;
                    var payload = ParseType(owner);
                    if (payload.Kind == WitTypeKind.Option)
                        throw new SyntaxException("option<option<T>>: not supported; C# has no nullable of a nullable", optionStart.Span, WitDiagnostics.Unsupported);
                    Expect(">", "'>' to close 'option<'");
                    return WitType.Generic(WitTypeKind.Option, payload);
                case "result":
                    Next();
                    if (!Accept("<")) return WitType.Generic(WitTypeKind.Result, WitType.Of(WitTypeKind.Unit), WitType.Of(WitTypeKind.Unit));
                    var ok = Accept("_") ? WitType.Of(WitTypeKind.Unit) : ParseType(owner);
                    var err = WitType.Of(WitTypeKind.Unit);
                    if (Accept(",")) err = ParseType(owner);
                    else if (ok.Kind == WitTypeKind.Unit) throw new SyntaxException($"expected ',' and an error type after 'result<_', found {Current}", Current.Span);
                    Expect(">", "'>' to close 'result<'");
                    return WitType.Generic(WitTypeKind.Result, ok, err);
                case "tuple":
                    Next();
                    Expect("<", "'<' after 'tuple'");
                    var members = new List<WitType>();
                    do
                    {
                        members.Add(ParseType(owner));
                    }
                    while (Accept(","));
                    Expect(">", "'>' to close 'tuple<'");
                    return WitType.Generic(WitTypeKind.Tuple, members.ToArray());
                case "borrow" or "own":
                    throw Unsupported("resource handles (borrow<T>, own<T>)");
                case "future" or "stream" or "error-context":
                    throw Unsupported($"'{token.Text}' (WASI preview 3 async types)");
            }
        }
        var (name, span) = Identifier("a type");
        typeReferences.Add((owner, name, span));
        return WitType.Named(name);
    }

    private WitWorld ParseWorld()
    {
        Expect("world", "'world'");
        var (name, _) = Identifier("the world's name");
        Expect("{", "'{' after the world name");
        var imports = new List<string>();
        var exports = new List<string>();
        while (!Accept("}"))
        {
            SkipGates();
            if (Current.Kind == WitTokenKind.End) throw new SyntaxException($"expected '}}' to close world '{name}', found the end of the file", Current.Span);
            if (Current.Is("include")) throw Unsupported("'include' of another world");
            if (Current.Is("use")) throw Unsupported("'use' in a world");
            if (Current.Is("record") || Current.Is("variant") || Current.Is("enum") || Current.Is("flags") || Current.Is("type") || Current.Is("resource"))
                throw Unsupported("types defined in a world (define them in an interface)");
            var isImport = Current.Is("import");
            if (!isImport && !Current.Is("export")) throw new SyntaxException($"expected 'import' or 'export', found {Current}", Current.Span);
            Next();
            var item = Identifier("an interface name");
            if (Current.Is(":"))
            {
                Next();
                throw Current.Is("func") || Current.Is("async")
                    ? Unsupported("functions directly in a world (put them in an interface)")
                    : Current.Is("interface") ? Unsupported("an interface defined inside a world (define it at the top level)")
                    : Unsupported("another package's interface");
            }
            if (Current.Is("/") || Current.Is("@")) throw Unsupported("another package's interface");
            Expect(";", "';' after the interface name");
            worldItems.Add((item.Name, item.Span));
            (isImport ? imports : exports).Add(item.Name);
        }
        return new WitWorld(name, new EquatableArray<string>(imports.ToArray()), new EquatableArray<string>(exports.ToArray()));
    }

    /// <summary>Every name refers to something of the file: used interfaces and types, type references, world items.</summary>
    private void Resolve(WitPackage package)
    {
        var interfaces = package.Interfaces.GroupBy(i => i.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var duplicate in package.Interfaces.GroupBy(i => i.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
            Report(WitDiagnostics.NameError, definitionSpans["interface " + duplicate.Key], $"interface '{duplicate.Key}' is defined twice");

        var visible = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var item in package.Interfaces)
            visible[item.Name] = new HashSet<string>(item.Types.Select(t => t.Name), StringComparer.Ordinal);
        foreach (var (owner, use, interfaceSpan, nameSpans) in uses)
        {
            if (!interfaces.TryGetValue(use.Interface, out var target))
            {
                Report(WitDiagnostics.NameError, interfaceSpan, $"interface '{owner}' uses '{use.Interface}', which this file does not define");
                continue;
            }
            for (var i = 0; i < use.Names.Count; i++)
            {
                if (target.Types.Any(t => t.Name == use.Names[i])) visible[owner].Add(use.Names[i]);
                else Report(WitDiagnostics.NameError, nameSpans[i], $"interface '{use.Interface}' defines no type '{use.Names[i]}'");
            }
        }
        foreach (var (owner, name, span) in typeReferences)
        {
            if (!visible.TryGetValue(owner, out var names) || !names.Contains(name))
                Report(WitDiagnostics.NameError, span, $"unknown type '{name}' in interface '{owner}': define it here or 'use' it from another interface");
        }
        foreach (var (name, span) in worldItems)
        {
            if (!interfaces.ContainsKey(name)) Report(WitDiagnostics.NameError, span, $"the world names interface '{name}', which this file does not define");
        }
        var imported = new HashSet<string>(package.Worlds.SelectMany(w => w.Imports), StringComparer.Ordinal);
        foreach (var (name, span) in worldItems.Where(item => imported.Contains(item.Name) && package.Worlds.Any(w => w.Exports.Contains(item.Name))).Take(1))
            Report(WitDiagnostics.Unsupported, span, $"interface '{name}' is both imported and exported; its C# interface is either [WasmImports] or [WasmExports]");

        // C# has one namespace for all the types of the file: the same name defined in two interfaces would clash.
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in package.Interfaces)
        {
            foreach (var type in item.Types)
            {
                var csharp = WitNames.ToPascal(type.Name);
                if (owners.TryGetValue(csharp, out var other) && other != item.Name)
                {
                    Report(WitDiagnostics.NameError, definitionSpans[item.Name + "/" + type.Name],
                        $"type '{type.Name}' of interface '{item.Name}' would be the C# type '{csharp}', which interface '{other}' already defines; 'use' one from the other or rename it");
                }
                else
                {
                    owners[csharp] = item.Name;
                }
            }
        }
    }
}
