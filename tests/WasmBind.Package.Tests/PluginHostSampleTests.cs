using Xunit;

namespace WasmBind.Package.Tests;

/// <summary>
/// The README's main command, <c>dotnet run --project samples/PluginHost</c>: every plugin gets a row, the well-behaved
/// ones with their results, each misbehaving one with what stopped it, and the host finishes normally.
/// </summary>
public sealed class PluginHostSampleTests
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    [Fact]
    public void The_plugin_host_serves_the_good_plugins_and_reports_each_misbehaving_one()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "WasmBind.sln"))) root = Path.GetDirectoryName(root)!;
        var program = Path.Combine(root, "samples", "PluginHost", "bin", Configuration, "net10.0", "PluginHost.dll");

        // A generous deadline: on a busy machine a well-behaved plugin must not be cut off; fuel still stops the runaway.
        var run = DotnetProcess.Dotnet(Path.GetTempPath(), program, "--input", "hello wasm", "--timeout", "10000");

        Assert.True(run.ExitCode == 0, run.ToString());
        var rows = run.Output.Split('\n').Select(line => line.TrimEnd()).ToArray();
        string Row(string plugin) => Assert.Single(rows, r => r.StartsWith(plugin + " ", StringComparison.Ordinal) && r.Contains("hello wasm", StringComparison.Ordinal));

        Assert.Contains("Hello from the host: HELLO WASM", Row("shout"), StringComparison.Ordinal);   // async key-value lookup
        Assert.Contains("uryyb jnfz", Row("rot13"), StringComparison.Ordinal);                         // the Rust plugin
        Assert.Contains("2 words", Row("wordcount"), StringComparison.Ordinal);
        Assert.EndsWith("ok", Row("shout"), StringComparison.Ordinal);
        Assert.EndsWith("trap: integer divide by zero", Row("trap"), StringComparison.Ordinal);
        Assert.Matches("stopped: (out of fuel|epoch deadline passed)", Row("runaway"));
        Assert.Contains("trap: out-of-bounds memory access", Row("malformed"), StringComparison.Ordinal);
        Assert.Matches("stopped: (memory limit reached|out of fuel|epoch deadline passed)", Row("hog"));
        Assert.Contains(rows, r => r.StartsWith("broken ", StringComparison.Ordinal) && r.Contains("not loaded: MalformedModuleException", StringComparison.Ordinal));
        Assert.Contains("3 of 7 calls served; 4 stopped by the host", run.Output, StringComparison.Ordinal);
        Assert.Contains("[shout] shout: transformed one input", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_explains_the_options_and_a_bad_option_is_a_clear_error()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "WasmBind.sln"))) root = Path.GetDirectoryName(root)!;
        var program = Path.Combine(root, "samples", "PluginHost", "bin", Configuration, "net10.0", "PluginHost.dll");

        var help = DotnetProcess.Dotnet(Path.GetTempPath(), program, "--help");
        Assert.Equal(0, help.ExitCode);
        foreach (var option in new[] { "--plugins", "--input", "--fuel", "--timeout", "--memory" }) Assert.Contains(option, help.Output, StringComparison.Ordinal);

        var bad = DotnetProcess.Dotnet(Path.GetTempPath(), program, "--fuel", "lots");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--fuel needs a positive whole number", bad.Output, StringComparison.Ordinal);
    }
}
