using Microsoft.CodeAnalysis.CSharp;
using WasmBind.Analyzers.CodeFixes;
using WasmBind.Analyzers.Rules;
using WasmBind.Analyzers.Tests.Verifiers;
using Xunit;

namespace WasmBind.Analyzers.Tests.Rules;

public class WB1003SyncCallInAsyncCodeTests
{
    private static Task Verify(string markup) => CSharpAnalyzerVerifier<SyncCallInAsyncCodeAnalyzer>.VerifyAnalyzerAsync(markup);

    private static Task VerifyFix(string markup, string expected, LanguageVersion languageVersion = LanguageVersion.Latest) =>
        CSharpCodeFixVerifier<SyncCallInAsyncCodeAnalyzer, SyncCallCodeFixProvider>.VerifyCodeFixAsync(markup, expected, languageVersion);

    // ---- reported ----

    [Fact]
    public Task Typed_call_in_async_method() => Verify("""
        class C
        {
            async Task<int> M(TypedFunc<int, int> fib)
            {
                await Task.Yield();
                return [|fib.Call(20)|];
            }
        }
        """);

    [Fact]
    public Task Invoke_in_async_method() => Verify("""
        class C
        {
            async Task<int> M(Function f)
            {
                var results = [|f.Invoke(Value.I32(1), Value.I32(2))|];
                await Task.Yield();
                return results[0].AsInt32();
            }
        }
        """);

    [Fact]
    public Task Typed_action_in_async_lambda() => Verify("""
        class C
        {
            Func<Task> M(TypedAction tick) => async () =>
            {
                [|tick.Call()|];
                await Task.Yield();
            };
        }
        """);

    [Fact]
    public Task Call_in_async_local_function() => Verify("""
        class C
        {
            void M(TypedFunc<int, int, int> add)
            {
                _ = Run();
                async Task<int> Run()
                {
                    await Task.Yield();
                    return [|add.Call(1, 2)|] + 1;
                }
            }
        }
        """);

    [Fact]
    public Task Invoke_with_results_span_is_reported_without_a_fix() => CSharpCodeFixVerifier<SyncCallInAsyncCodeAnalyzer, SyncCallCodeFixProvider>.VerifyNoCodeFixAsync("""
        class C
        {
            async Task M(Function f, Value[] arguments, Value[] results)
            {
                await Task.Yield();
                [|f.Invoke(arguments, results)|];
            }
        }
        """);

    [Fact]
    public Task Async_anonymous_method() => Verify("""
        class C
        {
            Func<Task<long>> M(TypedFunc<long> now) => async delegate
            {
                await Task.Yield();
                return [|now.Call()|];
            };
        }
        """);

    [Fact]
    public Task Async_enumerable_method() => Verify("""
        class C
        {
            async IAsyncEnumerable<int> M(TypedFunc<int, int> next)
            {
                for (var i = 0; i < 3; i++)
                {
                    await Task.Yield();
                    yield return [|next.Call(i)|];
                }
            }
        }
        """);

    [Fact]
    public Task Several_calls_each_reported() => Verify("""
        class C
        {
            async Task M(TypedAction<int> log, TypedFunc<int> read)
            {
                [|log.Call([|read.Call()|])|];
                await Task.Yield();
            }
        }
        """);

    // ---- not reported ----

    [Fact]
    public Task Sync_call_in_sync_method() => Verify("""
        class C
        {
            int M(TypedFunc<int, int> fib, Function f) => fib.Call(20) + f.Invoke(Value.I32(1))[0].AsInt32();
        }
        """);

    [Fact]
    public Task Async_method_that_already_uses_CallAsync() => Verify("""
        class C
        {
            async Task<int> M(TypedFunc<int, int> fib, Function f, CancellationToken ct)
            {
                var a = await fib.CallAsync(20, ct);
                var b = await f.CallAsync([Value.I32(1)], ct);
                return a + b[0].AsInt32();
            }
        }
        """);

    [Fact]
    public Task Sync_lambda_inside_async_method() => Verify("""
        class C
        {
            async Task<int[]> M(TypedFunc<int, int> square, int[] items)
            {
                await Task.Yield();
                return items.Select(x => square.Call(x)).ToArray();
            }
        }
        """);

    [Fact]
    public Task Sync_local_function_inside_async_method() => Verify("""
        class C
        {
            async Task<int> M(TypedFunc<int, int> square)
            {
                await Task.Yield();
                return Compute(3);
                int Compute(int x) => square.Call(x);
            }
        }
        """);

    [Fact]
    public Task Inside_lock_where_await_is_not_allowed() => Verify("""
        class C
        {
            private readonly object gate = new();

            async Task<int> M(TypedFunc<int> read)
            {
                await Task.Yield();
                lock (gate)
                {
                    return read.Call();
                }
            }
        }
        """);

    [Fact]
    public Task Unrelated_method_named_Call() => Verify("""
        class Plugin
        {
            public int Call(int x) => x;
            public int Invoke(int x) => x;
        }

        class C
        {
            async Task<int> M(Plugin plugin)
            {
                await Task.Yield();
                return plugin.Call(1) + plugin.Invoke(2);
            }
        }
        """);

    [Fact]
    public Task Resumable_call_has_no_async_form() => Verify("""
        class C
        {
            async Task<bool> M(Function f)
            {
                await Task.Yield();
                return f.CallResumable(Value.I32(1)).IsFinished;
            }
        }
        """);

    [Fact]
    public Task Sync_call_offloaded_with_a_sync_lambda() => Verify("""
        class C
        {
            async Task<int> M(TypedFunc<int, int> fib) => await Task.Run(() => fib.Call(30));
        }
        """);

    [Fact]
    public Task Unsafe_context() => Verify("""
        class C
        {
            async Task<int> M(TypedFunc<int> read)
            {
                await Task.Yield();
                unsafe
                {
                    return read.Call();
                }
            }
        }
        """);

    [Fact]
    public Task Catch_filter_where_await_is_not_allowed() => Verify("""
        class C
        {
            async Task<int> M(TypedFunc<int, int> classify, Func<Task<int>> work)
            {
                try
                {
                    return await work();
                }
                catch (Exception e) when (classify.Call(e.HResult) > 0)
                {
                    return -1;
                }
            }
        }
        """);

    [Fact]
    public Task Instantiation_is_not_a_call_this_rule_tracks() => Verify("""
        class C
        {
            async Task<Instance> M(Linker linker, Store store, Module module)
            {
                await Task.Yield();
                return linker.Instantiate(store, module);
            }
        }
        """);

    [Fact]
    public Task Property_getter_is_sync_code() => Verify("""
        class C
        {
            private readonly TypedFunc<int> counter;

            C(TypedFunc<int> counter) => this.counter = counter;

            public int Current => counter.Call();

            public async Task<int> NextAsync() => await counter.CallAsync() + Current;
        }
        """);

    [Fact]
    public Task Generated_code_is_skipped() => CSharpAnalyzerVerifier<SyncCallInAsyncCodeAnalyzer>.VerifyAnalyzerAsync("""
        class C
        {
            async Task<int> M(TypedFunc<int> read)
            {
                await Task.Yield();
                return read.Call();
            }
        }
        """, path: "Bindings.g.cs");

    // ---- code fix ----

    [Fact]
    public Task Fix_typed_call_passes_the_token_in_scope() => VerifyFix("""
        class C
        {
            async Task<int> M(TypedFunc<int, int> fib, CancellationToken ct)
            {
                await Task.Yield();
                return [|fib.Call(20)|];
            }
        }
        """, """
        class C
        {
            async Task<int> M(TypedFunc<int, int> fib, CancellationToken ct)
            {
                await Task.Yield();
                return await fib.CallAsync(20, ct);
            }
        }
        """);

    [Fact]
    public Task Fix_typed_action_statement() => VerifyFix("""
        class C
        {
            async Task M(TypedAction<int> log)
            {
                [|log.Call(1)|];
                await Task.Yield();
            }
        }
        """, """
        class C
        {
            async Task M(TypedAction<int> log)
            {
                await log.CallAsync(1);
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Fix_invoke_packs_arguments_into_a_collection_expression() => VerifyFix("""
        class C
        {
            async Task<int> M(Function f)
            {
                await Task.Yield();
                return [|f.Invoke(Value.I32(1), Value.I32(2))|][0].AsInt32();
            }
        }
        """, """
        class C
        {
            async Task<int> M(Function f)
            {
                await Task.Yield();
                return (await f.CallAsync([Value.I32(1), Value.I32(2)]))[0].AsInt32();
            }
        }
        """);

    [Fact]
    public Task Fix_invoke_with_no_arguments_and_a_lambda_token() => VerifyFix("""
        class C
        {
            Func<CancellationToken, Task> M(Function f) => async token =>
            {
                await Task.Yield();
                [|f.Invoke()|];
            };
        }
        """, """
        class C
        {
            Func<CancellationToken, Task> M(Function f) => async token =>
            {
                await Task.Yield();
                await f.CallAsync([], token);
            };
        }
        """);

    [Fact]
    public Task Fix_invoke_given_an_array_passes_it_as_is() => VerifyFix("""
        class C
        {
            async Task<Value[]> M(Function f, Value[] arguments)
            {
                await Task.Yield();
                return [|f.Invoke(arguments)|];
            }
        }
        """, """
        class C
        {
            async Task<Value[]> M(Function f, Value[] arguments)
            {
                await Task.Yield();
                return await f.CallAsync(arguments);
            }
        }
        """);

    [Fact]
    public Task Fix_invoke_given_a_span_copies_it() => VerifyFix("""
        class C
        {
            async Task<Value[]> M(Function f, Value[] all)
            {
                await Task.Yield();
                ReadOnlySpan<Value> arguments = all;
                return [|f.Invoke(arguments)|];
            }
        }
        """, """
        class C
        {
            async Task<Value[]> M(Function f, Value[] all)
            {
                await Task.Yield();
                ReadOnlySpan<Value> arguments = all;
                return await f.CallAsync(arguments.ToArray());
            }
        }
        """);

    [Fact]
    public Task Fix_before_CSharp_13_keeps_the_array() => VerifyFix("""
        class C
        {
            async Task<Value[]> M(Function f)
            {
                await Task.Yield();
                return [|f.Invoke(new[] { Value.I32(1) })|];
            }
        }
        """, """
        class C
        {
            async Task<Value[]> M(Function f)
            {
                await Task.Yield();
                return await f.CallAsync(new[] { Value.I32(1) });
            }
        }
        """, LanguageVersion.CSharp11);

    [Fact]
    public Task Fix_named_arguments_name_the_token() => VerifyFix("""
        class C
        {
            async Task<int> M(TypedFunc<int, int, int> add, CancellationToken cancel)
            {
                await Task.Yield();
                return [|add.Call(a1: 1, a2: 2)|];
            }
        }
        """, """
        class C
        {
            async Task<int> M(TypedFunc<int, int, int> add, CancellationToken cancel)
            {
                await Task.Yield();
                return await add.CallAsync(a1: 1, a2: 2, cancellationToken: cancel);
            }
        }
        """);

    [Fact]
    public Task Fix_all_rewrites_nested_calls() => CSharpCodeFixVerifier<SyncCallInAsyncCodeAnalyzer, SyncCallCodeFixProvider>.VerifyCodeFixAsync("""
        class C
        {
            async Task M(TypedAction<int> log, TypedFunc<int, int> square)
            {
                await Task.Yield();
                [|log.Call([|square.Call(2)|])|];
                [|log.Call(3)|];
            }
        }
        """, """
        class C
        {
            async Task M(TypedAction<int> log, TypedFunc<int, int> square)
            {
                await Task.Yield();
                await log.CallAsync(await square.CallAsync(2));
                await log.CallAsync(3);
            }
        }
        """);

    [Fact]
    public Task No_fix_on_a_conditional_access() => CSharpCodeFixVerifier<SyncCallInAsyncCodeAnalyzer, SyncCallCodeFixProvider>.VerifyNoCodeFixAsync("""
        class C
        {
            async Task<int?> M(TypedFunc<int>? read)
            {
                await Task.Yield();
                return read?[|.Call()|];
            }
        }
        """);

    [Fact]
    public Task No_fix_when_a_span_is_live_across_the_call() => CSharpCodeFixVerifier<SyncCallInAsyncCodeAnalyzer, SyncCallCodeFixProvider>.VerifyNoCodeFixAsync("""
        class C
        {
            async Task<int> M(TypedFunc<int, int> f, byte[] buffer)
            {
                await Task.Yield();
                Span<byte> bytes = buffer;
                var r = [|f.Call(bytes[0])|];
                return r + bytes[1];
            }
        }
        """);

    // ---- issue 17: cleanup keeps running on cancellation ----

    [Fact]
    public Task Fix_in_finally_and_catch_does_not_pass_the_token() => VerifyFix("""
        class Session
        {
            async Task RunAsync(TypedAction work, TypedAction release, TypedAction<int> log, CancellationToken ct)
            {
                try
                {
                    [|work.Call()|];
                    await Task.Yield();
                }
                catch (OperationCanceledException)
                {
                    [|log.Call(1)|];
                    throw;
                }
                finally
                {
                    [|release.Call()|];
                }
            }
        }
        """, """
        class Session
        {
            async Task RunAsync(TypedAction work, TypedAction release, TypedAction<int> log, CancellationToken ct)
            {
                try
                {
                    await work.CallAsync(ct);
                    await Task.Yield();
                }
                catch (OperationCanceledException)
                {
                    await log.CallAsync(1);
                    throw;
                }
                finally
                {
                    await release.CallAsync();
                }
            }
        }
        """);
}
