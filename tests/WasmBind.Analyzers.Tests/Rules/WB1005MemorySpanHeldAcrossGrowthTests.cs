using WasmBind.Analyzers.Rules;
using WasmBind.Analyzers.Tests.Verifiers;
using Xunit;

namespace WasmBind.Analyzers.Tests.Rules;

public class WB1005MemorySpanHeldAcrossGrowthTests
{
    private static Task Verify(string markup) => CSharpAnalyzerVerifier<MemorySpanHeldAcrossGrowthAnalyzer>.VerifyAnalyzerAsync(markup);

    // ---- reported ----

    [Fact]
    public Task Span_written_after_a_typed_call() => Verify("""
        class C
        {
            void M(Memory memory, TypedAction<int> work)
            {
                var span = memory.Span;
                span[0] = 1;
                work.Call(0);
                [|span|][1] = 2;
            }
        }
        """);

    [Fact]
    public Task Span_written_after_a_typed_resumable_call() => Verify("""
        class C
        {
            void M(Memory memory, TypedFunc<int, int> work)
            {
                var span = memory.Span;
                span[0] = 1;
                work.CallResumable(0);
                [|span|][1] = 2;
            }
        }
        """);

    [Fact]
    public Task GetSpan_read_after_Grow() => Verify("""
        class C
        {
            byte M(Memory memory)
            {
                var header = memory.GetSpan(0, 16);
                memory.Grow(1);
                return [|header|][0];
            }
        }
        """);

    [Fact]
    public Task Read_only_span_after_Invoke() => Verify("""
        class C
        {
            int M(Memory memory, Function f)
            {
                ReadOnlySpan<byte> bytes = memory.Span;
                f.Invoke(Value.I32(1));
                return [|bytes|].Length;
            }
        }
        """);

    [Fact]
    public Task Slice_of_a_memory_span() => Verify("""
        class C
        {
            void M(Memory memory, TypedAction work)
            {
                var all = memory.Span;
                var field = all.Slice(8, 4);
                work.Call();
                [|field|].Fill(0);
            }
        }
        """);

    [Fact]
    public Task Loop_uses_the_span_after_the_previous_iterations_call() => Verify("""
        class C
        {
            void M(Memory memory, TypedAction<int> work)
            {
                var span = memory.Span;
                for (var i = 0; i < 10; i++)
                {
                    [|span|][i] = 1;
                    work.Call(i);
                }
            }
        }
        """);

    [Fact]
    public Task Write_whose_value_is_the_call() => Verify("""
        class C
        {
            void M(Memory memory, TypedFunc<int, int> next)
            {
                var span = memory.Span;
                [|span|][0] = (byte)next.Call(0);
            }
        }
        """);

    [Fact]
    public Task Host_function_span_across_a_realloc_call() => Verify("""
        class C
        {
            void M(Linker linker) => linker.DefineFunction("env", "fill", (Caller caller, int address) =>
            {
                var bytes = caller.GetMemory()!.GetSpan(address, 4);
                caller.GetFunction("cabi_realloc")!.Invoke(Value.I32(0), Value.I32(0), Value.I32(1), Value.I32(64));
                [|bytes|].Clear();
            });
        }
        """);

    [Fact]
    public Task Call_on_one_branch_only() => Verify("""
        class C
        {
            void M(Memory memory, TypedAction work, bool busy)
            {
                var span = memory.Span;
                if (busy) work.Call();
                [|span|][0] = 1;
            }
        }
        """);

    [Fact]
    public Task Async_call_started_without_await() => Verify("""
        class C
        {
            ValueTask<int> M(Memory memory, TypedFunc<int, int> next)
            {
                var span = memory.Span;
                var pending = next.CallAsync(1);
                [|span|][0] = 1;
                return pending;
            }
        }
        """);

    [Fact]
    public Task Instantiation_runs_a_start_function() => Verify("""
        class C
        {
            void M(Memory memory, Linker linker, Store store, Module module)
            {
                var span = memory.Span;
                linker.Instantiate(store, module);
                [|span|][0] = 1;
            }
        }
        """);

    [Fact]
    public Task Two_calls_two_diagnostics() => Verify("""
        class C
        {
            void M(Memory memory, TypedAction work)
            {
                var span = memory.Span;
                work.Call();
                [|span|][0] = 1;
                span = memory.Span;
                span[1] = 1;
                work.Call();
                [|span|][2] = 1;
                span[3] = 1;
            }
        }
        """);

    // ---- not reported ----

    [Fact]
    public Task Span_taken_again_after_the_call() => Verify("""
        class C
        {
            void M(Memory memory, TypedAction work)
            {
                var span = memory.Span;
                span[0] = 1;
                work.Call();
                span = memory.Span;
                span[1] = 2;
            }
        }
        """);

    [Fact]
    public Task Span_used_only_before_the_call() => Verify("""
        class C
        {
            int M(Memory memory, TypedFunc<int, int> parse)
            {
                var text = memory.GetSpan(0, 4);
                var length = text.Length;
                return parse.Call(length);
            }
        }
        """);

    [Fact]
    public Task Grow_of_another_memory() => Verify("""
        class C
        {
            void M(Memory input, Memory output)
            {
                var bytes = input.Span;
                output.Grow(1);
                bytes[0] = 1;
            }
        }
        """);

    [Fact]
    public Task Span_over_a_managed_array() => Verify("""
        class C
        {
            void M(byte[] buffer, TypedAction work)
            {
                Span<byte> span = buffer;
                work.Call();
                span[0] = 1;
            }
        }
        """);

    [Fact]
    public Task Memory_helpers_after_the_call() => Verify("""
        class C
        {
            int M(Memory memory, TypedAction work)
            {
                memory.WriteInt32(0, 1);
                work.Call();
                return memory.ReadInt32(0) + memory.Span[4];
            }
        }
        """);

    [Fact]
    public Task Span_taken_each_iteration() => Verify("""
        class C
        {
            void M(Memory memory, TypedAction<int> work)
            {
                for (var i = 0; i < 10; i++)
                {
                    var span = memory.Span;
                    span[i] = 1;
                    work.Call(i);
                }
            }
        }
        """);

    [Fact]
    public Task Call_inside_a_lambda_that_is_not_run_here() => Verify("""
        class C
        {
            Action M(Memory memory, TypedAction work)
            {
                var span = memory.Span;
                Action later = () => work.Call();
                span[0] = 1;
                return later;
            }
        }
        """);

    [Fact]
    public Task Call_on_a_path_that_returns() => Verify("""
        class C
        {
            void M(Memory memory, TypedAction work, bool done)
            {
                var span = memory.Span;
                if (done)
                {
                    work.Call();
                    return;
                }
                span[0] = 1;
            }
        }
        """);

    [Fact]
    public Task Members_that_do_not_run_wasm() => Verify("""
        class C
        {
            int M(Memory memory, Function f)
            {
                var span = memory.Span;
                var pages = memory.Pages;
                var arity = f.Type.Parameters.Count;
                return span[0] + (int)pages + arity;
            }
        }
        """);

    [Fact]
    public Task Span_read_for_the_calls_own_argument() => Verify("""
        class C
        {
            int M(Memory memory, TypedFunc<int, int> lookup)
            {
                var key = memory.GetSpan(0, 4);
                return lookup.Call(key[0]);
            }
        }
        """);

    [Fact]
    public Task Span_taken_again_after_Grow() => Verify("""
        class C
        {
            void M(Memory memory, int needed)
            {
                var span = memory.Span;
                if (span.Length < needed)
                {
                    memory.Grow(1);
                    span = memory.Span;
                }
                span[0] = 1;
            }
        }
        """);

    [Fact]
    public Task Generated_code_is_skipped() => CSharpAnalyzerVerifier<MemorySpanHeldAcrossGrowthAnalyzer>.VerifyAnalyzerAsync("""
        class C
        {
            void M(Memory memory, TypedAction work)
            {
                var span = memory.Span;
                work.Call();
                span[0] = 1;
            }
        }
        """, path: "Bindings.g.cs");
}
