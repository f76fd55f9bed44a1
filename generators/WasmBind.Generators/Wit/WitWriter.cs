using System.Linq;
using System.Text;

namespace WasmBind.Generators.Wit;

/// <summary>
/// Writes a <see cref="WitPackage"/> as WIT text in one canonical layout (four-space indents, a trailing comma after
/// every field and case, a blank line between items), so that two equal packages are equal text and a round trip
/// WIT → C# → WIT can be compared character by character.
/// </summary>
internal static class WitWriter
{
    public static string Write(WitPackage package)
    {
        var text = new StringBuilder();
        text.Append("package ").Append(package.Name).Append(";\n");
        foreach (var item in package.Interfaces)
        {
            text.Append('\n');
            WriteInterface(text, item);
        }
        foreach (var world in package.Worlds)
        {
            text.Append('\n');
            text.Append("world ").Append(Identifier(world.Name)).Append(" {\n");
            foreach (var name in world.Imports) text.Append("    import ").Append(Identifier(name)).Append(";\n");
            foreach (var name in world.Exports) text.Append("    export ").Append(Identifier(name)).Append(";\n");
            text.Append("}\n");
        }
        return text.ToString();
    }

    private static void WriteInterface(StringBuilder text, WitInterface item)
    {
        text.Append("interface ").Append(Identifier(item.Name)).Append(" {\n");
        var first = true;
        foreach (var use in item.Uses)
        {
            text.Append("    use ").Append(Identifier(use.Interface)).Append(".{")
                .Append(string.Join(", ", use.Names.Select(Identifier))).Append("};\n");
            first = false;
        }
        foreach (var type in item.Types)
        {
            if (!first) text.Append('\n');
            first = false;
            WriteType(text, type);
        }
        if (item.Functions.Count > 0 && !first) text.Append('\n');
        foreach (var function in item.Functions)
        {
            text.Append("    ").Append(Identifier(function.Name)).Append(": func(")
                .Append(string.Join(", ", function.Parameters.Select(p => Identifier(p.Name) + ": " + Type(p.Type)))).Append(')');
            if (function.Result is { } result) text.Append(" -> ").Append(Type(result));
            text.Append(";\n");
        }
        text.Append("}\n");
    }

    private static void WriteType(StringBuilder text, WitTypeDef type)
    {
        var keyword = type.Kind switch
        {
            WitTypeDefKind.Record => "record",
            WitTypeDefKind.Variant => "variant",
            WitTypeDefKind.Enum => "enum",
            WitTypeDefKind.Flags => "flags",
            _ => "type",
        };
        if (type.Kind == WitTypeDefKind.Alias)
        {
            text.Append("    type ").Append(Identifier(type.Name)).Append(" = ").Append(Type(type.Target!)).Append(";\n");
            return;
        }
        text.Append("    ").Append(keyword).Append(' ').Append(Identifier(type.Name)).Append(" {\n");
        switch (type.Kind)
        {
            case WitTypeDefKind.Record:
                foreach (var field in type.Fields) text.Append("        ").Append(Identifier(field.Name)).Append(": ").Append(Type(field.Type)).Append(",\n");
                break;
            case WitTypeDefKind.Variant:
                foreach (var @case in type.Fields)
                {
                    text.Append("        ").Append(Identifier(@case.Name));
                    if (@case.Type.Kind != WitTypeKind.Unit) text.Append('(').Append(Type(@case.Type)).Append(')');
                    text.Append(",\n");
                }
                break;
            default:
                foreach (var name in type.Cases) text.Append("        ").Append(Identifier(name)).Append(",\n");
                break;
        }
        text.Append("    }\n");
    }

    /// <summary>A type expression as WIT spells it.</summary>
    public static string Type(WitType type) => type.Kind switch
    {
        WitTypeKind.Unit => "_",
        WitTypeKind.Named => Identifier(type.Name),
        WitTypeKind.List => "list<" + Type(type.Arguments[0]) + ">",
        WitTypeKind.Option => "option<" + Type(type.Arguments[0]) + ">",
        WitTypeKind.Tuple => "tuple<" + string.Join(", ", type.Arguments.Select(Type)) + ">",
        WitTypeKind.Result => Result(type.Arguments[0], type.Arguments[1]),
        _ => type.Kind.ToString().ToLowerInvariant(),
    };

    private static string Result(WitType ok, WitType error)
    {
        if (error.Kind == WitTypeKind.Unit) return ok.Kind == WitTypeKind.Unit ? "result" : "result<" + Type(ok) + ">";
        return "result<" + Type(ok) + ", " + Type(error) + ">";
    }

    /// <summary>An identifier, with the <c>%</c> prefix when it is a WIT keyword.</summary>
    public static string Identifier(string name) => WitNames.IsKeyword(name) ? "%" + name : name;
}
