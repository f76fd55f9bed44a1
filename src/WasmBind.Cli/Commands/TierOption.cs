using System.CommandLine;

namespace WasmBind.Cli.Commands;

/// <summary>The <c>--tier interpreter|tiered|compiled</c> option of the commands that run code (see <see cref="EngineConfig.Tier"/>).</summary>
internal static class TierOption
{
    public static Option<string?> Create()
    {
        var option = new Option<string?>("--tier")
        {
            Description = "How to run WebAssembly: interpreter (never compile), tiered (the default: compile hot functions in the background) or compiled (compile everything before running).",
        };
        option.AcceptOnlyFromAmong("interpreter", "tiered", "compiled");
        return option;
    }

    /// <summary>The tier chosen on the command line, or the engine's default when none was given.</summary>
    public static ExecutionTier Resolve(string? tier) => tier switch
    {
        "interpreter" => ExecutionTier.Interpreter,
        "tiered" => ExecutionTier.Tiered,
        "compiled" => ExecutionTier.Compiled,
        _ => new EngineConfig().Tier,
    };
}
