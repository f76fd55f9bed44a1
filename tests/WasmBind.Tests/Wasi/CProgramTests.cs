using WasmBind.Wasi;
using Xunit;

namespace WasmBind.Tests.Wasi;

/// <summary>The C programs in Fixtures/wasi (built by build.sh with clang-14 and wasi-libc) run and print what they should.</summary>
public sealed class CProgramTests
{
    [Fact]
    public void Hello_prints_its_line()
    {
        var result = WasiRun.Command(WasiRun.Fixture("hello.wasm"), new WasiConfig());
        Assert.Equal(new WasiRun.Result(0, "Hello, WASI!\n", ""), result);
    }

    [Fact]
    public void Argsenv_prints_its_arguments_and_environment_and_exits_with_the_count()
    {
        var config = new WasiConfig().WithArgs("argsenv", "one", "two words", "ünï").WithEnvironment("GREETING", "hi there").WithEnvironment("EMPTY", "");
        var result = WasiRun.Command(WasiRun.Fixture("argsenv.wasm"), config);
        Assert.Equal(3, result.ExitCode);
        Assert.Equal(
            "argc=4\nargv[0]=argsenv\nargv[1]=one\nargv[2]=two words\nargv[3]=ünï\nenv GREETING=hi there\nenv EMPTY=\nGREETING=hi there\n",
            result.Stdout);
    }

    [Fact]
    public void Argsenv_sees_an_inherited_environment()
    {
        var name = "WASMBIND_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "from host");
        try
        {
            var result = WasiRun.Command(WasiRun.Fixture("argsenv.wasm"), new WasiConfig().InheritEnvironment());
            Assert.Contains($"env {name}=from host\n", result.Stdout);
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void Copy_copies_a_file_between_preopens()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp["in"]);
        Directory.CreateDirectory(temp["out"]);
        var data = new byte[100_000];
        new Random(1).NextBytes(data);
        File.WriteAllBytes(temp["in/data.bin"], data);
        var config = new WasiConfig().WithArgs("copy", "/in/data.bin", "/out/copy.bin")
            .WithPreopenedDirectory(temp["in"], "/in", readOnly: true)
            .WithPreopenedDirectory(temp["out"], "/out");
        var result = WasiRun.Command(WasiRun.Fixture("copy.wasm"), config);
        Assert.Equal(new WasiRun.Result(0, "copied 100000 bytes\n", ""), result);
        Assert.Equal(data, File.ReadAllBytes(temp["out/copy.bin"]));
    }

    [Theory]
    [InlineData("/in/../../secret", "/out/x", "/in/../../secret: Capabilities insufficient\n")]
    [InlineData("/in/missing", "/out/x", "/in/missing: No such file or directory\n")]
    [InlineData("/in/data.bin", "/in/x", "/in/x: Read-only file system\n")]
    [InlineData("/in/data.bin", "/elsewhere/x", "/elsewhere/x: Capabilities insufficient\n")]
    public void Copy_reports_what_the_sandbox_refuses(string source, string destination, string error)
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp["in"]);
        Directory.CreateDirectory(temp["out"]);
        File.WriteAllText(temp["in/data.bin"], "data");
        File.WriteAllText(temp["secret"], "secret");
        var config = new WasiConfig().WithArgs("copy", source, destination)
            .WithPreopenedDirectory(temp["in"], "/in", readOnly: true)
            .WithPreopenedDirectory(temp["out"], "/out");
        var result = WasiRun.Command(WasiRun.Fixture("copy.wasm"), config);
        Assert.Equal(new WasiRun.Result(1, "", error), result);
    }
}
