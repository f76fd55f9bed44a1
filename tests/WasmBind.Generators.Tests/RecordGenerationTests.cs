using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using WasmBind.Generators.Tests.Verifiers;
using Xunit;

namespace WasmBind.Generators.Tests;

/// <summary>
/// Records (record, record struct, struct) as Canonical ABI records: flattened field by field, laid out as a tuple of
/// their fields, constructed by constructor and initializer; WB2014 at the field that cannot be part of one; the model
/// follows edits to the record's own file and nothing else. Self-contained, so it can move to another harness as is.
/// </summary>
public sealed class RecordGenerationTests
{
    private const string Usings = "using System; using System.Text; using System.Threading; using System.Threading.Tasks; using WasmBind;\n";

    private const string Records = """
        namespace Demo;

        public enum Mode : ushort { Off, On }

        public readonly record struct Point(int X, int Y);
        public sealed record Shape(byte Kind, Point Origin, double Scale, Rune Mark, int? Tag);
        public struct Size { public int Width { get; init; } public short Height; public int Area => Width * Height; }
        public record struct Id(long Value);
        public sealed record Mixed(Mode Mode, bool Flag) { public float Ratio { get; init; } }
        """;

    private const string Interfaces = """
        namespace Demo;

        [WasmImports("env")]
        public partial interface IRecordHost
        {
            Shape Describe(Shape s);
            ValueTask<Point> LaterAsync(Point p);
            Id Bump(Id id);
            int Total(Shape a, Shape b, Shape c);
        }

        [WasmExports]
        public partial interface IRecordGuest
        {
            Size Grow(Size s);
            Task<Mixed> MixAsync(Mixed m, CancellationToken cancellationToken);
            Id Next(Id id);
            void Many(Shape a, Shape b, Point c, Point d);
        }
        """;

    private const string Unrelated = "namespace Demo; public static class Unrelated { public static int Answer() => 42; }";

    [Fact]
    public void Records_FlattenLayOutAndCompileWithoutWarnings()
    {
        var (result, output) = GeneratorDriverRunner.Run(GeneratorDriverRunner.Compile(Usings + Records, Usings + Interfaces));

        Assert.Empty(result.Diagnostics);
        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        var generated = string.Join("\n", result.Results.SelectMany(r => r.GeneratedSources).Select(s => s.SourceText.ToString()));

        // shape flattens to (u8, s32, s32, f64, char, option<s32>) and, returned, goes through an 8-aligned 40-byte area.
        Assert.Contains("// describe: (func (param i32 i32 i32 f64 i32 i32 i32 i32))", generated, StringComparison.Ordinal);
        Assert.Contains("CheckResultArea(memory, returnArea, 8, 40);", generated, StringComparison.Ordinal);
        Assert.Contains("StoreF64(memory, returnArea + 16, result.Scale);", generated, StringComparison.Ordinal);
        Assert.Contains("StoreI8(memory, returnArea + 28, result.Tag.HasValue ? 1 : 0);", generated, StringComparison.Ordinal);
        Assert.Contains("new global::Demo.Shape(unchecked((byte)s0), new global::Demo.Point(s1, s2), s3, global::WasmBind.Bindings.CanonicalAbi.LiftChar(s4), (global::WasmBind.Bindings.CanonicalAbi.IsSome(s5) ? (int?)(s6) : null))", generated, StringComparison.Ordinal);
        // A record of one core value travels flat, both ways.
        Assert.Contains("// bump: (func (param i64) (result i64))", generated, StringComparison.Ordinal);
        Assert.Contains("return (implementation.Bump(new global::Demo.Id(id0))).Value;", generated, StringComparison.Ordinal);
        // Three shapes are 21 core values: one tuple, shapes at 0, 40 and 80.
        Assert.Contains("// total: (func (param i32) (result i32))", generated, StringComparison.Ordinal);
        Assert.Contains("CheckArguments(memory, tuple, 8, 120);", generated, StringComparison.Ordinal);
        Assert.Contains("LoadF64(memory, tuple + 96)", generated, StringComparison.Ordinal);
        // An async import's record is stored when the guest resumes.
        Assert.Contains("CheckResultArea(memory, returnArea, 4, 8);", generated, StringComparison.Ordinal);

        // The export side: a struct with an init property and a field (width at 0, height at 4; Area is computed, not data).
        Assert.Contains("this.grow.Call(s.Width, s.Height)", generated, StringComparison.Ordinal);
        Assert.Contains("new global::Demo.Size() { Width = global::WasmBind.Bindings.CanonicalAbi.LoadI32(this.memory, returnArea), Height = unchecked((short)global::WasmBind.Bindings.CanonicalAbi.LoadS16(this.memory, returnArea + 4)) }", generated, StringComparison.Ordinal);
        Assert.DoesNotContain(" Area = ", generated, StringComparison.Ordinal);
        // Constructor then initializer: mode (u16) at 0, flag at 2, ratio at 4.
        // Mode (Off, On) is a Canonical ABI enum of two cases: a checked u8, so Mixed is (u8 at 0, bool at 1, f32 at 4), 8 bytes.
        Assert.Contains("// record global::Demo.Mixed: 8 bytes, 4-aligned, 3 core values", generated, StringComparison.Ordinal);
        Assert.Contains("return (global::Demo.Mode)global::WasmBind.Bindings.CanonicalAbi.CheckCase(raw, 2);", generated, StringComparison.Ordinal);
        Assert.Contains("return new global::Demo.Mixed(f0, f1) { Ratio = f2 };", generated, StringComparison.Ordinal);
        // Two shapes and two points are 18 core values: a tuple of 40 + 40 + 8 + 8 bytes.
        Assert.Contains("AllocateArguments(this.memory, this.allocator, 8, 96);", generated, StringComparison.Ordinal);
        Assert.Contains("StoreI32(this.memory, arguments + 92, d.Y);", generated, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> UnsupportedFields() => new()
    {
        // A field of a type a record cannot carry, nested one level down: reported at that field.
        { "Parameter", "public readonly record struct Inner(int A, [|object Label|]); public readonly record struct Outer(Inner Inner); [WasmExports] public partial interface IGuest { void Take(Outer o); }" },
        // A record that contains itself.
        { "Return", "public sealed record Node(int Value, [|Node Next|]); [WasmImports(\"env\")] public partial interface IHost { Node Head(); }" },
        // A record that contains itself through a list.
        { "Parameter", "public sealed record Tree(int Value, [|System.Collections.Generic.IReadOnlyList<Tree> Children|]); [WasmExports] public partial interface IGuest { void Take(Tree t); }" },
        // A variant whose case contains the variant.
        { "Return", "public abstract record Expr { public sealed record Num(int Value) : Expr; public sealed record Neg([|Expr Operand|]) : Expr; } [WasmImports(\"env\")] public partial interface IHost { Expr Parse(); }" },
        // A readonly field that no constructor sets: data the generated code cannot construct.
        { "Parameter", "public struct Window { public Window(int width) { Width = width; } public int Width { get; } public int Height { get; set; } public [|readonly int Depth|]; } [WasmExports] public partial interface IGuest { void Take(Window w); }" },
    };

    [Theory]
    [MemberData(nameof(UnsupportedFields))]
    public void AnUnsupportedField_IsWB2014_AtTheField(string position, string markedSource)
    {
        var start = markedSource.IndexOf("[|", StringComparison.Ordinal);
        var end = markedSource.IndexOf("|]", StringComparison.Ordinal) - 2;
        var source = Usings + markedSource.Replace("[|", "", StringComparison.Ordinal).Replace("|]", "", StringComparison.Ordinal);
        var (result, output) = GeneratorDriverRunner.Run(GeneratorDriverRunner.Compile(source));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("WB2014", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        var span = diagnostic.Location.SourceSpan;
        var marked = source.Substring(Usings.Length + start, end - start);
        Assert.True(marked.Contains(source.Substring(span.Start, span.Length), StringComparison.Ordinal) && span.Length > 0,
            $"reported at '{source.Substring(span.Start, span.Length)}' ({position}), not in '{marked}'");
        Assert.Equal("https://github.com/wasmbind/wasmbind/blob/main/docs/rules/WB2014.md", diagnostic.Descriptor.HelpLinkUri);
        // The member is left unbound; nothing else is reported and the rest still compiles.
        Assert.DoesNotContain(output.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void Messages_SayWhatIsWrong()
    {
        var (result, _) = GeneratorDriverRunner.Run(GeneratorDriverRunner.Compile(Usings +
            "public sealed record Node(int Value, Node Next); public readonly record struct Tagged(object Label); public struct Empty { }" +
            "[WasmExports] public partial interface IGuest { int Sum(Node n); void Tag(Tagged t); void None(Empty e); }"));
        var messages = result.Diagnostics.Select(d => d.Id + ": " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Contains(messages, m => m.StartsWith("WB2014: 'Node.Next'", StringComparison.Ordinal) && m.Contains("contains itself", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("WB2014: 'Tagged.Label'", StringComparison.Ordinal) && m.Contains("the supported types are", StringComparison.Ordinal));
        // An empty record has no field to point at: the parameter is the problem.
        Assert.Contains(messages, m => m.StartsWith("WB2002:", StringComparison.Ordinal) && m.Contains("at least one field", StringComparison.Ordinal));
        Assert.Equal(3, messages.Count);
    }

    [Fact]
    public void EditingARecord_RegeneratesTheInterfacesThatUseIt_AndAnUnrelatedEditNothing()
    {
        var compilation = GeneratorDriverRunner.Compile(Usings + Records, Usings + Interfaces, Unrelated);
        var driver = GeneratorDriverRunner.CreateDriver(trackSteps: true).RunGenerators(compilation);

        // An unrelated edit: every model and output cached or unchanged.
        var unrelated = Replace(compilation, 2, Unrelated + "\npublic static class More { }");
        var quiet = driver.RunGenerators(unrelated).GetRunResult().Results.Single();
        Assert.All(quiet.TrackedSteps[TrackingNames.Models].SelectMany(s => s.Outputs),
            o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"model was {o.Reason}"));
        Assert.All(quiet.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"output was {o.Reason}"));

        // A field added to Size (used only by the guest) changes the guest's model, not the host's.
        var edited = Replace(compilation, 0, Usings + Records.Replace("public short Height;", "public short Height; public byte Depth;", StringComparison.Ordinal));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();
        var models = result.TrackedSteps[TrackingNames.Models].SelectMany(s => s.Outputs).ToList();
        var modified = Assert.Single(models, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Equal("IRecordGuest", Assert.IsType<Model.InterfaceModel>(modified.Value).Name);
        Assert.Contains("Depth = ", result.GeneratedSources.Single(s => s.HintName == "Demo.IRecordGuest.g.cs").SourceText.ToString(), StringComparison.Ordinal);
    }

    private static Microsoft.CodeAnalysis.Compilation Replace(Microsoft.CodeAnalysis.Compilation compilation, int index, string source)
    {
        var old = compilation.SyntaxTrees.ElementAt(index);
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(source, TestSetup.ParseOptions, old.FilePath));
    }
}
