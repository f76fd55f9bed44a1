using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using WasmBind.Generators.Tests.Verifiers;
using Xunit;

namespace WasmBind.Generators.Tests;

/// <summary>
/// Each WB2xxx diagnostic, on the standard harness, at the exact span marked <c>{|WB2xxx:...|}</c> in the source a
/// user writes (and nothing else reported, generated code included); none on valid code; no crash on half-typed code.
/// </summary>
public sealed class DiagnosticTests
{
    internal const string Usings = TestSetup.Usings;

    public static TheoryData<string> Cases => new()
    {
        // WB2001: not partial, or nested in a type that is not.
        """[WasmImports("env")] public interface {|WB2001:IHost|} { void Log(string message); }""",
        """public class {|WB2001:Outer|} { [WasmExports] public partial interface IGuest { int Add(int a, int b); } }""",

        // WB2002: parameter types.
        """[WasmImports("env")] public partial interface IHost { void Log({|WB2002:IEnumerable<int>|} values); }""",
        """[WasmExports] public partial interface IGuest { int Length({|WB2002:object|} text); }""",
        """[WasmExports] public partial interface IGuest { int Code({|WB2002:char|} c); }""",
        """[WasmExports] public partial interface IGuest { int Value({|WB2002:decimal?|} value); }""",
        """[WasmExports] public partial interface IGuest { int Sum({|WB2002:Span<byte>|} data); }""",

        // WB2003: return types.
        """[WasmExports] public partial interface IGuest { {|WB2003:IEnumerable<int>|} Values(); }""",
        """[WasmExports] public partial interface IGuest { {|WB2003:ReadOnlySpan<byte>|} Data(); }""",
        """[WasmImports("env")] public partial interface IHost { {|WB2003:Task<object>|} GetAsync(); }""",
        """[WasmImports("env")] public partial interface IHost { {|WB2003:object|} Find(int id); }""",
        """[WasmExports] public partial interface IGuest { {|WB2003:ref int|} Slot(); }""",

        // WB2004: duplicate wasm names, by [WasmName] or by default.
        """[WasmExports] public partial interface IGuest { void Log(string m); [WasmName({|WB2004:"log"|})] void Write(int x); }""",
        """[WasmExports] public partial interface IGuest { int GetHTTPStatus(); int {|WB2004:GetHttpStatus|}(); }""",
        """[WasmExports] public partial interface IGuest { int Fetch(); ValueTask<int> {|WB2004:FetchAsync|}(); }""",
        """[WasmImports("env")] public partial interface IHost { void Log(string m); void {|WB2004:Log|}(int x); }""",

        // WB2005: invalid names.
        """[WasmExports] public partial interface IGuest { [WasmName({|WB2005:""|})] int Add(int a, int b); }""",
        """[WasmExports] public partial interface IGuest { [WasmName({|WB2005:"a\nb"|})] int Add(int a, int b); }""",
        """[WasmExports] public partial interface IGuest { [WasmName({|WB2005:"\uD800x"|})] int Add(int a, int b); }""",
        """[WasmImports({|WB2005:""|})] public partial interface IHost { void Log(string m); }""",
        """[WasmExports(Memory = {|WB2005:"\u0001"|})] public partial interface IGuest { int Add(int a, int b); }""",
        """[WasmImports("env", Allocator = {|WB2005:""|})] public partial interface IHost { string Name(); }""",

        // WB2006: generics.
        """[WasmExports] public partial interface {|WB2006:IGuest|}<T> { int Add(int a, int b); }""",
        """[WasmExports] public partial interface IGuest { int {|WB2006:Add|}<T>(int a, int b); }""",
        """public partial class Outer<T> { [WasmExports] public partial interface {|WB2006:IGuest|} { int Add(int a, int b); } }""",

        // WB2007: misplaced attributes.
        """[WasmImports("env")] [WasmExports] public partial interface {|WB2007:IBoth|} { int Add(int a, int b); }""",
        """[WasmExports] [WasmImports("env")] public partial interface {|WB2007:IBoth|} { int Add(int a, int b); }""",
        """[{|WB2007:{|CS0592:WasmExports|}|}] public partial class Guest { }""", // the compiler agrees (AttributeUsage)
        """[{|WB2007:{|CS0592:WasmImports|}("env")|}] public enum Level { Low, High }""",

        // WB2008: by-reference parameters.
        """[WasmExports] public partial interface IGuest { void Get({|WB2008:ref int value|}); }""",
        """[WasmImports("env")] public partial interface IHost { void Get({|WB2008:out int value|}); }""",
        """[WasmExports] public partial interface IGuest { void Get({|WB2008:in long value|}); }""",

        // WB2009: members other than instance methods.
        """[WasmExports] public partial interface IGuest { int {|WB2009:Count|} { get; } }""",
        """[WasmImports("env")] public partial interface IHost { event EventHandler {|WB2009:Changed|}; }""",
        """[WasmExports] public partial interface IGuest { static abstract int {|WB2009:Create|}(); }""",
        """[WasmExports] public partial interface IGuest { int {|WB2009:this|}[int index] { get; } }""",

        // WB2011: CancellationToken where it cancels nothing.
        """[WasmImports("env")] public partial interface IHost { Task WaitAsync({|WB2011:CancellationToken token|}); }""",
        """[WasmExports] public partial interface IGuest { int Add(int a, {|WB2011:CancellationToken token|}); }""",
        """[WasmExports] public partial interface IGuest { Task RunAsync(CancellationToken a, {|WB2011:CancellationToken b|}); }""",

        // WB2012: inherited members.
        """public interface IBase { void Ping(); } [WasmExports] public partial interface {|WB2012:IGuest|} : IBase { int Add(int a, int b); }""",
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public Task ReportsTheDiagnostic_AtTheMarkedSpan(string markup) =>
        CSharpSourceGeneratorVerifier.VerifyDiagnosticsAsync(Usings + markup);

    [Fact]
    public Task Messages_NameTheProblem() => CSharpSourceGeneratorVerifier.VerifyDiagnosticsAsync(
        Usings + """
            [{|#0:{|CS0592:WasmExports|}|}] public partial class Guest { }
            [WasmExports] public partial interface IGuest { int Count({|#1:ReadOnlyMemory<string>|} text); [WasmName({|#2:"count"|})] int Other(); }
            """,
        [
            new DiagnosticResult("WB2007", DiagnosticSeverity.Error).WithLocation(0)
                .WithMessage("'Guest' is a class; [WasmExports] applies only to interfaces"),
            new DiagnosticResult("WB2002", DiagnosticSeverity.Error).WithLocation(1)
                .WithMessage("Parameter 'text' of 'IGuest.Count' has type 'System.ReadOnlyMemory<string>', which a binding cannot pass: ReadOnlyMemory<T> is supported for primitive T (numbers, bool, Rune); use T[] or IReadOnlyList<T> for others"),
            new DiagnosticResult("WB2004", DiagnosticSeverity.Error).WithLocation(2)
                .WithMessage("'IGuest.Other' has the wasm name 'count', which 'IGuest.Count' already uses"),
        ]);

    [Fact]
    public async Task InvalidInterfaces_GenerateNothingThatFailsToCompile()
    {
        // An interface with a WB error still gets no generated code that adds errors or warnings of its own (the
        // harness fails on any): exports get a Bind that throws (no class could implement the interface), imports
        // leave the bad member out.
        const string Source = """
            [WasmExports] public partial interface IGuest { int Add(int a, int b); int Length({|WB2002:object|} text); }
            [WasmImports("env")] public partial interface IHost { void Log(string m); void Bad({|WB2002:IEnumerable<int>|} values); }
            """;
        await CSharpSourceGeneratorVerifier.VerifyDiagnosticsAsync(Usings + Source);

        var generated = GeneratorDriverRunner.GeneratedText(Usings + Source.Replace("{|WB2002:", "", StringComparison.Ordinal).Replace("|}", "", StringComparison.Ordinal));
        Assert.Contains("throw new global::System.NotSupportedException", generated, StringComparison.Ordinal);
        Assert.Contains("\"log\"", generated, StringComparison.Ordinal);
        Assert.DoesNotContain("\"bad\"", generated, StringComparison.Ordinal);
    }

    public static TheoryData<string> ValidSources => new(SnapshotCases.All.Values);

    [Theory]
    [MemberData(nameof(ValidSources))]
    public Task ValidCode_HasNoDiagnostics(string source) => CSharpSourceGeneratorVerifier.VerifyDiagnosticsAsync(source);

    public static TheoryData<string> HalfTyped => new()
    {
        // As an editor sends them while someone types.
        """[WasmImports("env")] public partial interface IHost { void Log(string""",
        """[WasmImports("env")] public partial interface IHost { void Log(Strin message); int Add(int a, int b); }""",
        """[WasmExports] public partial interface IGuest { ValueTask<Strin> GetAsync(); int Add(int a, int b); }""",
        """[WasmExports] public partial interface IGuest { int Add(int a, int b) string Greet(string name); }""",
        """[WasmImports] public partial interface IHost { void Log(string m); }""",
        """[WasmImports(42)] public partial interface IHost { void Log(string m); }""",
        """[WasmImports("env", Allocator = )] public partial interface IHost { string Name(); }""",
        """[WasmExports] public partial interface IGuest { [WasmName] int Add(int a, int b); [WasmName(null)] int Sub(int a, int b); }""",
        """[WasmExports] public partial interface IGuest { [WasmName(nameof(Missing))] int Add(int a, int b); }""",
        """[WasmExports] public partial interface IGuest { int Add(int a, int b""",
        """[WasmExports] public partial interface IGuest : IMissing { int Add(int a, int b); }""",
        """[WasmExports] public partial interface""",
        """[WasmExports] public partial""",
        """[WasmExports(""",
        """[WasmExports] public partial interface IGuest { int (int a); void Log(string); Task<> X(); ref Y(); }""",
        """[WasmExports] public partial interface IGuest { public int Add(int a, int b) => a + b; int Sub(int a, int b); }""",
        """[WasmImports("env")] public partial interface IHost { void Log(string m, params); void Log2(this string m); }""",
        """[WasmExports] partial interface IGuest<T> where T : { int Add(int a, int b); }""",
        """namespace A { [WasmExports] public partial interface IGuest { int Add(int a, int b); } } namespace A { [WasmExports] public partial interface IGuest { int Sub(int a, int b); } }""",
        """[WasmExports] public partial interface IGuest { int Add(int a, int b); } [WasmExports] public partial interface IGuest { int Add(int a, int b); }""",
        """[WasmExports, WasmExports] public partial interface IGuest { int Add(int a, int b); }""",
        """[WasmExports] public partial record struct R(int X);""",
        """[WasmExports] public partial interface IGuest { void Log([WasmName("x")] string m); [WasmName("a", "b")] int Add(int a, int b); }""",
    };

    [Theory]
    [MemberData(nameof(HalfTyped))]
    public void HalfTypedCode_NeverCrashesTheGenerator(string source)
    {
        // On the driver, not the harness: half-typed code is full of compiler errors that are beside the point here.
        var (result, output) = GeneratorDriverRunner.Run(GeneratorDriverRunner.Compile(Usings + source));

        Assert.All(result.Results, r => Assert.Null(r.Exception));
        // CS8784/CS8785: a generator failed to initialise or threw; AD0001: an analyzer threw; WB2000: the builder caught a failure.
        Assert.DoesNotContain(output.GetDiagnostics().Concat(result.Diagnostics), d => d.Id is "CS8784" or "CS8785" or "AD0001" or "WB2000");
    }

    [Fact]
    public async Task HalfTypedMember_IsLeftOut_AndTheRestIsGenerated()
    {
        // The compiler's CS0246 says what is wrong; the generator adds nothing.
        const string Source = """[WasmImports("env")] public partial interface IHost { void Log({|CS0246:Strin|} message); int Add(int a, int b); }""";
        await CSharpSourceGeneratorVerifier.VerifyDiagnosticsAsync(Usings + Source);

        var (result, _) = GeneratorDriverRunner.Run(GeneratorDriverRunner.Compile(Usings + Source.Replace("{|CS0246:Strin|}", "Strin", StringComparison.Ordinal)));
        var source = Assert.Single(result.Results.SelectMany(r => r.GeneratedSources)).SourceText.ToString();
        Assert.Contains("\"add\"", source, StringComparison.Ordinal);
        Assert.DoesNotContain("\"log\"", source, StringComparison.Ordinal);
    }
}
