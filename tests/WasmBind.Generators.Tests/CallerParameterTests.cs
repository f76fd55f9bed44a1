using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using WasmBind.Generators.Tests.Verifiers;
using Xunit;

namespace WasmBind.Generators.Tests;

/// <summary>
/// A leading <c>Caller</c>/<c>Caller&lt;TData&gt;</c> parameter on a <c>[WasmImports]</c> member: passed the host
/// function's own caller, never lowered; WB2013 where it cannot be bound; the model stays cacheable.
/// </summary>
public sealed class CallerParameterTests
{
    private const string ContextHost = """
        using System;
        using System.Threading.Tasks;
        using WasmBind;

        namespace Demo;

        public sealed class Tenant { public string Name { get; set; } = ""; }

        [WasmImports("env")]
        public partial interface IContextHost
        {
            void Log(Caller<Tenant> caller, string message);
            int Add(int a, int b);
            string Whoami(Caller<Tenant> caller);
            int Exports(Caller caller);
            ValueTask<string> LookupAsync(Caller<Tenant> caller, string key);
            ValueTask<int> CountAsync(Caller caller, int x);
            void Wide(Caller<Tenant> caller, int a, int b, int c, int d, int e, int f, int g);
        }
        """;

    public static TheoryData<string> Misplaced => new()
    {
        """[WasmExports] public partial interface IGuest { int Add({|WB2013:Caller caller|}, int a); }""",
        """[WasmImports("env")] public partial interface IHost { void Log(string message, {|WB2013:Caller caller|}); }""",
        """[WasmImports("env")] public partial interface IHost { void Log(Caller<int> caller, string m); void Tick({|WB2013:Caller<string> caller|}); }""",
    };

    [Theory]
    [MemberData(nameof(Misplaced))]
    public Task MisplacedCaller_IsWB2013_AtTheParameter(string markup) =>
        CSharpSourceGeneratorVerifier.VerifyDiagnosticsAsync(DiagnosticTests.Usings + markup);

    [Fact]
    public void MismatchedStoreData_NamesBothMembers()
    {
        var (result, _) = GeneratorDriverRunner.Run(GeneratorDriverRunner.Compile(DiagnosticTests.Usings +
            """[WasmImports("env")] public partial interface IHost { void Log(Caller<int> caller, string m); void Tick(Caller<string> caller); }"""));
        var message = Assert.Single(result.Diagnostics).GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("'IHost.Tick'", message, StringComparison.Ordinal);
        Assert.Contains("'IHost.Log' uses 'int'", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GeneratedCode_PassesTheCaller_AndTakesALinkerOfTheStoreData()
    {
        await CSharpSourceGeneratorVerifier.VerifyDiagnosticsAsync(ContextHost);

        var (result, _) = GeneratorDriverRunner.Run(GeneratorDriverRunner.Compile(ContextHost));
        var source = Assert.Single(result.Results.SelectMany(r => r.GeneratedSources)).SourceText.ToString();
        Assert.Contains("public static void AddTo(global::WasmBind.Linker<global::Demo.Tenant> linker, IContextHost implementation)", source, StringComparison.Ordinal);
        Assert.Contains("implementation.Log(global::WasmBind.Bindings.CanonicalAbi.WithData<global::Demo.Tenant>(caller), message)", source, StringComparison.Ordinal);
        Assert.Contains("implementation.Exports(caller)", source, StringComparison.Ordinal);
        // Not a core value: log is (param i32 i32), wide has seven i32 (the untyped path), add is untouched.
        Assert.Contains("// log: (func (param i32 i32))", source, StringComparison.Ordinal);
        Assert.Contains("// exports: (func (result i32))", source, StringComparison.Ordinal);
        Assert.Contains("// wide: (func (param i32 i32 i32 i32 i32 i32 i32))", source, StringComparison.Ordinal);
        Assert.Contains("linker.DefineFunction<int, int, int>(\"env\", \"add\", (global::WasmBind.Caller caller, int a, int b) =>", source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UntypedCallerOnly_KeepsThePlainLinker()
    {
        const string Source = DiagnosticTests.Usings + """[WasmImports("env")] public partial interface IHost { void Log(Caller caller, string m); }""";
        await CSharpSourceGeneratorVerifier.VerifyDiagnosticsAsync(Source);
        var source = GeneratorDriverRunner.GeneratedText(Source);
        Assert.Contains("AddTo(global::WasmBind.Linker linker, IHost implementation)", source, StringComparison.Ordinal);
    }

    [Fact]
    public void EditingTheStoreDataType_RegeneratesNothing()
    {
        // The model holds the data type's name only: members added to it change no step's output.
        var compilation = GeneratorDriverRunner.Compile(ContextHost);
        var driver = GeneratorDriverRunner.CreateDriver(trackSteps: true).RunGenerators(compilation);
        var tree = compilation.SyntaxTrees.Single();
        var edited = compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(
            ContextHost.Replace("public string Name { get; set; } = \"\";", "public string Name { get; set; } = \"\"; public int Id { get; set; }", StringComparison.Ordinal),
            TestSetup.ParseOptions, path: tree.FilePath));

        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        var models = result.TrackedSteps[TrackingNames.Models].SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(models);
        Assert.All(models, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"model was {o.Reason}"));
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"output was {o.Reason}"));
    }

    [Fact]
    public void ChangingTheStoreDataType_RegeneratesTheInterface()
    {
        var compilation = GeneratorDriverRunner.Compile(ContextHost);
        var driver = GeneratorDriverRunner.CreateDriver(trackSteps: true).RunGenerators(compilation);
        var tree = compilation.SyntaxTrees.Single();
        var edited = compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(
            ContextHost.Replace("Caller<Tenant>", "Caller<string>", StringComparison.Ordinal), TestSetup.ParseOptions, path: tree.FilePath));

        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        var modified = Assert.Single(result.TrackedSteps[TrackingNames.Models].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Equal("string", Assert.IsType<Model.InterfaceModel>(modified.Value).CallerDataType);
        Assert.Contains("Linker<string>", result.GeneratedSources.Single().SourceText.ToString(), StringComparison.Ordinal);
    }
}
