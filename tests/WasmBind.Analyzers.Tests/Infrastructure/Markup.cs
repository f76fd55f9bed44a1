using Microsoft.CodeAnalysis.Text;

namespace WasmBind.Analyzers.Tests.Infrastructure;

/// <summary>An expected diagnostic: its id and the exact span it must cover.</summary>
public readonly record struct ExpectedDiagnostic(string Id, TextSpan Span);

/// <summary>
/// Marked-up test source: <c>[|text|]</c> expects the rule under test on exactly <c>text</c>;
/// <c>{|WB1001:text|}</c> names the id. Markers nest. Neither form occurs in ordinary C#.
/// </summary>
public static class Markup
{
    public static (string Source, List<ExpectedDiagnostic> Expected) Parse(string markup, string? defaultId)
    {
        var source = new System.Text.StringBuilder(markup.Length);
        var expected = new List<ExpectedDiagnostic>();
        var open = new Stack<(string? Id, int Start)>();
        for (var i = 0; i < markup.Length; i++)
        {
            if (Starts(markup, i, "[|"))
            {
                open.Push((null, source.Length));
                i++;
            }
            else if (Starts(markup, i, "{|") && markup.IndexOf(':', i) is var colon and > 0 && IsId(markup, i + 2, colon))
            {
                open.Push((markup.Substring(i + 2, colon - i - 2), source.Length));
                i = colon;
            }
            else if ((Starts(markup, i, "|]") || Starts(markup, i, "|}")) && open.Count > 0)
            {
                var (id, start) = open.Pop();
                id ??= defaultId ?? throw new InvalidOperationException("[|...|] needs a default diagnostic id.");
                expected.Add(new ExpectedDiagnostic(id, TextSpan.FromBounds(start, source.Length)));
                i++;
            }
            else
            {
                source.Append(markup[i]);
            }
        }
        if (open.Count > 0) throw new InvalidOperationException("Unclosed markup in test source.");
        return (source.ToString(), expected);
    }

    private static bool Starts(string text, int index, string value) => string.CompareOrdinal(text, index, value, 0, value.Length) == 0;

    private static bool IsId(string text, int start, int end)
    {
        if (end - start is < 2 or > 10) return false;
        for (var i = start; i < end; i++)
        {
            if (!char.IsLetterOrDigit(text[i])) return false;
        }
        return true;
    }
}
