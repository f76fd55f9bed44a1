using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using WasmBind.Generators.Tests.Verifiers;
using Xunit;

namespace WasmBind.Generators.Tests.Wit;

/// <summary>Step tracking for the WIT inputs: a .wit edit regenerates only that file's output; an unrelated edit regenerates nothing.</summary>
public sealed class WitIncrementalityTests
{
    private const string Other = """
        package acme:other;

        interface clock {
            now: func() -> u64;
        }

        world timed {
            import clock;
        }

        """;

    private const string Host = """
        using WasmBind;
        namespace Demo;
        [WasmImports("env")]
        public partial interface IHost
        {
            void Log(string message);
        }
        """;

    private static readonly string[] WitSteps = [TrackingNames.WitParsed, TrackingNames.WitBound];

    [Fact]
    public void An_unrelated_CSharp_edit_regenerates_nothing()
    {
        var sensor = new WitTestDriver.InMemoryText("/p/sensor.wit", WitInTests.ScalarWorld);
        var compilation = GeneratorDriverRunner.Compile(Host, "namespace Demo; public static class Unrelated { }");
        var driver = WitTestDriver.CreateDriver([sensor], trackSteps: true).RunGenerators(compilation);

        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Last(),
            CSharpSyntaxTree.ParseText("namespace Demo; public static class Unrelated { public static int Twice(int x) => x * 2; }", TestSetup.ParseOptions, path: "Source1.cs"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (var step in WitSteps.Append(TrackingNames.WitPackage))
        {
            Assert.Contains(step, result.TrackedSteps.Keys);
            Assert.All(result.TrackedSteps[step].SelectMany(s => s.Outputs),
                output => Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step} was {output.Reason}"));
        }
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            output => Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"output was {output.Reason}"));
    }

    [Fact]
    public void Editing_one_wit_file_regenerates_only_its_output()
    {
        var sensor = new WitTestDriver.InMemoryText("/p/sensor.wit", WitInTests.ScalarWorld);
        var other = new WitTestDriver.InMemoryText("/p/other.wit", Other);
        var compilation = GeneratorDriverRunner.Compile("namespace Demo; public static class Unrelated { }");
        var driver = WitTestDriver.CreateDriver([sensor, other], witOut: false, trackSteps: true).RunGenerators(compilation);
        var before = driver.GetRunResult().Results.Single().GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());

        var editedOther = new WitTestDriver.InMemoryText("/p/other.wit", Other.Replace("now: func() -> u64;", "now: func() -> u64;\n    zone: func() -> string;", StringComparison.Ordinal));
        var result = driver.ReplaceAdditionalText(other, editedOther).RunGenerators(compilation).GetRunResult().Results.Single();

        var parsed = result.TrackedSteps[TrackingNames.WitParsed].SelectMany(s => s.Outputs).ToList();
        Assert.Equal(1, parsed.Count(o => o.Reason == IncrementalStepRunReason.Modified));
        var bound = result.TrackedSteps[TrackingNames.WitBound].SelectMany(s => s.Outputs).ToList();
        Assert.Equal(1, bound.Count(o => o.Reason == IncrementalStepRunReason.Modified));
        Assert.Equal("Wit.other", Assert.IsType<WasmBind.Generators.Wit.WitFileOutput>(bound.Single(o => o.Reason == IncrementalStepRunReason.Modified).Value).HintPrefix);
        Assert.All(bound.Where(o => o.Reason != IncrementalStepRunReason.Modified),
            o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"bound was {o.Reason}"));

        var after = result.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());
        var changed = after.Keys.Where(k => !before.TryGetValue(k, out var text) || text != after[k]).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["Wit.other.Acme.Other.IClock.g.cs", "Wit.other.g.cs"], changed);
    }
}
