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
        var features = new Option<string>("--features")
        {
            Description = "The engine's proposals, a comma-separated list read left to right: a preset (default, wasm2, all, none) "
                + "replaces the set, a name adds a feature, -name removes it. The 2.0 suite (json/core, wast/core) expects wasm2: "
                + "the default engine has Wasm 3.0 features whose rules differ from 2.0's. Example: wasm2,tail-call. Names: " + FeatureList.Names + ".",
            DefaultValueFactory = _ => "default",
        };

        var noProposalRules = new Option<bool>("--no-proposal-rules")
        {
            Description = "Run scripts under proposals/<name>/ with --features too. By default those of the threads proposal "
                + "(copies of core scripts written before reference types, multi-memory and memory64) run with the rules they "
                + "were written for, and wide-arithmetic's with that feature on.",
        };

        var command = new Command("wast", "Run WebAssembly spec test scripts (.wast, or wast2json .json) and report passed, failed and skipped commands.")
        {
            path, json, markdown, skipSimd, maxFailures, verbose, features, noProposalRules,
        };
        command.SetAction(parse => context.Guard(() =>
        {
            var isVerbose = parse.GetValue(verbose);
            var runner = new WastRunner(new WastRunOptions
            {
                SkipSimd = parse.GetValue(skipSimd),
                Log = isVerbose ? context.Error : null,
                EngineConfig = new EngineConfig { Features = FeatureList.Parse(parse.GetValue(features)!) },
                ProposalRules = !parse.GetValue(noProposalRules),
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
