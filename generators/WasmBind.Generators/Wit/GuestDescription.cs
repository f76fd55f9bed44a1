using System.Collections.Generic;
using System.Text;
using WasmBind.Generators.Model;

namespace WasmBind.Generators.Wit;

/// <summary>A function a guest imports or exports, with its core type in text-format notation.</summary>
/// <param name="Module">The import's module; empty for an export.</param>
/// <param name="Name">The import's or export's name.</param>
/// <param name="Signature">e.g. <c>(func (param i32 i32) (result i32))</c>, as <see cref="CoreSignature.ToString"/> writes it.</param>
internal sealed record GuestFunction(string Module, string Name, string Signature);

/// <summary>
/// A guest module's imported and exported functions, as the WasmBind package's build task writes them next to the
/// build's intermediate files (one line each: <c>export "name" (func ...)</c>, <c>import "module" "name" (func ...)</c>;
/// names quoted with <c>\"</c>, <c>\\</c> and <c>\u{hex}</c> escapes; lines starting with <c>#</c> are comments).
/// </summary>
internal sealed record GuestDescription(EquatableArray<GuestFunction> Exports, EquatableArray<GuestFunction> Imports)
{
    public const string Header = "# wasmbind guest v1";

    /// <summary>Reads a description; null and <paramref name="error"/> when it is not one.</summary>
    public static GuestDescription? Parse(string text, out string? error)
    {
        error = null;
        var exports = new List<GuestFunction>();
        var imports = new List<GuestFunction>();
        var lines = text.Replace("\r\n", "\n").Split('\n');
        if (lines.Length == 0 || lines[0].Trim() != Header)
        {
            error = "the guest description does not start with '" + Header + "' (rebuild to rewrite it)";
            return null;
        }
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            var position = 0;
            var keyword = Word(line, ref position);
            var first = Quoted(line, ref position);
            var second = keyword == "import" ? Quoted(line, ref position) : "";
            var signature = line.Substring(System.Math.Min(position, line.Length)).Trim();
            if (first is null || second is null || (keyword != "import" && keyword != "export") || !signature.StartsWith("(func", System.StringComparison.Ordinal))
            {
                error = $"line {i + 1} of the guest description is not an import or export: {line}";
                return null;
            }
            if (keyword == "export") exports.Add(new GuestFunction("", first, signature));
            else imports.Add(new GuestFunction(first, second, signature));
        }
        return new GuestDescription(new EquatableArray<GuestFunction>(exports.ToArray()), new EquatableArray<GuestFunction>(imports.ToArray()));
    }

    private static string Word(string line, ref int position)
    {
        var start = position;
        while (position < line.Length && line[position] != ' ') position++;
        return line.Substring(start, position - start);
    }

    private static string? Quoted(string line, ref int position)
    {
        while (position < line.Length && line[position] == ' ') position++;
        if (position >= line.Length || line[position] != '"') return null;
        position++;
        var text = new StringBuilder();
        while (position < line.Length && line[position] != '"')
        {
            var c = line[position++];
            if (c != '\\')
            {
                text.Append(c);
                continue;
            }
            if (position >= line.Length) return null;
            var escaped = line[position++];
            if (escaped == 'u' && position < line.Length && line[position] == '{')
            {
                var end = line.IndexOf('}', position);
                if (end < 0 || !int.TryParse(line.Substring(position + 1, end - position - 1), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var code)) return null;
                text.Append(char.ConvertFromUtf32(code));
                position = end + 1;
            }
            else
            {
                text.Append(escaped);
            }
        }
        if (position >= line.Length) return null;
        position++;
        return text.ToString();
    }
}
