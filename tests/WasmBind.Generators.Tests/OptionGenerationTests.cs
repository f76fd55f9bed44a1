using Microsoft.CodeAnalysis;
using WasmBind.Generators.Tests.Verifiers;
using Xunit;

namespace WasmBind.Generators.Tests;

/// <summary>T? of a scalar as option&lt;T&gt;: flat as (discriminant, payload), in memory as a byte and T at its alignment.</summary>
public sealed class OptionGenerationTests
{
    private const string Source = """
        using System.Text;
        using System.Threading;
        using System.Threading.Tasks;
        using WasmBind;

        namespace Demo;

        public enum Mode : byte { Off, On }

        [WasmImports("env")]
        public partial interface IOptionHost
        {
            long? Scale(int? a, double? b, Mode? m);
            ValueTask<byte?> LaterAsync(bool? x);
            void Many(Caller caller, int? a, int? b, int? c, int? d, int? e, int? f, int? g, int? h, byte? i);
        }

        [WasmExports]
        public partial interface IOptionGuest
        {
            Rune? Next(Rune? value);
            Task<ulong?> LaterAsync(float? x, CancellationToken cancellationToken);
            void Many(long? a, byte? b, int? c, int? d, int? e, int? f, int? g, int? h, bool? i);
        }
        """;

    [Fact]
    public async Task Options_FlattenLayOutAndCompileWithoutWarnings()
    {
        // The harness: no diagnostic, and the output compiles with no warning.
        await CSharpSourceGeneratorVerifier.VerifyDiagnosticsAsync(Source);

        var generated = GeneratorDriverRunner.GeneratedText(Source);

        // Flat parameters: discriminant then payload; an option result goes through a result area (import: last parameter).
        Assert.Contains("// scale: (func (param i32 i32 i32 f64 i32 i32 i32))", generated, StringComparison.Ordinal);
        Assert.Contains("CheckResultArea(memory, returnArea, 8, 16);", generated, StringComparison.Ordinal); // option<s64>
        Assert.Contains("// later: (func (param i32 i32 i32))", generated, StringComparison.Ordinal);
        Assert.Contains("CheckResultArea(memory, returnArea, 1, 2);", generated, StringComparison.Ordinal); // option<u8>, stored at resume
        Assert.Contains("this.next.Call(value.HasValue ? 1 : 0, (value.GetValueOrDefault()).Value)", generated, StringComparison.Ordinal);
        Assert.Contains("LiftOptionCase(this.memory, returnArea, 4, 8) ? (global::System.Text.Rune?)(global::WasmBind.Bindings.CanonicalAbi.LiftChar(", generated, StringComparison.Ordinal);
        Assert.Contains("LiftOptionCase(memory, returnArea, 8, 16)", generated, StringComparison.Ordinal); // option<u64>, async

        // Past 16 core values: options in the tuple. Import: 8 x option<s32> (8 bytes each) and option<u8> at 64: 66 -> 68.
        Assert.Contains("// many: (func (param i32))", generated, StringComparison.Ordinal);
        Assert.Contains("CheckArguments(memory, tuple, 4, 68);", generated, StringComparison.Ordinal);
        // Export: option<s64> at 0 (16 bytes), option<u8> at 16, option<s32> c..h from 20 (8 bytes each), option<bool> at 68: 70 -> 72.
        Assert.Contains("AllocateArguments(this.memory, this.allocator, 8, 72);", generated, StringComparison.Ordinal);
        Assert.Contains("StoreI8(this.memory, arguments + 16, b.HasValue ? 1 : 0);", generated, StringComparison.Ordinal);
        Assert.Contains("StoreI8(this.memory, arguments + 17, b.GetValueOrDefault());", generated, StringComparison.Ordinal);
        Assert.Contains("StoreI64(this.memory, arguments + 8, a.GetValueOrDefault());", generated, StringComparison.Ordinal);
        Assert.Contains("StoreI8(this.memory, arguments + 69, i.GetValueOrDefault() ? 1 : 0);", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOptionOfARecordOrReference_IsBoundThroughTheCodec()
    {
        var (result, output) = GeneratorDriverRunner.Run(GeneratorDriverRunner.Compile(DiagnosticTests.Usings +
            "public struct Point { public int X; } [WasmExports] public partial interface IGuest { int Code(Point? p, string? name); }"));

        Assert.Empty(result.Diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var generated = string.Join("\n", result.Results.SelectMany(r => r.GeneratedSources).Select(s => s.SourceText.ToString()));
        // option<record{x: s32}> then option<string>: (i32 i32) (i32 i32 i32).
        Assert.Contains("binder.GetFunction<int, int, int, int, int, int>(\"code\")", generated, StringComparison.Ordinal);
        Assert.Contains("if (value is null)", generated, StringComparison.Ordinal);
    }
}
