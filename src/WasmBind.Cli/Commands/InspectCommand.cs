using System.CommandLine;
using System.Globalization;
using WasmBind.Cli.Inspection;

namespace WasmBind.Cli.Commands;

/// <summary>
/// <c>wasmbind inspect &lt;module&gt;</c>: the section layout, then imports and exports with their types.
/// <c>wasmbind inspect --code &lt;module&gt; [function]</c>: the interpreter code the translator made of one function
/// (an index, or its name: the name-section name, else its first export name) or of every function the module defines.
/// </summary>
internal static class InspectCommand
{
    public static Command Create(CliContext context)
    {
        var modulePath = new Argument<string>("module") { Description = "The .wasm file to describe." };
        var function = new Argument<string?>("function")
        {
            Description = "With --code: the function to print (index, or name: name-section name, else first export name); every defined function when omitted.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var code = new Option<bool>("--code") { Description = "Print the translated interpreter code instead of the module's layout." };
        var command = new Command("inspect", "List a module's sections (id, name, offset, size), custom section names, imports and exports with their types; with --code, print functions' translated interpreter code.")
        {
            modulePath,
            function,
            code,
        };
        command.SetAction(parse => context.Guard(() => parse.GetValue(code)
            ? InspectCode(context.Out, parse.GetValue(modulePath)!, parse.GetValue(function))
            : Inspect(context.Out, parse.GetValue(modulePath)!)));
        return command;
    }

    private static int InspectCode(TextWriter output, string path, string? function)
    {
        var module = Module.FromBytes(new Engine(new EngineConfig { Tier = ExecutionTier.Interpreter }), ModuleFile.ReadBytes(path));
        var functions = module.GetFunctionTiers();
        var chosen = function is null
            ? functions
            : functions.Where(f => f.Name == function || f.FunctionIndex.ToString(CultureInfo.InvariantCulture) == function).ToArray();
        if (chosen.Count == 0)
        {
            throw new UsageException(functions.Count == 0
                ? "the module defines no functions"
                : $"the module defines no function '{function}' (give an index from {functions[0].FunctionIndex} to {functions[^1].FunctionIndex}, or a function's name: its name-section name, else its first export name)");
        }
        foreach (var f in chosen)
        {
            output.WriteLine(f.Name is null ? $"func[{f.FunctionIndex}]:" : $"func[{f.FunctionIndex}] {f.Name}:");
            output.Write(module.DisassembleFunction(f.FunctionIndex));
        }
        return 0;
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
