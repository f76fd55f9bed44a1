using System.CommandLine;
using WasmBind.Cli.Inspection;

namespace WasmBind.Cli.Commands;

/// <summary><c>wasmbind inspect &lt;module&gt;</c>: the section layout, then imports and exports with their types.</summary>
internal static class InspectCommand
{
    public static Command Create(CliContext context)
    {
        var modulePath = new Argument<string>("module") { Description = "The .wasm file to describe." };
        var command = new Command("inspect", "List a module's sections (id, name, offset, size), custom section names, imports and exports with their types.")
        {
            modulePath,
        };
        command.SetAction(parse => context.Guard(() => Inspect(context.Out, parse.GetValue(modulePath)!)));
        return command;
    }

    private static int Inspect(TextWriter output, string path)
    {
        var bytes = ModuleFile.ReadBytes(path);
        var sections = SectionTable.Read(bytes);
        output.WriteLine($"file: {path} ({bytes.Length} bytes, binary version {SectionTable.Version(bytes)})");
        WriteSections(output, sections);

        // The layout above comes from the raw bytes; types need the runtime, so a module it rejects ends here with the reason.
        var module = Module.FromBytes(new Engine(), bytes);
        output.WriteLine($"module name: {module.Name ?? "(none)"}");
        output.WriteLine($"imports ({module.Imports.Count}):");
        foreach (var import in module.Imports) output.WriteLine($"  {import.Module}.{import.Name}: {import.Type}");
        output.WriteLine($"exports ({module.Exports.Count}):");
        foreach (var export in module.Exports) output.WriteLine($"  {export.Name}: {export.Type}");
        return 0;
    }

    private static void WriteSections(TextWriter output, IReadOnlyList<SectionInfo> sections)
    {
        output.WriteLine($"sections ({sections.Count}):");
        output.WriteLine("  id  name        offset      size");
        foreach (var s in sections)
        {
            var custom = s.CustomName is null ? "" : $"  \"{s.CustomName}\"";
            output.WriteLine($"  {s.Id,2}  {s.KindName,-10}  0x{s.Offset:x8}  {s.Size}{custom}");
        }
        var customNames = sections.Where(s => s.CustomName is not null).Select(s => s.CustomName!).ToArray();
        output.WriteLine(customNames.Length == 0 ? "custom sections: (none)" : $"custom sections: {string.Join(", ", customNames)}");
    }
}
