using System.CommandLine;

namespace WasmBind.Cli.Commands;

/// <summary><c>wasmbind invoke &lt;module&gt; &lt;export&gt; [--tier T] [args...]</c>: calls one exported function of an import-free module.</summary>
internal static class InvokeCommand
{
    public static Command Create(CliContext context)
    {
        var modulePath = new Argument<string>("module") { Description = "The .wasm file. It must not have imports." };
        var export = new Argument<string>("export") { Description = "The exported function to call." };
        var arguments = new Argument<string[]>("args")
        {
            Description = "Arguments, parsed per the function's parameter types: 42, -1, 0xff, 1.5, inf, nan, null, or typed as i32:42. Put -- before negative numbers if they are taken for options.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var tier = TierOption.Create();
        var command = new Command("invoke", "Instantiate a module and call one of its exported functions, printing each result as type:value on its own line.")
        {
            modulePath, export, arguments, tier,
        };
        command.SetAction(parse => context.Guard(() =>
            Invoke(context, parse.GetValue(modulePath)!, parse.GetValue(export)!, parse.GetValue(arguments) ?? [], parse.GetValue(tier))));
        return command;
    }

    private static int Invoke(CliContext context, string path, string exportName, string[] texts, string? tier)
    {
        var engine = new Engine(new EngineConfig { Tier = TierOption.Resolve(tier) });
        var module = ModuleFile.Load(engine, path);
        if (module.Imports.Count > 0)
        {
            var list = string.Join(", ", module.Imports.Select(i => $"{i.Module}.{i.Name} {i.Type}"));
            throw new UsageException($"{path} imports {module.Imports.Count} item(s), and invoke provides none: {list}");
        }

        try
        {
            // Instantiation is inside: a start function or segment initialisation can trap too.
            var instance = new Linker(engine).Instantiate(new Store(engine), module);
            var function = instance.GetFunction(exportName) ?? throw new UsageException(NoSuchFunction(module, exportName));
            var parameters = function.Type.Parameters;
            if (texts.Length != parameters.Count)
                throw new UsageException($"{exportName} takes {parameters.Count} argument(s) {function.Type}, got {texts.Length}");
            var values = new Value[texts.Length];
            for (var i = 0; i < texts.Length; i++) values[i] = ValueArguments.Parse(texts[i], parameters[i]);

            foreach (var result in function.Invoke(values)) context.Out.WriteLine(result.ToString());
            return 0;
        }
        catch (TrapException trap)
        {
            context.Error.WriteLine($"trap: {trap.Message}");
            if (trap.Backtrace.Count > 0) context.Error.WriteLine("wasm backtrace:");
            for (var i = 0; i < trap.Backtrace.Count; i++) context.Error.WriteLine($"  {i}: {trap.Backtrace[i]}");
            return 1;
        }
    }

    private static string NoSuchFunction(Module module, string name)
    {
        var functions = module.Exports.Where(e => e.Type is FunctionType).Select(e => e.Name).ToArray();
        var available = functions.Length == 0 ? "it exports no functions" : $"exported functions: {string.Join(", ", functions)}";
        return $"no exported function \"{name}\" ({available})";
    }
}
