using System.Diagnostics;

namespace WasmBind.Testing;

/// <summary>Options for a run over spec scripts.</summary>
internal sealed record WastRunOptions
{
    /// <summary>Count the scripts of <c>simd_*</c> folders (or files) as skipped instead of running them (off: SIMD is implemented).</summary>
    public bool SkipSimd { get; init; }

    /// <summary>The reason recorded for skipped SIMD scripts.</summary>
    public string SimdSkipReason { get; init; } = "SIMD";

    /// <summary>Where <c>spectest.print*</c> writes; null for silence.</summary>
    public TextWriter? Log { get; init; }

    /// <summary>The engine configuration to run with; null for the defaults.</summary>
    public EngineConfig? EngineConfig { get; init; }

    /// <summary>
    /// Run the scripts of a <c>proposals/&lt;name&gt;/</c> folder with the features that proposal's tests were written for
    /// (<see cref="ProposalRules"/>) instead of <see cref="EngineConfig"/>'s; on by default.
    /// </summary>
    public bool ProposalRules { get; init; } = true;
}

/// <summary>Runs spec scripts (<c>.wast</c> text, or wast2json <c>.json</c>), one fresh store per script.</summary>
internal sealed class WastRunner(WastRunOptions? options = null)
{
    private readonly WastRunOptions options = options ?? new WastRunOptions();
    private readonly Dictionary<WasmFeatures, Engine> engines = [];

    // One engine per feature set for the whole run: engines are shareable, and scripts only need their own stores.
    private Engine EngineFor(string scriptPath)
    {
        var config = options.EngineConfig ?? new EngineConfig();
        var features = options.ProposalRules ? Testing.ProposalRules.For(scriptPath, config.Features) : config.Features;
        if (!engines.TryGetValue(features, out var engine))
        {
            engine = new Engine(features == config.Features ? config : config.WithFeatures(features));
            engines.Add(features, engine);
        }
        return engine;
    }

    /// <summary>
    /// Runs a script file, or every <c>*.json</c> and <c>*.wast</c> script below a folder (in path order). A <c>.wast</c>
    /// with its wast2json <c>.json</c> beside it is left out, so a script is not counted twice.
    /// </summary>
    /// <exception cref="FileNotFoundException">Nothing exists at <paramref name="path"/>.</exception>
    public WastRunSummary RunPath(string path)
    {
        if (File.Exists(path)) return new WastRunSummary([RunScript(path)]);
        if (!Directory.Exists(path)) throw new FileNotFoundException($"no script or folder at {path}", path);
        var scripts = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || (WastScript.IsTextScript(f) && !File.Exists(Path.ChangeExtension(f, ".json"))))
            .Order(StringComparer.Ordinal)
            .Select(RunScript)
            .ToArray();
        return new WastRunSummary(scripts);
    }

    /// <summary>Runs one script. Never throws for a problem in the script or the runtime: those become failures.</summary>
    public ScriptResult RunScript(string path)
    {
        var result = new ScriptResult(ScriptName(path), path);
        var clock = Stopwatch.StartNew();
        WastScript script;
        try
        {
            script = WastScript.Load(path);
        }
        catch (Exception ex)
        {
            // Broad on purpose, like Execute: no script, however malformed, may end the run.
            var line = ex is Text.MalformedTextException text ? text.Line : 0;
            result.Fail(line, "script", $"cannot read the script: {(ex is IOException or UnauthorizedAccessException or FormatException or System.Text.Json.JsonException or WasmException ? ex.Message : ExceptionText.Describe(ex))}");
            return result;
        }

        if (options.SkipSimd && IsSimd(path))
        {
            foreach (var command in script.Commands) result.Skip(command, options.SimdSkipReason);
        }
        else
        {
            var session = new WastSession(EngineFor(path), options.Log);
            foreach (var command in script.Commands) Record(result, command, Execute(session, command));
        }
        result.Elapsed = clock.Elapsed;
        return result;
    }

    /// <summary>A script's display name: wast2json names the file after its <c>.wast</c>, so the file name says it.</summary>
    public static string ScriptName(string path) => Path.GetFileNameWithoutExtension(path);

    /// <summary>Whether the script is one of the SIMD ones, judged by its name or its folder's.</summary>
    public static bool IsSimd(string path)
    {
        var folder = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path)) ?? "");
        return Path.GetFileName(path).StartsWith("simd_", StringComparison.Ordinal) || folder.StartsWith("simd_", StringComparison.Ordinal);
    }

    private static Outcome Execute(WastSession session, WastCommand command)
    {
        try
        {
            return session.Execute(command);
        }
        catch (SkipException skip)
        {
            return Outcome.Skip(skip.Message);
        }
        catch (Exception ex)
        {
            // Deliberately broad: a runtime bug (NullReferenceException, IndexOutOfRangeException, ...) must become a
            // reported failure of this command, not end the run; ExceptionText keeps its type and origin visible.
            return Outcome.Fail(ExceptionText.Describe(ex));
        }
    }

    private static void Record(ScriptResult result, WastCommand command, Outcome outcome)
    {
        switch (outcome.Kind)
        {
            case OutcomeKind.Passed: result.Pass(command); break;
            case OutcomeKind.Skipped: result.Skip(command, outcome.Text ?? "unspecified"); break;
            default: result.Fail(command, outcome.Text ?? "failed"); break;
        }
    }
}
