using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using WasmBind.Generators.Tests.Verifiers;
using Xunit;

namespace WasmBind.Generators.Tests;

/// <summary>
/// Step tracking proves the pipeline's models are value-equatable and location-free: an edit elsewhere leaves every
/// step Cached or Unchanged, and editing one interface regenerates only that interface.
/// </summary>
public sealed class IncrementalityTests
{
    private const string Host = """
        using WasmBind;
        namespace Demo;
        [WasmImports("env")]
        public partial interface IHost
        {
            void Log(string message);
            int Add(int a, int b);
        }
        """;

    private const string Guest = """
        using WasmBind;
        namespace Demo;
        [WasmExports]
        public partial interface IGuest
        {
            string Greet(string name);
        }
        """;

    private const string Other = """
        namespace Demo;
        public static class Unrelated
        {
            public static int Twice(int x) => x * 2;
        }
        """;

    private static readonly string[] OurSteps =
        [TrackingNames.ImportsResults, TrackingNames.ExportsResults, TrackingNames.Models, TrackingNames.Diagnostics];

    [Fact]
    public void AnEditElsewhere_LeavesEveryStepCachedOrUnchanged()
    {
        var compilation = GeneratorDriverRunner.Compile(Host, Guest, Other);
        var driver = GeneratorDriverRunner.CreateDriver(trackSteps: true).RunGenerators(compilation);

        var edited = Replace(compilation, 2, Other + "\npublic class Added { public string Name { get; set; } = \"\"; }\n");
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Contains(TrackingNames.Models, result.TrackedSteps.Keys);
        AssertAll(result, OurSteps, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            output => Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"output was {output.Reason}"));
    }

    [Fact]
    public void EditingOneInterface_RegeneratesOnlyThatInterface()
    {
        var compilation = GeneratorDriverRunner.Compile(Host, Guest, Other);
        var driver = GeneratorDriverRunner.CreateDriver(trackSteps: true).RunGenerators(compilation);
        var before = driver.GetRunResult().Results.Single().GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());

        var edited = Replace(compilation, 1, Guest.Replace("string Greet(string name);", "string Greet(string name);\n    int Count();"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        var models = result.TrackedSteps[TrackingNames.Models].SelectMany(s => s.Outputs).ToList();
        Assert.Equal(1, models.Count(o => o.Reason == IncrementalStepRunReason.Modified));
        Assert.Equal("IGuest", Assert.IsType<Model.InterfaceModel>(models.Single(o => o.Reason == IncrementalStepRunReason.Modified).Value).Name);
        Assert.All(models.Where(o => o.Reason != IncrementalStepRunReason.Modified),
            o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"model was {o.Reason}"));

        var outputs = result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
        Assert.Equal(1, outputs.Count(o => o.Reason is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New));

        var after = result.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());
        Assert.Equal(before["Demo.IHost.g.cs"], after["Demo.IHost.g.cs"]);
        Assert.NotEqual(before["Demo.IGuest.g.cs"], after["Demo.IGuest.g.cs"]);
        Assert.Contains("\"count\"", after["Demo.IGuest.g.cs"], StringComparison.Ordinal);
    }

    [Fact]
    public void MovingAnInterface_LeavesItsModelUnchanged()
    {
        // Blank lines above the interface move every location in its file, but the model holds none.
        var compilation = GeneratorDriverRunner.Compile(Host, Guest, Other);
        var driver = GeneratorDriverRunner.CreateDriver(trackSteps: true).RunGenerators(compilation);

        var edited = Replace(compilation, 0, "\n\n\n" + Host);
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertAll(result, [TrackingNames.Models], IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            output => Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"output was {output.Reason}"));
    }

    [Fact]
    public void ModelsHoldNoSymbolsSyntaxOrLocations()
    {
        // Walk every object reachable from the tracked steps' outputs: nothing Roslyn-owned may be kept.
        var driver = GeneratorDriverRunner.CreateDriver(trackSteps: true).RunGenerators(GeneratorDriverRunner.Compile(Host, Guest, Other + """

            [WasmBind.WasmExports] public partial interface IBroken { int Length(object text); }
            """));
        var result = driver.GetRunResult().Results.Single();
        foreach (var name in OurSteps)
        {
            foreach (var output in result.TrackedSteps[name].SelectMany(s => s.Outputs))
                AssertPlainData(output.Value, depth: 0);
        }
    }

    private static void AssertPlainData(object? value, int depth)
    {
        Assert.True(depth < 12, "the model nests too deeply");
        switch (value)
        {
            case null or string or Enum or Microsoft.CodeAnalysis.Text.TextSpan or Microsoft.CodeAnalysis.Text.LinePositionSpan:
                return;
            case ISymbol or SyntaxNode or Location or Microsoft.CodeAnalysis.Compilation or SemanticModel or SyntaxTree:
                Assert.Fail($"the pipeline keeps a {value.GetType().Name}");
                return;
        }
        var type = value.GetType();
        if (type.IsPrimitive) return;
        Assert.StartsWith("WasmBind.Generators.Model", type.Namespace ?? "", StringComparison.Ordinal);
        if (value is System.Collections.IEnumerable items)
        {
            foreach (var item in items) AssertPlainData(item, depth + 1);
            return;
        }
        foreach (var property in type.GetProperties().Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract" && p.Name != "Descriptor"))
            AssertPlainData(property.GetValue(value), depth + 1);
    }

    private static void AssertAll(GeneratorRunResult result, IEnumerable<string> steps, params IncrementalStepRunReason[] allowed)
    {
        foreach (var name in steps)
        {
            if (!result.TrackedSteps.TryGetValue(name, out var runs)) continue;
            foreach (var output in runs.SelectMany(r => r.Outputs))
                Assert.True(allowed.Contains(output.Reason), $"step {name} produced a {output.Reason} output: {output.Value}");
        }
    }

    private static CSharpCompilation Replace(CSharpCompilation compilation, int index, string source)
    {
        var old = compilation.SyntaxTrees.ElementAt(index);
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(source, TestSetup.ParseOptions, old.FilePath));
    }
}
