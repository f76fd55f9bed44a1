using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using WasmBind.Analyzers.Rules;
using WasmBind.Analyzers.Tests.Verifiers;
using Xunit;

namespace WasmBind.Analyzers.Tests;

/// <summary>What every analyzer must do whatever its rule: run concurrently, skip generated code, survive any input.</summary>
public class AnalyzerConventionTests
{
    public static TheoryData<string> Analyzers()
    {
        var data = new TheoryData<string>();
        foreach (var analyzer in TestSetup.AllAnalyzers) data.Add(analyzer.GetType().Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Analyzers))]
    public void Enables_concurrent_execution_and_skips_generated_code(string name)
    {
        var analyzer = TestSetup.AllAnalyzers.Single(a => a.GetType().Name == name);
        var context = new RecordingContext();
        analyzer.Initialize(context);
        Assert.True(context.Concurrent, $"{name} does not call EnableConcurrentExecution.");
        Assert.Equal(GeneratedCodeAnalysisFlags.None, context.GeneratedCode);
    }

    public static TheoryData<string> BrokenSources() => new()
    {
        // Unfinished lambdas and calls, where the operation tree is full of invalid nodes.
        "class C { void M(Store store, TypedFunc<int, int> f) { Task.Run(() => f.Call( } }",
        "class C { async Task M(Function f) { var r = f.Invoke(Value.I32(1), ; await } }",
        "class C { void M(Memory memory, TypedAction a) { var s = memory.Span; a.Call(; s[0] = } }",
        "class C { void M(Linker linker) => linker.DefineAsyncFunction(\"env\", \"f\", async (Caller c, int x) => { Thread.Sleep(; return } ); }",
        "class C { static Store s = new Store(; Caller saved; void M(Linker l) => l.DefineFunction(\"env\", \"f\", (Caller c) => saved = ); }",
        // Unknown types and members shaped like the runtime's.
        "class C { async Task M(Missing f, Store s) { f.Call(); await s.Nothing(); Task.WaitAll(undefined); new Thread(() => s.Fuel = ).Start(); } }",
        "class C { void M(Memory m) { Span<byte> s = m.Spn; m.Grow(\"x\"); s[0] = 1; Parallel.For(0, 1, i => m.Gro()); } }",
        // Odd but valid shapes.
        "class C { async Task M(TypedFunc<int, int> f) { await Task.WhenAll(); Task.WaitAll(); _ = Task.Run(default(Action)!); await Task.Run(f.Call(1).ToString); } }",
        "class C { void M(Memory m, TypedAction a) { goto x; x: var s = m.Span; try { a.Call(); } finally { s[0] = 1; } } }",
        "class C { System.Collections.Generic.IEnumerable<int> M(Memory m, TypedAction a) { yield return m.Span.Length; a.Call(); } }",
        "",
    };

    [Theory]
    [MemberData(nameof(BrokenSources))]
    public async Task Survives_broken_code(string source)
    {
        // The source does not compile, which the standard harness rejects, so the analyzers run here directly; the
        // test asks only that none of them throws.
        var compilation = CSharpCompilation.Create(
            "Broken",
            [CSharpSyntaxTree.ParseText(TestSetup.Usings + source, new CSharpParseOptions(LanguageVersion.Latest))],
            TestSetup.Runtime,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var exceptions = new List<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]),
            onAnalyzerException: (exception, analyzer, _) => { lock (exceptions) exceptions.Add($"{analyzer.GetType().Name}: {exception}"); },
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        var diagnostics = await compilation.WithAnalyzers(TestSetup.AllAnalyzers, options).GetAnalyzerDiagnosticsAsync();
        Assert.True(exceptions.Count == 0, "An analyzer threw:\n" + string.Join("\n", exceptions));
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
    }

    [Fact]
    public async Task Nothing_is_reported_without_the_runtime()
    {
        // Look-alikes of every runtime type the rules know, in a project that references only .NET 8's reference
        // assemblies: symbol identity, not names, drives the rules, so none of this is reported.
        var source = """
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            namespace WasmBind
            {
                public sealed class Engine { }
                public class Memory { public Span<byte> Span => default; public uint Grow(uint pages) => 0; }
                public class Function { public int Invoke(params int[] values) => 0; public ValueTask<int> CallAsync(int[] values) => default; }
            }

            namespace App
            {
                using WasmBind;

                class C
                {
                    static Memory? memory;

                    async Task<int> M(Function f, Memory m)
                    {
                        var span = m.Span;
                        f.Invoke(1);
                        span[0] = 1;
                        _ = Task.Run(() => f.Invoke(2));
                        f.Invoke(3);
                        Thread.Sleep(1);
                        return f.CallAsync([1]).Result;
                    }
                }
            }
            """;
        // Every analyzer at once, no diagnostic expected, no compiler error allowed.
        var test = new AllAnalyzersTest { ReferenceAssemblies = TestSetup.NoPackage, TestCode = source };
        test.TestState.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net80.References.All);
        await test.RunAsync();
    }

    private sealed class AllAnalyzersTest : CSharpAnalyzerTest<StoreUsedAcrossThreadsAnalyzer, DefaultVerifier>
    {
        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => TestSetup.AllAnalyzers;
    }

    /// <summary>An AnalysisContext that records the settings an analyzer chooses and ignores its registrations.</summary>
    private sealed class RecordingContext : AnalysisContext
    {
        public bool Concurrent { get; private set; }

        public GeneratedCodeAnalysisFlags? GeneratedCode { get; private set; }

        public override void EnableConcurrentExecution() => Concurrent = true;

        public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode) => GeneratedCode = analysisMode;

        public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) { }

        public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) { }

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) { }

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) { }

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) { }

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) { }

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) { }

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) { }
    }
}
