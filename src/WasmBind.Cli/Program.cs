using System.CommandLine;
using System.CommandLine.Help;
using WasmBind.Cli.Commands;

namespace WasmBind.Cli;

internal static class Program
{
    private static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>The whole tool behind one call, writing only to the given writers, so tests can run it in-process.</summary>
    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var context = new CliContext(stdout, stderr);
        var root = CreateRootCommand(context);
        return root.Parse(args).Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
    }

    internal static Command CreateRootCommand(CliContext context)
    {
        // A plain Command rather than RootCommand: RootCommand names itself after the running executable
        // (WasmBind.Cli, or testhost under tests), and the usage text should always say "wasmbind".
        var root = new Command("wasmbind", "Run, validate and inspect WebAssembly modules with the WasmBind runtime.")
        {
            new HelpOption(),
            new VersionOption(),
            WastCommand.Create(context),
            InvokeCommand.Create(context),
            RunCommand.Create(context),
            ValidateCommand.Create(context),
            InspectCommand.Create(context),
            BindgenCommand.Create(context),
        };
        return root;
    }
}
