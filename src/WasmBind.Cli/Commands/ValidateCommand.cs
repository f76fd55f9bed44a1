using System.CommandLine;

namespace WasmBind.Cli.Commands;

/// <summary><c>wasmbind validate &lt;module&gt;</c>: decodes and validates without instantiating.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliContext context)
    {
        var modulePath = new Argument<string>("module") { Description = "The .wasm file to check." };
        var command = new Command("validate", "Check that a module decodes and validates. Prints \"valid\" (exit 0), or why not on stderr (exit 1).")
        {
            modulePath,
        };
        command.SetAction(parse => context.Guard(() =>
        {
            var bytes = ModuleFile.ReadBytes(parse.GetValue(modulePath)!);
            try
            {
                Module.Validate(new Engine(), bytes);
            }
            catch (Exception ex) when (ex is MalformedModuleException or InvalidModuleException)
            {
                // The verdict, not a tool error, but still a non-zero exit so scripts can test it; the message says which kind.
                context.Error.WriteLine(ex.Message);
                return 1;
            }
            context.Out.WriteLine("valid");
            return 0;
        }));
        return command;
    }
}
