using Microsoft.CodeAnalysis;
using Xunit;

namespace WasmBind.Generators.Tests;

/// <summary>System.Text.Rune as the Canonical ABI's char: one i32, checked when lifted, in every position.</summary>
public sealed class RuneBindingTests
{
    private const string Source = """
        using System.Text;
        using System.Threading;
        using System.Threading.Tasks;
        using WasmBind;

        namespace Demo;

        [WasmImports("env")]
        public partial interface IRuneHost
        {
            Rune Next(Rune value);
            ValueTask<Rune> FollowingAsync(Rune value);
            void Put(Rune a, Rune b, Rune c, Rune d, Rune e, Rune f, Rune g);
        }

        [WasmExports]
        public partial interface IRuneGuest
        {
            Rune Echo(Rune value);
            Task<Rune> RepeatAsync(Rune value, CancellationToken cancellationToken);
            int Wide(Rune a, Rune b, Rune c, Rune d, Rune e, Rune f, Rune g);
        }
        """;

    [Fact]
    public void GeneratedCode_LiftsWithACheck_AndCompilesWithoutWarnings()
    {
        var (result, output) = Harness.Run(Harness.Compile(Source));

        Assert.Empty(result.Diagnostics);
        var warnings = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(warnings.Count == 0, string.Join("\n", warnings));
        var generated = string.Join("\n", result.Results.SelectMany(r => r.GeneratedSources).Select(s => s.SourceText.ToString()));
        Assert.Contains("// next: (func (param i32) (result i32))", generated, StringComparison.Ordinal);
        Assert.Contains("return (implementation.Next(global::WasmBind.Bindings.CanonicalAbi.LiftChar(value))).Value;", generated, StringComparison.Ordinal);
        Assert.Contains("return global::WasmBind.Bindings.CanonicalAbi.LiftChar(result);", generated, StringComparison.Ordinal);
        Assert.Contains("// put: (func (param i32 i32 i32 i32 i32 i32 i32))", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void NullableRune_IsAnOption()
    {
        var (result, _) = Harness.Run(Harness.Compile(DiagnosticTests.Usings +
            "[WasmExports] public partial interface IGuest { int Code(System.Text.Rune? c); }"));
        Assert.Empty(result.Diagnostics);
        var generated = result.Results.SelectMany(r => r.GeneratedSources).Single().SourceText.ToString();
        Assert.Contains("this.code.Call(c.HasValue ? 1 : 0, (c.GetValueOrDefault()).Value)", generated, StringComparison.Ordinal);
    }
}
