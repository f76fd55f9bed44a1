using System.Globalization;
using System.Text;

namespace PluginHost;

/// <summary>Prints the reports as a plain-text table that fits a terminal.</summary>
internal static class ReportTable
{
    private const int MaxCell = 48;

    public static string Format(IEnumerable<PluginReport> reports, IEnumerable<PluginLoadFailure> loadFailures)
    {
        var rows = new List<string[]> { new[] { "plugin", "input", "transform", "score", "ms", "outcome" } };
        foreach (var r in reports)
        {
            rows.Add([
                r.Plugin,
                r.Input,
                r.Transformed ?? "-",
                r.Score?.ToString("0.###", CultureInfo.InvariantCulture) ?? "-",
                r.Elapsed.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture),
                r.Failure ?? "ok",
            ]);
        }
        foreach (var f in loadFailures) rows.Add([f.Name, "-", "-", "-", "-", "not loaded: " + f.Reason]);

        var widths = new int[rows[0].Length];
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length - 1; i++) widths[i] = Math.Max(widths[i], Math.Min(row[i].Length, MaxCell));
        }
        var text = new StringBuilder();
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            for (var i = 0; i < row.Length; i++)
            {
                var cell = Clip(row[i], i == row.Length - 1 ? 200 : MaxCell);
                text.Append(i == row.Length - 1 ? cell : cell.PadRight(widths[i] + 2));
            }
            text.AppendLine();
            if (r == 0) text.AppendLine(new string('-', widths.Sum() + 2 * (widths.Length - 1) + 7));
        }
        return text.ToString();
    }

    private static string Clip(string cell, int max)
    {
        cell = cell.ReplaceLineEndings(" ");
        return cell.Length <= max ? cell : cell[..(max - 1)] + "…";
    }
}
