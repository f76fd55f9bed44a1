using Microsoft.CodeAnalysis;
using WasmBind.Build;
using WasmBind.Generators.Tests.Verifiers;
using Xunit;

namespace WasmBind.Generators.Tests.Wit;

/// <summary>
/// The guest checked at build time: the build task's description of a .wasm (tested here on hand-assembled modules)
/// and the generator's check of it against the contract and the host's imports.
/// </summary>
public sealed class ContractCheckTests
{
    private const string Contract = TestSetup.Usings + """
        namespace Demo;
        [WasmExports]
        public partial interface IPlugin
        {
            int Add(int a, int b);
            string Greet(string name);
        }

        [WasmImports("env")]
        public partial interface IHost
        {
            void Log(string message);
        }
        """;

    [Fact]
    public void A_guest_that_meets_the_contract_has_no_diagnostic()
    {
        var diagnostics = Check("""
            # wasmbind guest v1
            export "add" (func (param i32 i32) (result i32))
            export "greet" (func (param i32 i32) (result i32))
            import "env" "log" (func (param i32 i32))
            import "wasi_snapshot_preview1" "fd_write" (func (param i32 i32 i32 i32) (result i32))
            """);
        Assert.Empty(diagnostics);
    }

    [Fact]
    public void A_missing_export_is_WB2060_naming_it_and_its_signature_at_the_wasm()
    {
        var diagnostic = Assert.Single(Check("""
            # wasmbind guest v1
            export "add" (func (param i32 i32) (result i32))
            """));
        Assert.Equal("WB2060", diagnostic.Id);
        Assert.Equal("Guest 'plugin.wasm' does not export 'greet', which 'Demo.IPlugin.Greet' binds as (func (param i32 i32) (result i32))", diagnostic.GetMessage());
        Assert.Equal("/p/plugins/plugin.wasm", diagnostic.Location.GetLineSpan().Path);
    }

    [Fact]
    public void A_mistyped_export_is_WB2061_with_both_signatures()
    {
        var diagnostic = Assert.Single(Check("""
            # wasmbind guest v1
            export "add" (func (param i64 i64) (result i64))
            export "greet" (func (param i32 i32) (result i32))
            """));
        Assert.Equal("WB2061", diagnostic.Id);
        Assert.Equal("Guest 'plugin.wasm' exports 'add' as (func (param i64 i64) (result i64)), but 'Demo.IPlugin.Add' binds it as (func (param i32 i32) (result i32))", diagnostic.GetMessage());
    }

    [Fact]
    public void An_import_the_host_does_not_provide_is_WB2062()
    {
        var diagnostics = Check("""
            # wasmbind guest v1
            export "add" (func (param i32 i32) (result i32))
            export "greet" (func (param i32 i32) (result i32))
            import "env" "log" (func (param i32))
            import "env" "exit" (func (param i32))
            """).Select(d => d.GetMessage()).ToList();
        Assert.Equal([
            "Guest 'plugin.wasm' imports 'env::log' as (func (param i32)), but 'Demo.IHost.Log' provides it as (func (param i32 i32))",
            "Guest 'plugin.wasm' imports 'env::exit' as (func (param i32)), which no [WasmImports] interface of this project provides (list host-provided modules in WasmBindHostModules)",
        ], diagnostics);
    }

    [Fact]
    public void WasmBindHostModules_lists_the_modules_the_host_provides_otherwise()
    {
        var diagnostics = Check("""
            # wasmbind guest v1
            export "add" (func (param i32 i32) (result i32))
            export "greet" (func (param i32 i32) (result i32))
            import "clock" "now" (func (result i64))
            import "wasi_snapshot_preview1" "fd_write" (func (param i32 i32 i32 i32) (result i32))
            """, hostModules: "clock");
        // Listing modules replaces the default (WASI), so fd_write must now be provided too.
        Assert.Equal(["WB2062"], diagnostics.Select(d => d.Id));
        Assert.Contains("wasi_snapshot_preview1::fd_write", diagnostics[0].GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("IMissing", "which is no [WasmExports] interface of this project")]
    [InlineData("IHost", "which is no [WasmExports] interface of this project")]
    public void A_contract_that_names_no_exports_interface_is_WB2063(string contract, string message)
    {
        var diagnostic = Assert.Single(Check("# wasmbind guest v1\n", contract: contract));
        Assert.Equal("WB2063", diagnostic.Id);
        Assert.Contains(message, diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_description_that_is_not_one_is_WB2063()
    {
        var diagnostic = Assert.Single(Check("\0asm garbage"));
        Assert.Equal("WB2063", diagnostic.Id);
        Assert.Contains("does not start with '# wasmbind guest v1'", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_build_task_describes_function_imports_and_exports_with_escaped_names()
    {
        var module = Module(
            Section(1, Vector(FuncType([0x7F, 0x7F], [0x7F]), FuncType([0x7E], []))),
            Section(2, Vector([.. Name("env"), .. Name("log \"x\""), 0x00, 0x01], [.. Name("env"), .. Name("mem"), 0x02, 0x00, 0x01])),
            Section(3, Vector([0x00])),
            Section(7, Vector([.. Name("add"), 0x00, 0x01], [.. Name("memory"), 0x02, 0x00], [.. Name("é"), 0x00, 0x00])));

        Assert.Equal("""
            # wasmbind guest v1
            export "add" (func (param i32 i32) (result i32))
            export "\u{e9}" (func (param i64))
            import "env" "log \"x\"" (func (param i64))

            """.ReplaceLineEndings("\n"), GuestDescriptionWriter.Describe(module));

        // And the generator reads back what the task wrote.
        var parsed = WasmBind.Generators.Wit.GuestDescription.Parse(GuestDescriptionWriter.Describe(module), out var error);
        Assert.Null(error);
        Assert.Equal(["add", "é"], parsed!.Exports.Select(e => e.Name));
        Assert.Equal("log \"x\"", parsed.Imports.Single().Name);
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 3 }, "not a WebAssembly module")]
    [InlineData(new byte[] { 0, 0x61, 0x73, 0x6D, 0x0D, 0, 1, 0 }, "not a core WebAssembly module")]
    [InlineData(new byte[] { 0, 0x61, 0x73, 0x6D, 1, 0, 0, 0, 7, 9, 1 }, "runs past the end")]
    [InlineData(new byte[] { 0, 0x61, 0x73, 0x6D, 1, 0, 0, 0, 7, 4, 1, 1, 0x61, 0 }, "the module ends early")]
    public void The_build_task_rejects_what_is_not_a_readable_module(byte[] bytes, string message)
    {
        var error = Assert.Throws<InvalidDataException>(() => GuestDescriptionWriter.Describe(bytes));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_WIT_writing_task_finds_the_WIT_compiled_into_an_assembly()
    {
        var (_, output) = WitTestDriver.Run([], Contract);
        using var stream = new MemoryStream();
        Assert.True(output.Emit(stream).Success);

        var wit = WitMetadataReader.Read(stream.ToArray());
        Assert.NotNull(wit);
        Assert.StartsWith("package wasmbind:binding-tests;\n", wit, StringComparison.Ordinal);
        Assert.Contains("greet: func(name: string) -> string;", wit, StringComparison.Ordinal);
        Assert.Null(WitMetadataReader.Read(new byte[100]));
    }

    private static List<Diagnostic> Check(string description, string contract = "IPlugin", string? hostModules = null)
    {
        var metadata = new Dictionary<string, string>
        {
            ["build_metadata.AdditionalFiles.WasmBindContract"] = contract,
            ["build_metadata.AdditionalFiles.WasmBindGuest"] = "/p/plugins/plugin.wasm",
        };
        if (hostModules is not null) metadata["build_metadata.AdditionalFiles.WasmBindHostModules"] = hostModules;
        var path = "/p/obj/wasmbind/plugin.wasmbind-guest";
        var driver = WitTestDriver.CreateDriver([new WitTestDriver.InMemoryText(path, description.ReplaceLineEndings("\n"))], witOut: false,
            fileOptions: new Dictionary<string, IReadOnlyDictionary<string, string>> { [path] = metadata });
        return [.. driver.RunGenerators(GeneratorDriverRunner.Compile(Contract)).GetRunResult().Results.Single().Diagnostics];
    }

    private static byte[] Module(params byte[][] sections) => [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, .. sections.SelectMany(s => s)];

    private static byte[] Section(byte id, byte[] content) => [id, (byte)content.Length, .. content];

    private static byte[] Vector(params byte[][] items) => [(byte)items.Length, .. items.SelectMany(i => i)];

    private static byte[] FuncType(byte[] parameters, byte[] results) => [0x60, (byte)parameters.Length, .. parameters, (byte)results.Length, .. results];

    private static byte[] Name(string name)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(name);
        return [(byte)bytes.Length, .. bytes];
    }
}
