using System.CommandLine;
using WasmBind.Testing;

namespace WasmBind.Cli.Commands;

/// <summary><c>wasmbind wast &lt;path&gt;</c>: runs spec scripts, <c>.wast</c> text or wast2json <c>.json</c>.</summary>
internal static class WastCommand
{
    public static Command Create(CliContext context)
    {
        var path = new Argument<string>("path") { Description = "A .wast script, a wast2json .json script, or a folder whose *.wast and *.json scripts (recursively) are all run." };
        var json = new Option<bool>("--json") { Description = "Write machine-readable results (per script and totals) to stdout instead of the text report." };
        var markdown = new Option<bool>("--markdown") { Description = "Write a Markdown table (one row per script, then the totals) instead of the text report." };
        var skipSimd = new Option<bool>("--skip-simd")
        {
            Description = "Count simd_* scripts as skipped (reason \"SIMD\") instead of running them.",
        };
        var maxFailures = new Option<int>("--max-failures")
        {
            Description = "How many failures to list under each failing script.",
            DefaultValueFactory = _ => 5,
        };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "List every failure and echo spectest.print* calls to stderr." };

        var command = new Command("wast", "Run WebAssembly spec test scripts (.wast, or wast2json .json) and report passed, failed and skipped commands.")
        {
            path, json, markdown, skipSimd, maxFailures, verbose,
        };
        command.SetAction(parse => context.Guard(() =>
        {
            var isVerbose = parse.GetValue(verbose);
            var runner = new WastRunner(new WastRunOptions
            {
                SkipSimd = parse.GetValue(skipSimd),
                Log = isVerbose ? context.Error : null,
            });
            var summary = runner.RunPath(parse.GetValue(path)!);
            if (parse.GetValue(json)) WastReport.WriteJson(context.Out, summary);
            else if (parse.GetValue(markdown)) WastReport.WriteMarkdown(context.Out, summary);
            else WastReport.WriteText(context.Out, summary, isVerbose ? int.MaxValue : Math.Max(0, parse.GetValue(maxFailures)));
            return summary.Succeeded ? 0 : 1;
        }));
        return command;
    }
}
