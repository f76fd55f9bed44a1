using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace WasmBind.Generators.Tests;

/// <summary>
/// Each WB2xxx diagnostic, at the exact span marked <c>[|...|]</c> in the source; none on valid code; no crash on
/// half-typed code.
/// </summary>
public sealed class DiagnosticTests
{
    internal const string Usings = "using System; using System.Collections.Generic; using System.Threading; using System.Threading.Tasks; using WasmBind;\n";

    public static TheoryData<string, string> Cases => new()
    {
        // WB2001: not partial, or nested in a type that is not.
        { "WB2001", """[WasmImports("env")] public interface [|IHost|] { void Log(string message); }""" },
        { "WB2001", """public class [|Outer|] { [WasmExports] public partial interface IGuest { int Add(int a, int b); } }""" },

        // WB2002: parameter types.
        { "WB2002", """[WasmImports("env")] public partial interface IHost { void Log([|List<int>|] values); }""" },
        { "WB2002", """[WasmExports] public partial interface IGuest { int Length([|string?|] text); }""" },
        { "WB2002", """[WasmExports] public partial interface IGuest { int Code([|char|] c); }""" },
        { "WB2002", """[WasmExports] public partial interface IGuest { int Value([|decimal?|] value); }""" },
        { "WB2002", """[WasmExports] public partial interface IGuest { int Sum([|Span<byte>|] data); }""" },

        // WB2003: return types.
        { "WB2003", """[WasmExports] public partial interface IGuest { [|List<int>|] Values(); }""" },
        { "WB2003", """[WasmExports] public partial interface IGuest { [|ReadOnlySpan<byte>|] Data(); }""" },
        { "WB2003", """[WasmImports("env")] public partial interface IHost { [|Task<object>|] GetAsync(); }""" },
        { "WB2003", """[WasmImports("env")] public partial interface IHost { [|string?|] Find(int id); }""" },
        { "WB2003", """[WasmExports] public partial interface IGuest { [|ref int|] Slot(); }""" },

        // WB2004: duplicate wasm names, by [WasmName] or by default.
        { "WB2004", """[WasmExports] public partial interface IGuest { void Log(string m); [WasmName([|"log"|])] void Write(int x); }""" },
        { "WB2004", """[WasmExports] public partial interface IGuest { int GetHTTPStatus(); int [|GetHttpStatus|](); }""" },
        { "WB2004", """[WasmExports] public partial interface IGuest { int Fetch(); ValueTask<int> [|FetchAsync|](); }""" },
        { "WB2004", """[WasmImports("env")] public partial interface IHost { void Log(string m); void [|Log|](int x); }""" },

        // WB2005: invalid names.
        { "WB2005", """[WasmExports] public partial interface IGuest { [WasmName([|""|])] int Add(int a, int b); }""" },
        { "WB2005", """[WasmExports] public partial interface IGuest { [WasmName([|"a\nb"|])] int Add(int a, int b); }""" },
        { "WB2005", """[WasmExports] public partial interface IGuest { [WasmName([|"\uD800x"|])] int Add(int a, int b); }""" },
        { "WB2005", """[WasmImports([|""|])] public partial interface IHost { void Log(string m); }""" },
        { "WB2005", """[WasmExports(Memory = [|"\u0001"|])] public partial interface IGuest { int Add(int a, int b); }""" },
        { "WB2005", """[WasmImports("env", Allocator = [|""|])] public partial interface IHost { string Name(); }""" },

        // WB2006: generics.
        { "WB2006", """[WasmExports] public partial interface [|IGuest|]<T> { int Add(int a, int b); }""" },
        { "WB2006", """[WasmExports] public partial interface IGuest { int [|Add|]<T>(int a, int b); }""" },
        { "WB2006", """public partial class Outer<T> { [WasmExports] public partial interface [|IGuest|] { int Add(int a, int b); } }""" },

        // WB2007: misplaced attributes.
        { "WB2007", """[WasmImports("env")] [WasmExports] public partial interface [|IBoth|] { int Add(int a, int b); }""" },
        { "WB2007", """[WasmExports] [WasmImports("env")] public partial interface [|IBoth|] { int Add(int a, int b); }""" },
        { "WB2007", """[[|WasmExports|]] public partial class Guest { }""" },
        { "WB2007", """[[|WasmImports("env")|]] public enum Level { Low, High }""" },

        // WB2008: by-reference parameters.
        { "WB2008", """[WasmExports] public partial interface IGuest { void Get([|ref int value|]); }""" },
        { "WB2008", """[WasmImports("env")] public partial interface IHost { void Get([|out int value|]); }""" },
        { "WB2008", """[WasmExports] public partial interface IGuest { void Get([|in long value|]); }""" },

        // WB2009: members other than instance methods.
        { "WB2009", """[WasmExports] public partial interface IGuest { int [|Count|] { get; } }""" },
        { "WB2009", """[WasmImports("env")] public partial interface IHost { event EventHandler [|Changed|]; }""" },
        { "WB2009", """[WasmExports] public partial interface IGuest { static abstract int [|Create|](); }""" },
        { "WB2009", """[WasmExports] public partial interface IGuest { int [|this|][int index] { get; } }""" },

        // WB2011: CancellationToken where it cancels nothing.
        { "WB2011", """[WasmImports("env")] public partial interface IHost { Task WaitAsync([|CancellationToken token|]); }""" },
        { "WB2011", """[WasmExports] public partial interface IGuest { int Add(int a, [|CancellationToken token|]); }""" },
        { "WB2011", """[WasmExports] public partial interface IGuest { Task RunAsync(CancellationToken a, [|CancellationToken b|]); }""" },

        // WB2012: inherited members.
        { "WB2012", """public interface IBase { void Ping(); } [WasmExports] public partial interface [|IGuest|] : IBase { int Add(int a, int b); }""" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ReportsTheDiagnostic_AtTheMarkedSpan(string id, string markedSource)
    {
        var (source, span) = Unmark(Usings + markedSource);
        var (result, _) = Harness.Run(Harness.Compile(source));

        Assert.All(result.Results, r => Assert.Null(r.Exception));
        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id.StartsWith("WB", StringComparison.Ordinal));
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("Source0.cs", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(span, diagnostic.Location.SourceSpan);
        Assert.Equal($"https://github.com/wasmbind/wasmbind/blob/main/docs/rules/{id}.md", diagnostic.Descriptor.HelpLinkUri);
        Assert.DoesNotContain("{", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Messages_NameTheProblem()
    {
        var (result, _) = Harness.Run(Harness.Compile(Usings + """
            [WasmExports] public partial class Guest { }
            [WasmExports] public partial interface IGuest { int Count(string? text); [WasmName("count")] int Other(); }
            """));
        var messages = result.Diagnostics.Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Contains("'Guest' is a class; [WasmExports] applies only to interfaces", messages);
        Assert.Contains("Parameter 'text' of 'IGuest.Count' has type 'string?', which a binding cannot pass: null has no Canonical ABI form; use a non-nullable type", messages);
        Assert.Contains("'IGuest.Other' has the wasm name 'count', which 'IGuest.Count' already uses", messages);
    }

    [Fact]
    public void InvalidInterfaces_GenerateNothingThatFailsToCompile()
    {
        // An interface with a WB error still gets no generated code that adds errors of its own: exports get a Bind
        // that throws (no class could implement the interface), imports leave the bad member out.
        var (result, output) = Harness.Run(Harness.Compile(Usings + """
            [WasmExports] public partial interface IGuest { int Add(int a, int b); int Length(string? text); }
            [WasmImports("env")] public partial interface IHost { void Log(string m); void Bad(List<int> values); }
            """));
        Assert.Equal(["WB2002", "WB2002"], result.Diagnostics.Select(d => d.Id));
        var generated = result.Results.SelectMany(r => r.GeneratedSources).Select(s => s.SourceText.ToString()).ToList();
        Assert.Contains(generated, s => s.Contains("throw new global::System.NotSupportedException", StringComparison.Ordinal));
        Assert.Contains(generated, s => s.Contains("\"log\"", StringComparison.Ordinal) && !s.Contains("\"bad\"", StringComparison.Ordinal));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void ValidCode_HasNoDiagnostics()
    {
        foreach (var source in SnapshotCases.All.Values)
        {
            var (result, _) = Harness.Run(Harness.Compile(source));
            Assert.Empty(result.Diagnostics);
        }
    }

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
        var (result, output) = Harness.Run(Harness.Compile(Usings + source));

        Assert.All(result.Results, r => Assert.Null(r.Exception));
        // CS8784/CS8785: a generator failed to initialise or threw; AD0001: an analyzer threw; WB2000: the builder caught a failure.
        Assert.DoesNotContain(output.GetDiagnostics().Concat(result.Diagnostics), d => d.Id is "CS8784" or "CS8785" or "AD0001" or "WB2000");
    }

    [Fact]
    public void HalfTypedMember_IsLeftOut_AndTheRestIsGenerated()
    {
        var (result, _) = Harness.Run(Harness.Compile(Usings + """
            [WasmImports("env")] public partial interface IHost { void Log(Strin message); int Add(int a, int b); }
            """));
        Assert.DoesNotContain(result.Diagnostics, d => d.Id.StartsWith("WB", StringComparison.Ordinal)); // the compiler's CS0246 says it
        var source = Assert.Single(result.Results.SelectMany(r => r.GeneratedSources)).SourceText.ToString();
        Assert.Contains("\"add\"", source, StringComparison.Ordinal);
        Assert.DoesNotContain("\"log\"", source, StringComparison.Ordinal);
    }

    private static (string Source, TextSpan Span) Unmark(string marked)
    {
        var start = marked.IndexOf("[|", StringComparison.Ordinal);
        var end = marked.IndexOf("|]", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "the case marks no span");
        var source = marked.Remove(end, 2).Remove(start, 2);
        return (source, TextSpan.FromBounds(start, end - 2));
    }
}
