using System.ComponentModel;
using System.Reflection;
using System.Text.RegularExpressions;
using Xunit;
using Xunit.Abstractions;

namespace WasmBind.Package.Tests;

/// <summary>
/// WasmBind as its users get it: a package reference in a fresh project outside this repository. One class, so the
/// packages are packed once; the consumers are real builds, so it takes a few minutes.
/// </summary>
public sealed partial class PackageEndToEndTests(PackageFeed feed, ITestOutputHelper output) : IClassFixture<PackageFeed>
{
    // Build servers are turned off so a test run leaves no process behind.
    private static readonly string[] BuildFlags = ["--tl:off", "-nologo", "-nodeReuse:false", "-p:UseSharedCompilation=false"];

    [Fact]
    public void A_consumer_binds_a_guest_by_interface_builds_warning_free_and_runs()
    {
        var folder = feed.CreateConsumer("GoodConsumer", "Good");
        var build = Build(folder, "build", "-c", "Release");
        output.WriteLine($"consumer build with the generator and analyzers: {build.Elapsed.TotalSeconds:0.0} s");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.DoesNotMatch(WarningOrError(), build.Output);

        var run = DotnetProcess.Dotnet(folder, Path.Combine(folder, "bin", "Release", "net10.0", "GoodConsumer.dll"));
        Assert.True(run.ExitCode == 0, run.ToString());
        AssertGuestOutput(run.Output);
    }

    private const string CheckedGuest = """<AdditionalFiles Include="wordcount.wasm" WasmBindContract="IPlugin" />""";

    [Fact]
    public void A_guest_checked_against_its_contract_builds_and_the_WIT_is_written_next_to_the_output()
    {
        var folder = feed.CreateConsumer("CheckedConsumer", "Good", items: CheckedGuest);
        var build = Build(folder, "build", "-c", "Release");
        output.WriteLine($"consumer build with a checked guest: {build.Elapsed.TotalSeconds:0.0} s");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.DoesNotMatch(WarningOrError(), build.Output);
        Assert.True(File.Exists(Path.Combine(folder, "obj", "Release", "net10.0", "wasmbind", "wordcount.wasmbind-guest")));
        var wit = File.ReadAllText(Path.Combine(folder, "bin", "Release", "net10.0", "CheckedConsumer.wit"));
        Assert.Contains("interface plugin {", wit, StringComparison.Ordinal);
        Assert.Contains("world checked-consumer {", wit, StringComparison.Ordinal);
    }

    [Fact]
    public void A_guest_missing_an_export_of_its_contract_fails_the_build_with_WB2060()
    {
        var folder = feed.CreateConsumer("MissingExport", "MissingExport", items: CheckedGuest);
        var build = Build(folder, "build", "-c", "Release");

        Assert.NotEqual(0, build.ExitCode);
        Assert.Equal(["error WB2060"], Diagnostics(build.Output));
        // At the .wasm, naming the export and the signature the contract needs.
        Assert.Matches(@"wordcount\.wasm(\(1,1\))? ?: error WB2060: Guest 'wordcount\.wasm' does not export 'rank', which 'IPlugin\.Rank' binds as \(func \(param i32 i32\) \(result i32\)\)",
            build.Output);
    }

    [Fact]
    public void A_store_captured_by_Task_Run_is_exactly_one_WB1001_warning()
    {
        var folder = feed.CreateConsumer("StoreAcrossThreads", "StoreAcrossThreads", warningsAsErrors: false);
        var build = Build(folder, "build", "-c", "Release");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Equal(["warning WB1001"], Diagnostics(build.Output));
    }

    [Fact]
    public void Broken_binding_interfaces_fail_with_each_WB2xxx_error_exactly_once()
    {
        var folder = feed.CreateConsumer("BrokenBindings", "BrokenBindings");
        var build = Build(folder, "build", "-c", "Release");

        Assert.NotEqual(0, build.ExitCode);
        // Once each: the analyzer reports them and the generator, told so by the package's build targets, does not.
        // Among them the non-partial interface's WB2001.
        Assert.Equal(
            ["error WB2001", "error WB2002", "error WB2003", "error WB2004", "error WB2006", "error WB2008", "error WB2009"],
            Diagnostics(build.Output));
    }

    [Theory]
    [InlineData("PublishTrimmed")]
    [InlineData("PublishAot")]
    public void A_trimmed_or_native_AOT_consumer_publishes_warning_free_and_runs(string mode)
    {
        var name = "Published" + mode;
        var folder = feed.CreateConsumer(name, "Good");
        var publishFolder = Path.Combine(folder, "published");
        // The property on the command line, as a user types it: it reaches every project in the build.
        var publish = Build(folder, "publish", "-c", "Release", "-r", PackageFeed.RuntimeIdentifier, $"-p:{mode}=true", "-o", publishFolder);
        output.WriteLine($"{mode} publish: {publish.Elapsed.TotalSeconds:0.0} s");

        Assert.True(publish.ExitCode == 0, publish.ToString());
        Assert.DoesNotMatch(WarningOrError(), publish.Output);

        var run = DotnetProcess.Run(Path.Combine(publishFolder, name), publishFolder);
        Assert.True(run.ExitCode == 0, run.ToString());
        AssertGuestOutput(run.Output);
    }

    [Fact]
    public void The_wasmbind_tool_installs_from_the_feed_and_runs()
    {
        var tools = Path.Combine(feed.Root, "tools");
        var install = DotnetProcess.Dotnet(feed.Root, "tool", "install", "WasmBind.Cli", "--version", feed.Version,
            "--tool-path", tools, "--add-source", feed.Feed);
        Assert.True(install.ExitCode == 0, install.ToString());

        var fib = Path.Combine(feed.RepositoryRoot, "samples", "modules", "fib.wasm");
        var invoke = DotnetProcess.Run(Path.Combine(tools, "wasmbind"), feed.Root, "invoke", fib, "fib", "20");
        Assert.True(invoke.ExitCode == 0, invoke.ToString());
        Assert.Equal("i32:6765", invoke.Output.Trim());
    }

    [Theory]
    [InlineData(typeof(WasmBind.Bindings.CanonicalAbi))]
    [InlineData(typeof(WasmBind.Bindings.ExportBinder))]
    public void Types_only_generated_code_calls_are_hidden_from_IntelliSense(Type type)
    {
        var attribute = type.GetCustomAttribute<EditorBrowsableAttribute>();
        Assert.Equal(EditorBrowsableState.Never, attribute?.State);
    }

    private CommandResult Build(string folder, params string[] arguments)
    {
        var result = DotnetProcess.Dotnet(folder, [.. arguments, .. BuildFlags]);
        output.WriteLine($"dotnet {string.Join(' ', arguments)}: exit {result.ExitCode}, {result.Elapsed.TotalSeconds:0.0} s");
        return result;
    }

    private static void AssertGuestOutput(string text)
    {
        Assert.Contains("describe: counts the words of the input", text, StringComparison.Ordinal);
        Assert.Contains("transform: 3 words", text, StringComparison.Ordinal);
        Assert.Contains("score: 28.571", text, StringComparison.Ordinal); // 2 words in 7 bytes, per 100 bytes
    }

    /// <summary>
    /// Each WasmBind diagnostic the build printed, once per occurrence ("error WB2001"), sorted. MSBuild prints each
    /// diagnostic once while building and again in its closing summary, so only lines before the summary count.
    /// </summary>
    private static string[] Diagnostics(string buildOutput)
    {
        var summary = buildOutput.IndexOf("Build FAILED.", StringComparison.Ordinal) is var failed and >= 0
            ? failed
            : buildOutput.IndexOf("Build succeeded.", StringComparison.Ordinal);
        var body = summary >= 0 ? buildOutput[..summary] : buildOutput;
        return [.. WasmBindDiagnostic().Matches(body).Select(m => m.Groups[1].Value + " " + m.Groups[2].Value).Order(StringComparer.Ordinal)];
    }

    [GeneratedRegex(@": (warning|error) (WB\d{4}):")]
    private static partial Regex WasmBindDiagnostic();

    [GeneratedRegex(@": (warning|error) [A-Z]+\d+")]
    private static partial Regex WarningOrError();
}
