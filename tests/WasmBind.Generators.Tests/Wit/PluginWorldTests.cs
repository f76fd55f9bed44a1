using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Xunit;

namespace WasmBind.Generators.Tests.Wit;

/// <summary>
/// The realistic plugin world (records, variants, lists of records, options, results, flags) that the runtime tests
/// bind to a C guest (tests/WasmBind.Tests/Bindings/Wit/plugin.wit): its C# compiles warning-free with every member
/// bound, and WIT out of that C# is the same WIT.
/// </summary>
public sealed class PluginWorldTests
{
    private static readonly string PluginWit = File.ReadAllText(Path.Combine(RepoRoot(), "tests", "WasmBind.Tests", "Bindings", "Wit", "plugin.wit")).ReplaceLineEndings("\n");

    [Fact]
    public void The_plugin_world_generates_CSharp_that_binds_every_function_and_compiles_warning_free()
    {
        var (result, output) = WitTestDriver.Run([new WitTestDriver.InMemoryText("/p/plugin.wit", PluginWit)], "namespace Other; public class C { }");

        var run = result.Results.Single();
        Assert.Null(run.Exception);
        Assert.Empty(run.Diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Contains(run.GeneratedSources, s => s.HintName == "Wit.plugin.Acme.Plugins.IPlugin.g.cs");
        Assert.Contains(run.GeneratedSources, s => s.HintName == "Wit.plugin.Acme.Plugins.IHost.g.cs");
    }

    [Fact]
    public void Round_trip_of_the_plugin_world_gives_the_same_WIT()
    {
        var run = WitTestDriver.Run([new WitTestDriver.InMemoryText("/p/plugin.wit", PluginWit)], "namespace Other; public class C { }").Result.Results.Single();
        var declarations = run.GeneratedSources.Single(s => s.HintName == "Wit.plugin.g.cs").SourceText.ToString();

        Assert.Equal(PluginWit, WitTestDriver.WitOf(declarations));
        // And WIT out of the WIT-in project itself (the generated interfaces count as the assembly's) is that WIT too.
        Assert.Equal(PluginWit, WitTestDriver.Unquote(run.GeneratedSources.Single(s => s.HintName == "WasmBind.Wit.g.cs").SourceText.ToString()));
    }

    private static string RepoRoot([CallerFilePath] string thisFile = "")
    {
        var directory = Path.GetDirectoryName(thisFile);
        while (directory is not null && !File.Exists(Path.Combine(directory, "WasmBind.sln"))) directory = Path.GetDirectoryName(directory);
        return directory ?? throw new InvalidOperationException("WasmBind.sln not found above " + thisFile);
    }
}
