using WasmBind.Analyzers.Rules;
using WasmBind.Analyzers.Tests.Verifiers;
using Xunit;

namespace WasmBind.Analyzers.Tests;

/// <summary>
/// An object implementing a <c>[WasmExports]</c> interface (made by the generated <c>Bind</c>) belongs to its
/// instance's store and runs WebAssembly in every member, so the rules treat it like the runtime's own types.
/// The generator does not run here: the interfaces are declared, not bound.
/// </summary>
public class BoundExportsTests
{
    private const string Greeter = """
        [WasmExports]
        public partial interface IGreeter
        {
            int Add(int a, int b);
            ValueTask<int> SlowAsync(int x);
        }

        """;

    [Fact]
    public Task WB1001_bound_object_used_by_parallel_workers() => CSharpAnalyzerVerifier<StoreUsedAcrossThreadsAnalyzer>.VerifyAnalyzerAsync(Greeter + """
        class C
        {
            void M(IGreeter greeter) => Parallel.For(0, 10, i => [|greeter|].Add(i, i));
        }
        """);

    [Fact]
    public Task WB1002_bound_object_in_a_static_field() => CSharpAnalyzerVerifier<StoreInStaticFieldAnalyzer>.VerifyAnalyzerAsync(Greeter + """
        static class Host
        {
            public static IGreeter? [|Greeter|];
        }
        """);

    [Fact]
    public Task WB1004_Result_of_a_bound_async_member() => CSharpAnalyzerVerifier<BlockingWaitAnalyzer>.VerifyAnalyzerAsync(Greeter + """
        class C
        {
            int M(IGreeter greeter) => [|greeter.SlowAsync(1).Result|];
        }
        """);

    [Fact]
    public Task WB1005_span_held_across_a_bound_call() => CSharpAnalyzerVerifier<MemorySpanHeldAcrossGrowthAnalyzer>.VerifyAnalyzerAsync(Greeter + """
        class C
        {
            void M(Memory memory, IGreeter greeter)
            {
                var span = memory.Span;
                greeter.Add(1, 2);
                [|span|][0] = 1;
            }
        }
        """);

    [Fact]
    public Task WB1003_not_reported_for_bound_members_yet() => CSharpAnalyzerVerifier<SyncCallInAsyncCodeAnalyzer>.VerifyAnalyzerAsync(Greeter + """
        class C
        {
            async Task<int> M(IGreeter greeter)
            {
                await Task.Yield();
                return greeter.Add(1, 2);
            }
        }
        """);

    [Fact]
    public Task Static_members_of_the_interface_do_not_run_wasm() => CSharpAnalyzerVerifier<MemorySpanHeldAcrossGrowthAnalyzer>.VerifyAnalyzerAsync("""
        [WasmExports]
        public partial interface ICounter
        {
            int Next();
            static int Limit() => 10;
        }

        class C
        {
            void M(Memory memory)
            {
                var span = memory.Span;
                ICounter.Limit();
                span[0] = 1;
            }
        }
        """);
}
