using Microsoft.CodeAnalysis;
using WasmBind.Generators.Tests.Verifiers;
using Xunit;

namespace WasmBind.Generators.Tests;

/// <summary>Parameters that flatten past MAX_FLAT_PARAMS (16) travel as one tuple in memory: no diagnostic, one i32.</summary>
public sealed class WideParameterGenerationTests
{
    private const string Source = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using WasmBind;

        namespace Demo;

        public enum Tiny : byte { A, B }

        [WasmImports("env")]
        public partial interface IWideHost
        {
            // 8 strings: exactly 16 core values, still flat.
            void Sixteen(string a, string b, string c, string d, string e, string f, string g, string h);
            // 17 core values: one tuple of (string x8, enum:u8), size 68, alignment 4.
            void Seventeen(Caller caller, string a, string b, string c, string d, string e, string f, string g, string h, Tiny t);
            string Back(ReadOnlySpan<byte> a, string b, string c, string d, string e, string f, string g, string h, long x);
            ValueTask<string> LaterAsync(string a, string b, string c, string d, string e, string f, string g, string h, bool x);
        }

        [WasmExports]
        public partial interface IWideGuest
        {
            long Many(byte a, short b, int c, long d, float e, double f, bool g, sbyte h, ushort i, uint j, ulong k, Tiny l, int m, int n, int o, int p, int q);
            ValueTask<string> ManyMoreAsync(string a, ReadOnlyMemory<byte> b, byte[] c, string d, string e, string f, string g, string h, int x, CancellationToken cancellationToken);
        }
        """;

    [Fact]
    public async Task WideMembers_TakeOneTupleAddress_AndCompileWithoutWarnings()
    {
        // The harness: no diagnostic, and the output compiles with no warning.
        await CSharpSourceGeneratorVerifier.VerifyDiagnosticsAsync(Source);

        var generated = GeneratorDriverRunner.GeneratedText(Source);

        Assert.Contains("// sixteen: (func (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32))", generated, StringComparison.Ordinal);
        Assert.Contains("// seventeen: (func (param i32))", generated, StringComparison.Ordinal);
        Assert.Contains("CheckArguments(memory, tuple, 4, 68);", generated, StringComparison.Ordinal);
        Assert.Contains("// back: (func (param i32 i32))", generated, StringComparison.Ordinal); // the tuple, then the return area
        Assert.Contains("CheckArguments(memory, tuple, 8, 72);", generated, StringComparison.Ordinal);
        Assert.Contains("// later: (func (param i32 i32))", generated, StringComparison.Ordinal);

        // Exports: the 17 scalars are (u8, s16, s32, s64, f32, f64, bool, s8, u16, u32, u64, u8, s32 x5): offsets by
        // alignment, 72 bytes, 8-aligned.
        Assert.Contains("AllocateArguments(this.memory, this.allocator, 8, 72);", generated, StringComparison.Ordinal);
        Assert.Contains("StoreI16(this.memory, arguments + 2, b);", generated, StringComparison.Ordinal);
        Assert.Contains("StoreI64(this.memory, arguments + 8, d);", generated, StringComparison.Ordinal);
        Assert.Contains("StoreF64(this.memory, arguments + 24, f);", generated, StringComparison.Ordinal);
        Assert.Contains("StoreI64(this.memory, arguments + 40, unchecked((long)k));", generated, StringComparison.Ordinal);
        Assert.Contains("StoreI32(this.memory, arguments + 68, q);", generated, StringComparison.Ordinal);
        Assert.Contains("this.many.Call(arguments)", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void AlreadyCancelled_IsCheckedBeforeTheTupleIsAllocated()
    {
        var (result, _) = GeneratorDriverRunner.Run(GeneratorDriverRunner.Compile(Source));
        var generated = string.Join("\n", result.Results.SelectMany(r => r.GeneratedSources).Select(s => s.SourceText.ToString()));
        var check = generated.IndexOf("if (cancellationToken.IsCancellationRequested)", StringComparison.Ordinal);
        var allocation = generated.IndexOf("AllocateArguments(this.memory, this.allocator, 4,", StringComparison.Ordinal);
        Assert.True(check >= 0 && allocation > check, "the token check must come before the tuple is allocated");
    }
}
