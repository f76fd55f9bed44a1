using System.Reflection;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using WasmBind.Generators.Diagnostics;
using Xunit;

namespace WasmBind.Generators.Tests;

/// <summary>
/// Every WB2xxx descriptor the generator reports is an error whose help link is the build's RepositoryUrl (one place,
/// Directory.Build.props) plus the path of its docs page, and that page exists.
/// </summary>
public sealed class DescriptorTests
{
    private static readonly string RepoRoot = FindRepoRoot();

    public static TheoryData<string> Ids => new(Descriptors().Select(d => d.Id));

    [Fact]
    public void EveryDescriptorIsFound_AndIdsAreUnique()
    {
        var ids = Descriptors().Select(d => d.Id).ToList();
        Assert.True(ids.Count >= 13, $"only {ids.Count} descriptors found");
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches("^WB2[0-9]{3}$", id));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void HelpLink_IsTheRepositoryUrlPlusTheRulesPage_WhichExists(string id)
    {
        var descriptor = Descriptors().Single(d => d.Id == id);
        var repositoryUrl = XDocument.Load(Path.Combine(RepoRoot, "Directory.Build.props")).Descendants("RepositoryUrl").Single().Value.Trim();

        Assert.Equal($"{repositoryUrl}/blob/main/docs/rules/{id}.md", descriptor.HelpLinkUri);
        Assert.True(File.Exists(Path.Combine(RepoRoot, "docs", "rules", id + ".md")), $"docs/rules/{id}.md does not exist.");
        Assert.Equal(DiagnosticSeverity.Error, descriptor.DefaultSeverity);
        Assert.True(descriptor.IsEnabledByDefault);
    }

    private static IEnumerable<DiagnosticDescriptor> Descriptors() =>
        typeof(DiagnosticDescriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Concat(typeof(WasmBind.Generators.Wit.WitDiagnostics).GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .OrderBy(d => d.Id, StringComparer.Ordinal);

    private static string FindRepoRoot([CallerFilePath] string thisFile = "")
    {
        var directory = Path.GetDirectoryName(thisFile);
        while (directory is not null && !File.Exists(Path.Combine(directory, "WasmBind.sln"))) directory = Path.GetDirectoryName(directory);
        return directory ?? throw new InvalidOperationException("WasmBind.sln not found above " + thisFile);
    }
}
