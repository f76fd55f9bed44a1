using Microsoft.CodeAnalysis;
using WasmBind.Generators.Tests.Verifiers;
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
    public async Task GeneratedCode_LiftsWithACheck_AndCompilesWithoutWarnings()
    {
        // The harness: no diagnostic, and the output compiles with no warning.
        await CSharpSourceGeneratorVerifier.VerifyDiagnosticsAsync(Source);

        var generated = GeneratorDriverRunner.GeneratedText(Source);
        Assert.Contains("// next: (func (param i32) (result i32))", generated, StringComparison.Ordinal);
        Assert.Contains("return (implementation.Next(global::WasmBind.Bindings.CanonicalAbi.LiftChar(value))).Value;", generated, StringComparison.Ordinal);
        Assert.Contains("return global::WasmBind.Bindings.CanonicalAbi.LiftChar(result);", generated, StringComparison.Ordinal);
        Assert.Contains("// put: (func (param i32 i32 i32 i32 i32 i32 i32))", generated, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NullableRune_IsAnOption()
    {
        const string Source = DiagnosticTests.Usings + "[WasmExports] public partial interface IGuest { int Code(System.Text.Rune? c); }";
        await CSharpSourceGeneratorVerifier.VerifyDiagnosticsAsync(Source);
        var generated = GeneratorDriverRunner.GeneratedText(Source);
        Assert.Contains("this.code.Call(c.HasValue ? 1 : 0, (c.GetValueOrDefault()).Value)", generated, StringComparison.Ordinal);
    }
}
