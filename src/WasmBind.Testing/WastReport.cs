using System.Text.Json;

namespace WasmBind.Testing;

/// <summary>Writes run results as text for people or as JSON for tools.</summary>
internal static class WastReport
{
    /// <summary>
    /// One line per script, the first failures under each failing one, and a last line
    /// <c>N passed, N failed, N skipped</c> that scripts may parse.
    /// </summary>
    public static void WriteText(TextWriter output, WastRunSummary summary, int failuresPerScript)
    {
        foreach (var script in summary.Scripts)
        {
            output.WriteLine(ScriptLine(script));
            foreach (var failure in script.Failures.Take(failuresPerScript)) output.WriteLine($"  {failure}");
            if (script.Failures.Count > failuresPerScript)
                output.WriteLine($"  ... and {script.Failures.Count - failuresPerScript} more failure(s)");
        }
        var skipped = summary.SkippedByReason;
        if (skipped.Count > 0) output.WriteLine($"skipped: {string.Join(", ", skipped.Select(r => $"{r.Key} {r.Value}"))}");
        var totals = summary.Totals;
        output.WriteLine($"{totals.Passed} passed, {totals.Failed} failed, {totals.Skipped} skipped");
    }

    public static string ScriptLine(ScriptResult script)
    {
        if (script.Failed > 0) return $"FAIL {script.Name} {script.Passed}/{script.Failed}/{script.Skipped}";
        var ran = script.Passed + script.Failed;
        var status = ran == 0 && script.Skipped > 0 ? "SKIP" : "PASS";
        var line = $"{status} {script.Name} ({script.Passed}/{ran})";
        if (script.Skipped > 0)
            line += $" [{script.Skipped} skipped: {string.Join(", ", script.SkippedByReason.Select(r => $"{r.Key} {r.Value}"))}]";
        return line;
    }

    /// <summary>
    /// A Markdown table, one row per script: passed, failed and skipped commands, the skip reasons, and the first
    /// failure; then the totals. The docs' conformance tables are made with it.
    /// </summary>
    public static void WriteMarkdown(TextWriter output, WastRunSummary summary)
    {
        output.WriteLine("| script | passed | failed | skipped | skipped because | first failure |");
        output.WriteLine("| --- | ---: | ---: | ---: | --- | --- |");
        // Scripts in subfolders (legacy/, proposals/...) may share a name: show each path below the run's common folder.
        var root = summary.Scripts.Count == 0 ? "" : summary.Scripts
            .Select(s => System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(s.Path)) ?? "")
            .Aggregate((a, b) => CommonFolder(a, b));
        foreach (var script in summary.Scripts)
        {
            var name = System.IO.Path.ChangeExtension(System.IO.Path.GetRelativePath(root, System.IO.Path.GetFullPath(script.Path)), null).Replace('\\', '/');
            var reasons = string.Join("; ", script.SkippedByReason.Select(r => $"{r.Key} ({r.Value})"));
            var failure = script.Failures.FirstOrDefault() is { } f ? $"line {f.Line}: {f.Command}: {Shorten(f.Message)}" : "";
            output.WriteLine($"| {name} | {script.Passed} | {script.Failed} | {script.Skipped} | {Cell(reasons)} | {Cell(failure)} |");
        }
        var t = summary.Totals;
        output.WriteLine($"| **total** ({summary.Scripts.Count} scripts) | {t.Passed} | {t.Failed} | {t.Skipped} | | |");
    }

    private static string CommonFolder(string a, string b)
    {
        while (!(b + System.IO.Path.DirectorySeparatorChar).StartsWith(a + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal))
            a = System.IO.Path.GetDirectoryName(a) ?? "";
        return a;
    }

    private static string Shorten(string text) => text.Length <= 140 ? text : text[..140] + "...";

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");

    /// <summary>Per-script results (counts, skip reasons, counts per command type, every failure) and the totals.</summary>
    public static void WriteJson(TextWriter output, WastRunSummary summary)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            WriteJson(json, summary);
        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    private static void WriteJson(Utf8JsonWriter json, WastRunSummary summary)
    {
        json.WriteStartObject();
        json.WriteStartArray("scripts");
        foreach (var script in summary.Scripts)
        {
            json.WriteStartObject();
            json.WriteString("name", script.Name);
            json.WriteString("path", script.Path);
            WriteTally(json, script.Totals);
            json.WriteNumber("elapsedMs", Math.Round(script.Elapsed.TotalMilliseconds, 1));
            WriteReasons(json, script.SkippedByReason);
            WriteByCommand(json, script.ByCommand);
            json.WriteStartArray("failures");
            foreach (var failure in script.Failures)
            {
                json.WriteStartObject();
                json.WriteNumber("line", failure.Line);
                json.WriteString("command", failure.Command);
                json.WriteString("message", failure.Message);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartObject("totals");
        WriteTally(json, summary.Totals);
        WriteReasons(json, summary.SkippedByReason);
        WriteByCommand(json, summary.ByCommand);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteTally(Utf8JsonWriter json, WastTally tally)
    {
        json.WriteNumber("passed", tally.Passed);
        json.WriteNumber("failed", tally.Failed);
        json.WriteNumber("skipped", tally.Skipped);
    }

    private static void WriteReasons(Utf8JsonWriter json, IEnumerable<KeyValuePair<string, int>> reasons)
    {
        json.WriteStartObject("skippedByReason");
        foreach (var (reason, count) in reasons) json.WriteNumber(reason, count);
        json.WriteEndObject();
    }

    private static void WriteByCommand(Utf8JsonWriter json, IEnumerable<KeyValuePair<string, WastTally>> byCommand)
    {
        json.WriteStartObject("byCommand");
        foreach (var (type, tally) in byCommand)
        {
            json.WriteStartObject(type);
            WriteTally(json, tally);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }
}
