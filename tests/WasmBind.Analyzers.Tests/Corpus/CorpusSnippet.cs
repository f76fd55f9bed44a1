namespace WasmBind.Analyzers.Tests.Corpus;

/// <summary>
/// One piece of application code in the corpus: <paramref name="Rule"/> is the rule it breaks, or null for a correct
/// look-alike that no rule may report.
/// </summary>
public sealed record CorpusSnippet(string? Rule, string Name, string Code);
