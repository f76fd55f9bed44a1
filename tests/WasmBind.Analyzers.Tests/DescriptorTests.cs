using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using WasmBind.Analyzers.Tests.Verifiers;
using Xunit;

namespace WasmBind.Analyzers.Tests;

/// <summary>
/// Every descriptor of every analyzer in the assembly (WB1xxx here, and the WB2xxx rules once they are compiled in)
/// has a docs page, an index line, a release-tracking line and a help link to its page.
/// </summary>
public class DescriptorTests
{
    private static readonly string RepoRoot = FindRepoRoot();

    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var id in AllDescriptors().Select(d => d.Id).Distinct().Order()) data.Add(id);
        return data;
    }

    private static IEnumerable<DiagnosticDescriptor> AllDescriptors() =>
        TestSetup.AllAnalyzers.SelectMany(a => a.SupportedDiagnostics);

    [Fact]
    public void There_are_rules_and_their_ids_are_unique_per_analyzer()
    {
        var descriptors = AllDescriptors().ToList();
        Assert.True(descriptors.Count >= 6);
        foreach (var group in descriptors.GroupBy(d => d.Id))
            Assert.True(group.Select(d => d.Title.ToString()).Distinct().Count() == 1, $"{group.Key} is described differently by two analyzers.");
        Assert.All(descriptors, d => Assert.Matches("^WB[12][0-9]{3}$", d.Id));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Help_link_points_at_the_rules_page(string id)
    {
        // The link is the build's RepositoryUrl (one place, Directory.Build.props) plus the page's path in the
        // repository, and that page exists in this checkout.
        var descriptor = AllDescriptors().First(d => d.Id == id);
        var repositoryUrl = XDocument.Load(Path.Combine(RepoRoot, "Directory.Build.props")).Descendants("RepositoryUrl").Single().Value.Trim();
        Assert.StartsWith(repositoryUrl + "/blob/main/", descriptor.HelpLinkUri);
        var pagePath = descriptor.HelpLinkUri[(repositoryUrl + "/blob/main/").Length..];
        Assert.Equal($"docs/rules/{id}.md", pagePath);
        Assert.True(File.Exists(Path.Combine(RepoRoot, pagePath)), $"{descriptor.HelpLinkUri} points at {pagePath}, which does not exist.");
        Assert.False(string.IsNullOrWhiteSpace(descriptor.Title.ToString()));
        Assert.False(string.IsNullOrWhiteSpace(descriptor.MessageFormat.ToString()));
        Assert.False(string.IsNullOrWhiteSpace(descriptor.Description.ToString()));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Has_a_docs_page_with_what_why_fix_and_examples(string id)
    {
        var path = Path.Combine(RepoRoot, "docs", "rules", id + ".md");
        Assert.True(File.Exists(path), $"docs/rules/{id}.md is missing.");
        var page = File.ReadAllText(path);
        Assert.StartsWith($"# {id}", page);
        foreach (var heading in new[] { "## What", "## Why", "## How to fix", "## Example" })
            Assert.Contains(heading, page);
        Assert.Contains("](README.md)", page);
        // The analyzers' own rules say what the tests prove: what is reported, what is not, the known limits.
        if (id.StartsWith("WB1", StringComparison.Ordinal)) Assert.Contains("## Precision", page);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Is_listed_in_the_rules_index(string id)
    {
        var index = File.ReadAllText(Path.Combine(RepoRoot, "docs", "rules", "README.md"));
        Assert.Contains($"[{id}]({id}.md)", index);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Has_a_release_tracking_line(string id)
    {
        var descriptor = AllDescriptors().First(d => d.Id == id);
        var folder = Path.Combine(RepoRoot, "analyzers", "WasmBind.Analyzers");
        var lines = File.ReadAllLines(Path.Combine(folder, "AnalyzerReleases.Unshipped.md"))
            .Concat(File.ReadAllLines(Path.Combine(folder, "AnalyzerReleases.Shipped.md")));
        var line = lines.SingleOrDefault(l => Regex.IsMatch(l, $@"^{id}\s*\|"));
        Assert.True(line is not null, $"{id} has no line in AnalyzerReleases.Unshipped.md or Shipped.md.");
        var cells = line!.Split('|').Select(c => c.Trim()).ToArray();
        Assert.Equal(descriptor.Category, cells[1]);
        Assert.Equal(descriptor.DefaultSeverity.ToString(), cells[2]);
    }

    private static string FindRepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "WasmBind.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException("WasmBind.sln not found above " + AppContext.BaseDirectory);
    }
}
