using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using WasmBind.Generators.Tests.Verifiers;
using Xunit;

namespace WasmBind.Generators.Tests;

/// <summary>
/// The Canonical ABI value set beyond scalars and flat records: lists, strings inside records, tuples, results,
/// variants, enums, flags and options of reference types, in both directions, sync and async. The generated code
/// compiles without a warning, and its layouts and flattenings are the spec's.
/// </summary>
public sealed class ValueSetGenerationTests
{
    internal const string Usings = "using System; using System.Collections.Generic; using System.Text; using System.Threading; using System.Threading.Tasks; using WasmBind; using WasmBind.Bindings;\n";

    internal const string Types = """
        namespace Demo;

        public enum Color { Red, Green, Blue }
        public enum Status { Ok = 200, NotFound = 404 }
        [Flags] public enum Perm : byte { None = 0, Read = 1, Write = 2, Exec = 4, All = 7 }

        public sealed record Item(string Name, int Count);
        public sealed record Order(string Customer, IReadOnlyList<Item> Items, Color Color, string? Note);

        public abstract record Shape
        {
            private Shape() { }
            public sealed record Circle(float Radius) : Shape;
            public sealed record Rect(double Width, double Height) : Shape;
            public sealed record Empty : Shape;
        }
        """;

    internal const string Interfaces = """
        namespace Demo;

        [WasmImports("env")]
        public partial interface IValueHost
        {
            int Sum(int[] values);
            List<string> Split(string text);
            Order Echo(Order order);
            (int, string) Pair((long, string) input);
            Result<Item, string> Find(string name);
            Shape Grow(Shape shape);
            Perm Allow(Perm perm);
            Color Next(Color color);
            string? Lookup(string? key);
            ValueTask<IReadOnlyList<Item>> ItemsAsync(ReadOnlyMemory<double> weights);
            ValueTask<Result<Unit, string>> CheckAsync(Shape shape);
        }

        [WasmExports]
        public partial interface IValueGuest
        {
            long Total(List<long> values, ReadOnlyMemory<int> more);
            Order Make(string customer, Item[] items);
            Shape Flip(Shape shape);
            Result<int, string> Parse(string text);
            [WasmThrows(typeof(string))] int ParseOrThrow(string text);
            Item? Best(IReadOnlyList<Item> items);
            (Color, Perm) Mix(Color color, Perm perm);
            [WasmName("make-later")] Task<Order> MakeAsync(string customer, Item[] items, CancellationToken cancellationToken);
            [WasmThrows(typeof(Color))] ValueTask CheckAsync(Shape shape);
        }
        """;

    [Fact]
    public void ValueSet_CompilesWithoutWarnings()
    {
        var (result, output) = GeneratorDriverRunner.Run(GeneratorDriverRunner.Compile(Usings + Types, Usings + Interfaces));

        Assert.Empty(result.Diagnostics);
        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems) + "\n" + string.Join("\n", result.Results.SelectMany(r => r.GeneratedSources).Select(s => s.SourceText.ToString())));
    }

    [Fact]
    public void LayoutsAndFlatteningsAreTheSpecs()
    {
        var generated = Generated();
        // shape: variant of circle(f32), rect(f64, f64), empty: flat (i32, join(f32, f64) = i64, f64); u8 tag, payload at 8.
        Assert.Contains("// grow: (func (param i32 i64 f64 i32))", generated, StringComparison.Ordinal);
        Assert.Contains("// variant global::Demo.Shape: 24 bytes, 8-aligned, 3 core values", generated, StringComparison.Ordinal);
        // order: string at 0, list at 8, color (u8) at 16, option<string> at 20 (payload at 24): 32 bytes.
        Assert.Contains("// record global::Demo.Order: 32 bytes, 4-aligned, 8 core values", generated, StringComparison.Ordinal);
        Assert.Contains("var f3 = WasmBindCodec.Load", generated, StringComparison.Ordinal);
        // result<item, string>: u8 at 0, payload at 4 (item 12 bytes): 16 bytes, flat i32 + join(i32 i32 i32, i32 i32).
        Assert.Contains("// find: (func (param i32 i32 i32))", generated, StringComparison.Ordinal);
        Assert.Contains("global::WasmBind.Bindings.Result<global::Demo.Item, string>: 16 bytes, 4-aligned, 4 core values", generated, StringComparison.Ordinal);
        // flags of 3 labels: one byte; extra bits dropped both ways.
        Assert.Contains("unchecked((global::Demo.Perm)(uint)(raw & 7))", generated, StringComparison.Ordinal);
        // A list of primitives is one copy each way.
        Assert.Contains("LiftPrimitives<int>(memory!, pointer, length)", generated, StringComparison.Ordinal);
        Assert.Contains("LowerPrimitives<long>(memory!, allocator, global::System.Runtime.InteropServices.CollectionsMarshal.AsSpan(value), out length)", generated, StringComparison.Ordinal);
        // [WasmThrows] unwraps the lifted result.
        Assert.Contains(".GetValueOrThrow();", generated, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Utf16")]
    [InlineData("Latin1Utf16")]
    public void AStringEncoding_ReachesEveryString(string encoding)
    {
        var (result, output) = GeneratorDriverRunner.Run(GeneratorDriverRunner.Compile(Usings +
            $"[WasmExports(StringEncoding = WasmStringEncoding.{encoding})] public partial interface IGuest {{ string Echo(string s); (string, int) Pair(string[] names); }}"));
        Assert.Empty(result.Diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var generated = string.Join("\n", result.Results.SelectMany(r => r.GeneratedSources).Select(s => s.SourceText.ToString()));
        Assert.Contains($"LiftString(memory!, pointer, length, global::WasmBind.WasmStringEncoding.{encoding})", generated, StringComparison.Ordinal);
        Assert.DoesNotContain("LiftStringResult", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void ManyParameters_OfTheValueSet_GoThroughTheArgumentTuple()
    {
        var (result, output) = GeneratorDriverRunner.Run(GeneratorDriverRunner.Compile(Usings + Types,
            Usings + "namespace Demo; [WasmImports(\"env\")] public partial interface IWide { int Take(Order a, Order b, Order c); } [WasmExports] public partial interface IWideGuest { int Take(Order a, Order b, Order c); }"));
        Assert.Empty(result.Diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var generated = string.Join("\n", result.Results.SelectMany(r => r.GeneratedSources).Select(s => s.SourceText.ToString()));
        // Three 32-byte orders are 24 core values: a 96-byte tuple, orders at 0, 32 and 64.
        Assert.Contains("CheckArguments(memory, tuple, 4, 96);", generated, StringComparison.Ordinal);
        Assert.Contains("AllocateArguments(this.memory, this.allocator, 4, 96);", generated, StringComparison.Ordinal);
        Assert.Contains("(this.memory, this.allocator, arguments + 64, c);", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void EditingAVariant_RegeneratesOnlyTheInterfacesThatUseIt_AndAnUnrelatedEditNothing()
    {
        const string Unrelated = "namespace Demo; public static class Unrelated { }";
        var compilation = GeneratorDriverRunner.Compile(Usings + Types, Usings + Interfaces, Usings +
            "namespace Demo; [WasmExports] public partial interface IOther { (int, long) Swap((long, int) pair); }", Unrelated);
        var driver = GeneratorDriverRunner.CreateDriver(trackSteps: true).RunGenerators(compilation);

        var quiet = driver.RunGenerators(Replace(compilation, 3, Unrelated + " public static class More { }")).GetRunResult().Results.Single();
        Assert.All(quiet.TrackedSteps[TrackingNames.Models].SelectMany(s => s.Outputs),
            o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"model was {o.Reason}"));
        Assert.All(quiet.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"output was {o.Reason}"));

        // A fourth case changes both interfaces that use Shape; the tuple-only interface stays cached.
        var edited = Replace(compilation, 0, Usings + Types.Replace("public sealed record Empty : Shape;", "public sealed record Empty : Shape; public sealed record Dot(sbyte X) : Shape;", StringComparison.Ordinal));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();
        var modified = result.TrackedSteps[TrackingNames.Models].SelectMany(s => s.Outputs).Where(o => o.Reason == IncrementalStepRunReason.Modified)
            .Select(o => Assert.IsType<Model.InterfaceModel>(o.Value).Name).OrderBy(n => n, StringComparer.Ordinal).ToList();
        Assert.Equal(["IValueGuest", "IValueHost"], modified);
        Assert.Contains("global::WasmBind.Bindings.CanonicalAbi.CheckCase(global::WasmBind.Bindings.CanonicalAbi.LoadU8(memory!, address), 4)",
            result.GeneratedSources.Single(s => s.HintName == "Demo.IValueHost.g.cs").SourceText.ToString(), StringComparison.Ordinal);
    }

    private static string Generated()
    {
        var (result, _) = GeneratorDriverRunner.Run(GeneratorDriverRunner.Compile(Usings + Types, Usings + Interfaces));
        return string.Join("\n", result.Results.SelectMany(r => r.GeneratedSources).Select(s => s.SourceText.ToString()));
    }

    private static Microsoft.CodeAnalysis.Compilation Replace(Microsoft.CodeAnalysis.Compilation compilation, int index, string source)
    {
        var old = compilation.SyntaxTrees.ElementAt(index);
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(source, TestSetup.ParseOptions, old.FilePath));
    }
}
