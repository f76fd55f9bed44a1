using System.Text.Json;
using WasmBind.Tests.Support;
using WasmBind.Wasi;
using Xunit;
using Xunit.Abstractions;

namespace WasmBind.Tests.Wasi;

/// <summary>
/// The official WASI test suite (../shared/wasi-testsuite: C and AssemblyScript programs), run as its specification.md
/// says: each <c>NAME.wasm</c> with the args, env and root preopen of <c>NAME.json</c> (defaults where absent), on a fresh
/// copy of its folder, checking the exit code and stdout.
/// </summary>
/// <remarks>
/// The suite is found next to the spec test suite (<see cref="SharedData"/>); when absent the rows follow its convention:
/// one placeholder row that passes with an explanation, and a fact that fails on CI.
/// </remarks>
public sealed class WasiTestsuiteTests(ITestOutputHelper output)
{
    private static readonly string[] Suites = ["c", "assemblyscript"];

    private static string? SuiteRoot { get; } = SharedData.TestsuiteRoot is { } spec
        ? Path.Combine(Path.GetDirectoryName(spec)!, "wasi-testsuite") is var root && Directory.Exists(root) ? root : null
        : null;

    public static IEnumerable<object[]> Programs()
    {
        if (SuiteRoot is not { } root)
        {
            yield return [SharedData.AbsentRow];
            yield break;
        }
        foreach (var suite in Suites)
        {
            foreach (var wasm in Directory.GetFiles(Path.Combine(root, suite), "*.wasm").Order(StringComparer.Ordinal))
                yield return [$"{suite}/{Path.GetFileNameWithoutExtension(wasm)}"];
        }
    }

    [Fact]
    public void The_suite_is_present_on_CI()
    {
        Assert.False(SharedData.IsCi && SuiteRoot is null, "shared/wasi-testsuite is missing on a CI machine.");
    }

    [Fact]
    public void Every_suite_has_programs()
    {
        if (SuiteRoot is null) return;
        var names = Programs().Select(r => (string)r[0]).ToList();
        foreach (var suite in Suites) Assert.Contains(names, n => n.StartsWith(suite + "/", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public void Program_passes(string name)
    {
        if (name == SharedData.AbsentRow)
        {
            output.WriteLine("WASI test suite not found: no 'shared/wasi-testsuite' beside 'shared/testsuite'. Passing without running (fails on CI).");
            return;
        }
        var source = Path.GetDirectoryName(Path.Combine(SuiteRoot!, name))!;
        var program = Path.GetFileName(name);
        using var copy = new TempDirectory();
        CopyFolder(source, copy.Path, program);
        var spec = TestSpec.Load(Path.Combine(copy.Path, program + ".json"));

        var config = new WasiConfig().WithArgs([program + ".wasm", .. spec.Args]);
        foreach (var (key, value) in spec.Env) config.WithEnvironment(key, value);
        if (spec.Root is { } root) config.WithPreopenedDirectory(Path.Combine(copy.Path, root), "/");
        var result = WasiRun.Command(Path.Combine(copy.Path, program + ".wasm"), config);

        output.WriteLine($"exit {result.ExitCode}\nstdout: {result.Stdout}\nstderr: {result.Stderr}");
        Assert.Equal(spec.ExitCode, result.ExitCode);
        Assert.Equal(spec.Stdout, result.Stdout);
    }

    /// <summary>
    /// Copies the test's folder: its own files and every directory (a root preopen lives there), but not the other tests'
    /// modules. The suite's files are read-only and a test may write into them, so the copies are made writable, and the
    /// leftovers of earlier runs (<c>*.cleanup</c>) are not copied.
    /// </summary>
    private static void CopyFolder(string source, string destination, string program)
    {
        foreach (var file in Directory.EnumerateFiles(source))
        {
            var name = Path.GetFileName(file);
            if (name.StartsWith(program + ".", StringComparison.Ordinal)) CopyFile(file, Path.Combine(destination, name));
        }
        foreach (var directory in Directory.EnumerateDirectories(source))
            CopyTree(directory, Path.Combine(destination, Path.GetFileName(directory)));
    }

    private static void CopyTree(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(destination, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        foreach (var file in Directory.EnumerateFiles(source))
            if (!file.EndsWith(".cleanup", StringComparison.Ordinal)) CopyFile(file, Path.Combine(destination, Path.GetFileName(file)));
        foreach (var directory in Directory.EnumerateDirectories(source))
            CopyTree(directory, Path.Combine(destination, Path.GetFileName(directory)));
    }

    private static void CopyFile(string source, string destination)
    {
        File.Copy(source, destination);
        File.SetAttributes(destination, FileAttributes.Normal);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(destination, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
    }

    /// <summary>A test's JSON in the legacy form the suite uses (specification.md), with its defaults.</summary>
    private sealed record TestSpec(string[] Args, KeyValuePair<string, string>[] Env, string? Root, int ExitCode, string Stdout)
    {
        public static TestSpec Load(string path)
        {
            if (!File.Exists(path)) return new TestSpec([], [], null, 0, "");
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            var top = json.RootElement;
            if (top.TryGetProperty("operations", out _))
                throw new NotSupportedException($"{path} uses the operation-based format, which this runner does not implement yet.");
            return new TestSpec(
                top.TryGetProperty("args", out var args) ? args.EnumerateArray().Select(a => a.GetString()!).ToArray() : [],
                top.TryGetProperty("env", out var env) ? env.EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, p.Value.GetString()!)).ToArray() : [],
                top.TryGetProperty("root", out var root) && root.ValueKind == JsonValueKind.String ? root.GetString() : null,
                top.TryGetProperty("exit_code", out var exit) ? exit.GetInt32() : 0,
                top.TryGetProperty("stdout", out var stdout) ? stdout.GetString()! : "");
        }
    }
}
