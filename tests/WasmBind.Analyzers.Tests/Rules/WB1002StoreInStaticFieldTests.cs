using WasmBind.Analyzers.Rules;
using WasmBind.Analyzers.Tests.Verifiers;
using Xunit;

namespace WasmBind.Analyzers.Tests.Rules;

public class WB1002StoreInStaticFieldTests
{
    private static Task Verify(string markup) => CSharpAnalyzerVerifier<StoreInStaticFieldAnalyzer>.VerifyAnalyzerAsync(markup);

    // ---- reported ----

    [Fact]
    public Task Static_store_field() => Verify("""
        static class Host
        {
            public static Store? [|Current|];
        }
        """);

    [Fact]
    public Task Static_readonly_instance() => Verify("""
        class Host
        {
            private static readonly Instance [|instance|] = null!;
        }
        """);

    [Fact]
    public Task Typed_store_and_typed_function() => Verify("""
        class Host
        {
            static Store<int>? [|store|];
            static TypedFunc<int, int>? [|fib|];
        }
        """);

    [Fact]
    public Task Several_declarators() => Verify("""
        class Host
        {
            static Global? [|counter|], [|limit|];
            static Table? [|table|];
        }
        """);

    [Fact]
    public Task Static_auto_property() => Verify("""
        class Host
        {
            public static Function? [|Entry|] { get; set; }
            public static Memory [|Memory|] { get; } = null!;
        }
        """);

    [Fact]
    public Task Lazy_singleton() => Verify("""
        class Host
        {
            private static readonly Lazy<Store> [|shared|] = new(() => new Store(new Engine()));
        }
        """);

    [Fact]
    public Task Resumable_call_kept_statically() => Verify("""
        class Host
        {
            static ResumableCall? [|pending|];
        }
        """);

    // ---- not reported ----

    [Fact]
    public Task Instance_field() => Verify("""
        class Plugin
        {
            private readonly Store store;
            private readonly Instance instance;
            public Plugin(Store store, Instance instance) { this.store = store; this.instance = instance; }
        }
        """);

    [Fact]
    public Task ThreadStatic_field() => Verify("""
        class Host
        {
            [ThreadStatic] private static Store? perThread;
        }
        """);

    [Fact]
    public Task ThreadStatic_backing_field_of_a_property() => Verify("""
        class Host
        {
            [field: ThreadStatic] public static Store? PerThread { get; set; }
        }
        """);

    [Fact]
    public Task Computed_static_property() => Verify("""
        class Host
        {
            private static readonly Engine engine = new();
            public static Store NewStore => new(engine);
        }
        """);

    [Fact]
    public Task ThreadLocal_store() => Verify("""
        class Host
        {
            private static readonly ThreadLocal<Store> perThread = new(() => new Store(new Engine()));
        }
        """);

    [Fact]
    public Task Thread_safe_runtime_objects() => Verify("""
        class Host
        {
            static readonly Engine engine = new();
            static Module? module;
            static Linker? linker;
            static InstancePre? pre;
        }
        """);

    [Fact]
    public Task A_pool_of_stores() => Verify("""
        class Host
        {
            static readonly System.Collections.Concurrent.ConcurrentBag<Store> pool = new();
        }
        """);

    [Fact]
    public Task Store_in_a_local_of_a_static_method() => Verify("""
        static class Host
        {
            static long Run(Engine engine)
            {
                var store = new Store(engine);
                return store.Engine.CurrentEpoch;
            }
        }
        """);

    [Fact]
    public Task Caller_field_is_WB1006s_concern() => Verify("""
        class Host
        {
            static Caller last;
        }
        """);

    [Fact]
    public Task Generated_code_is_skipped() => CSharpAnalyzerVerifier<StoreInStaticFieldAnalyzer>.VerifyAnalyzerAsync("""
        static class Host
        {
            public static Store? Current;
        }
        """, path: "Host.g.cs");

    // ---- issue 17: message grammar ----

    [Fact]
    public async Task Messages_choose_the_article_by_the_word()
    {
        var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<StoreInStaticFieldAnalyzer, Microsoft.CodeAnalysis.Testing.DefaultVerifier>
        {
            TestCode = TestSetup.Usings + """
                [WasmExports]
                public partial interface IRenderer { int Render(int document); }

                static class Shared
                {
                    public static Instance? {|#0:Plugin|};
                    public static IRenderer? {|#1:Renderer|};
                    public static Store? {|#2:Current|};
                    public static Lazy<Memory>? {|#3:Heap|} { get; set; }
                }
                """,
        };
        TestSetup.Configure(test);
        const string tail = ", which every thread can reach; keep stores per operation or per thread, or mark the field [ThreadStatic]";
        test.ExpectedDiagnostics.Add(new Microsoft.CodeAnalysis.Testing.DiagnosticResult(Descriptors.StoreInStaticField).WithLocation(0)
            .WithMessage("'Plugin' is a static field that holds an Instance" + tail));
        test.ExpectedDiagnostics.Add(new Microsoft.CodeAnalysis.Testing.DiagnosticResult(Descriptors.StoreInStaticField).WithLocation(1)
            .WithMessage("'Renderer' is a static field that holds an IRenderer" + tail));
        test.ExpectedDiagnostics.Add(new Microsoft.CodeAnalysis.Testing.DiagnosticResult(Descriptors.StoreInStaticField).WithLocation(2)
            .WithMessage("'Current' is a static field that holds a Store" + tail));
        test.ExpectedDiagnostics.Add(new Microsoft.CodeAnalysis.Testing.DiagnosticResult(Descriptors.StoreInStaticField).WithLocation(3)
            .WithMessage("'Heap' is a static property that holds a Memory" + tail));
        await test.RunAsync();
    }
}
