using WasmBind.Analyzers.CodeFixes;
using WasmBind.Analyzers.Rules;
using WasmBind.Analyzers.Tests.Verifiers;
using Xunit;

namespace WasmBind.Analyzers.Tests.Rules;

public class WB1004BlockingWaitTests
{
    private static Task Verify(string markup) => CSharpAnalyzerVerifier<BlockingWaitAnalyzer>.VerifyAnalyzerAsync(markup);

    private static Task VerifyFix(string markup, string expected) =>
        CSharpCodeFixVerifier<BlockingWaitAnalyzer, BlockingWaitCodeFixProvider>.VerifyCodeFixAsync(markup, expected);

    private static Task VerifyNoFix(string markup) => CSharpCodeFixVerifier<BlockingWaitAnalyzer, BlockingWaitCodeFixProvider>.VerifyNoCodeFixAsync(markup);

    // ---- reported ----

    [Fact]
    public Task Result_of_a_wasm_call_in_sync_code() => VerifyNoFix("""
        class C
        {
            int M(TypedFunc<int, int> fib) => [|fib.CallAsync(20).Result|];
        }
        """);

    [Fact]
    public Task GetResult_of_a_wasm_call_in_sync_code() => VerifyNoFix("""
        class C
        {
            Value[] M(Function f) => [|f.CallAsync([Value.I32(1)]).GetAwaiter().GetResult()|];
        }
        """);

    [Fact]
    public Task Wait_on_a_wasm_call_through_AsTask() => VerifyNoFix("""
        class C
        {
            void M(TypedAction run) => [|run.CallAsync().AsTask().Wait()|];
        }
        """);

    [Fact]
    public Task Result_of_a_local_holding_a_wasm_call() => Verify("""
        class C
        {
            int M(TypedFunc<int, int> fib)
            {
                var pending = fib.CallAsync(20);
                return [|pending.Result|];
            }
        }
        """);

    [Fact]
    public Task Result_of_InstantiateAsync() => Verify("""
        class C
        {
            Instance M(Linker linker, Store store, Module module) => [|linker.InstantiateAsync(store, module).Result|];
        }
        """);

    [Fact]
    public Task Sleep_in_an_async_host_function() => Verify("""
        class C
        {
            void M(Linker linker) => linker.DefineAsyncFunction("env", "slow", async (Caller caller, int ms) =>
            {
                [|Thread.Sleep(ms)|];
                await Task.Yield();
                return ms;
            });
        }
        """);

    [Fact]
    public Task Result_of_any_task_in_an_async_host_function() => Verify("""
        class C
        {
            void M(Linker linker, Func<int, Task<int>> lookup) => linker.DefineAsyncFunction("env", "get", async (int key) =>
            {
                await Task.Yield();
                return [|lookup(key).Result|];
            });
        }
        """);

    [Fact]
    public Task Sleep_in_a_non_async_lambda_given_to_DefineAsyncFunction_has_no_fix() => VerifyNoFix("""
        class C
        {
            void M(Linker linker) => linker.DefineAsyncFunction("env", "tick", (Caller caller) =>
            {
                [|Thread.Sleep(10)|];
                return ValueTask.CompletedTask;
            });
        }
        """);

    [Fact]
    public Task WaitAll_in_async_code_that_calls_wasm() => Verify("""
        class C
        {
            async Task M(TypedFunc<int, int> fib, Task a, Task b)
            {
                [|Task.WaitAll(a, b)|];
                await fib.CallAsync(1);
            }
        }
        """);

    [Fact]
    public Task WaitAny_in_async_code_that_calls_wasm_has_no_fix() => VerifyNoFix("""
        class C
        {
            async Task<int> M(TypedFunc<int, int> fib, Task a, Task b)
            {
                var first = [|Task.WaitAny(a, b)|];
                return await fib.CallAsync(first);
            }
        }
        """);

    [Fact]
    public Task Result_in_async_lambda_that_calls_wasm() => Verify("""
        class C
        {
            Func<Task<int>> M(TypedFunc<int, int> fib, Task<int> input) => async () =>
            {
                var x = [|input.Result|];
                return await fib.CallAsync(x);
            };
        }
        """);

    // ---- not reported ----

    [Fact]
    public Task Result_after_the_task_was_awaited() => Verify("""
        class C
        {
            async Task<int> M(TypedFunc<int, int> fib)
            {
                var a = fib.CallAsync(1).AsTask();
                await a;
                var b = Task.FromResult(2);
                await Task.WhenAll(b);
                return a.Result + b.Result;
            }
        }
        """);

    [Fact]
    public Task Result_after_a_completion_check() => Verify("""
        class C
        {
            ValueTask<int> M(TypedFunc<int, int> fib)
            {
                var pending = fib.CallAsync(1);
                if (pending.IsCompletedSuccessfully) return new ValueTask<int>(pending.Result);
                return Slow(pending);
                static async ValueTask<int> Slow(ValueTask<int> task) => await task;
            }
        }
        """);

    [Fact]
    public Task Sleep_in_sync_code_that_calls_wasm_synchronously() => Verify("""
        class C
        {
            int M(TypedFunc<int, int> fib)
            {
                Thread.Sleep(10);
                return fib.Call(1);
            }
        }
        """);

    [Fact]
    public Task Sleep_in_a_sync_host_function() => Verify("""
        class C
        {
            void M(Linker linker) => linker.DefineFunction("env", "pause", (int ms) => Thread.Sleep(ms));
        }
        """);

    [Fact]
    public Task Blocking_in_async_code_that_does_not_call_wasm() => Verify("""
        class C
        {
            async Task<int> M(Task<int> input)
            {
                await Task.Yield();
                return input.Result;
            }
        }
        """);

    [Fact]
    public Task Awaiting_in_an_async_host_function() => Verify("""
        class C
        {
            void M(Linker linker, Func<int, Task<int>> lookup) => linker.DefineAsyncFunction("env", "get", async (Caller caller, int key) =>
            {
                await Task.Delay(1);
                return await lookup(key);
            });
        }
        """);

    [Fact]
    public Task Blocking_in_a_sync_lambda_inside_async_code() => Verify("""
        class C
        {
            async Task<int> M(TypedFunc<int, int> fib, Task<int>[] inputs)
            {
                await Task.WhenAll(inputs);
                var sum = inputs.Sum(t => t.Result);
                return await fib.CallAsync(sum);
            }
        }
        """);

    [Fact]
    public Task Unrelated_task_in_sync_code() => Verify("""
        class C
        {
            int M(TypedFunc<int, int> fib) => fib.Call(Task.FromResult(1).Result);
        }
        """);

    [Fact]
    public Task Unrelated_Result_property() => Verify("""
        class Outcome { public int Result { get; set; } public void Wait() { } }

        class C
        {
            async Task<int> M(TypedFunc<int, int> fib, Outcome outcome)
            {
                outcome.Wait();
                return await fib.CallAsync(outcome.Result);
            }
        }
        """);

    [Fact]
    public Task Wait_in_a_sync_host_function() => Verify("""
        class C
        {
            void M(Linker linker, Func<Task> flush) => linker.DefineFunction("env", "flush", () => flush().Wait());
        }
        """);

    [Fact]
    public Task Sleep_in_async_code_that_does_not_call_wasm() => Verify("""
        class C
        {
            async Task M(Func<Task> next)
            {
                Thread.Sleep(1);
                await next();
            }
        }
        """);

    [Fact]
    public Task Generated_code_is_skipped() => CSharpAnalyzerVerifier<BlockingWaitAnalyzer>.VerifyAnalyzerAsync("""
        class C
        {
            int M(TypedFunc<int, int> fib) => fib.CallAsync(20).Result;
        }
        """, path: "Bindings.g.cs");

    // ---- code fix ----

    [Fact]
    public Task Fix_Result_becomes_await() => VerifyFix("""
        class C
        {
            async Task<string> M(TypedFunc<int, int> fib)
            {
                await Task.Yield();
                return [|fib.CallAsync(20).Result|].ToString();
            }
        }
        """, """
        class C
        {
            async Task<string> M(TypedFunc<int, int> fib)
            {
                await Task.Yield();
                return (await fib.CallAsync(20)).ToString();
            }
        }
        """);

    [Fact]
    public Task Fix_GetResult_becomes_await_keeping_ConfigureAwait() => VerifyFix("""
        class C
        {
            async Task<int> M(TypedFunc<int, int> fib)
            {
                await Task.Yield();
                return [|fib.CallAsync(20).ConfigureAwait(false).GetAwaiter().GetResult()|];
            }
        }
        """, """
        class C
        {
            async Task<int> M(TypedFunc<int, int> fib)
            {
                await Task.Yield();
                return await fib.CallAsync(20).ConfigureAwait(false);
            }
        }
        """);

    [Fact]
    public Task Fix_Wait_becomes_await() => VerifyFix("""
        class C
        {
            async Task M(TypedAction run)
            {
                await Task.Yield();
                [|run.CallAsync().AsTask().Wait()|];
            }
        }
        """, """
        class C
        {
            async Task M(TypedAction run)
            {
                await Task.Yield();
                await run.CallAsync().AsTask();
            }
        }
        """);

    [Fact]
    public Task Fix_Sleep_becomes_Task_Delay() => VerifyFix("""
        class C
        {
            void M(Linker linker) => linker.DefineAsyncFunction("env", "slow", async (Caller caller, int ms) =>
            {
                [|Thread.Sleep(ms)|];
                await Task.Yield();
                return ms;
            });
        }
        """, """
        class C
        {
            void M(Linker linker) => linker.DefineAsyncFunction("env", "slow", async (Caller caller, int ms) =>
            {
                await Task.Delay(ms);
                await Task.Yield();
                return ms;
            });
        }
        """);

    [Fact]
    public Task Fix_WaitAll_becomes_WhenAll() => VerifyFix("""
        class C
        {
            async Task M(TypedFunc<int, int> fib, Task a, Task b)
            {
                [|Task.WaitAll(a, b)|];
                await fib.CallAsync(1);
            }
        }
        """, """
        class C
        {
            async Task M(TypedFunc<int, int> fib, Task a, Task b)
            {
                await Task.WhenAll(a, b);
                await fib.CallAsync(1);
            }
        }
        """);

    [Fact]
    public Task Fix_all_in_document() => CSharpCodeFixVerifier<BlockingWaitAnalyzer, BlockingWaitCodeFixProvider>.VerifyCodeFixAsync("""
        class C
        {
            async Task<int> M(TypedFunc<int, int> fib)
            {
                [|Thread.Sleep(5)|];
                var a = [|fib.CallAsync(1).Result|];
                return a + [|fib.CallAsync(2).GetAwaiter().GetResult()|];
            }
        }
        """, """
        class C
        {
            async Task<int> M(TypedFunc<int, int> fib)
            {
                await Task.Delay(5);
                var a = await fib.CallAsync(1);
                return a + await fib.CallAsync(2);
            }
        }
        """);

    // ---- issue 17: WaitAny over call tasks, async [WasmImports] implementations, the token in Task.Delay ----

    [Fact]
    public Task WaitAny_over_call_tasks_in_sync_code() => Verify("""
        class Racer
        {
            int First(TypedFunc<int, int> fast, TypedFunc<int, int> slow)
            {
                var a = fast.CallAsync(1).AsTask();
                var index = [|Task.WaitAny(a, slow.CallAsync(2).AsTask())|];
                return index;
            }

            void Both(TypedFunc<int, int> f) => [|Task.WaitAll(f.CallAsync(1).AsTask())|];
        }
        """);

    [Fact]
    public Task WaitAny_over_other_tasks_in_sync_code_is_not_reported() => Verify("""
        class Racer
        {
            int First(Func<Task> a, Func<Task> b) => Task.WaitAny(a(), b(), Task.Delay(100));
        }
        """);

    private const string HostApi = """
        [WasmImports("host")]
        public partial interface IHostApi
        {
            ValueTask<int> FetchAsync(int id);
            Task SaveAsync(int id);
            int Now();
        }

        """;

    [Fact]
    public Task Blocking_in_an_async_WasmImports_implementation() => Verify(HostApi + """
        class HostApi(Func<int, Task<int>> database) : IHostApi
        {
            public async ValueTask<int> FetchAsync(int id)
            {
                [|Thread.Sleep(10)|];
                return await database(id);
            }

            Task IHostApi.SaveAsync(int id)
            {
                [|database(id).Wait()|];
                return Task.CompletedTask;
            }

            // A synchronous import is a synchronous host function: blocking there is the caller's choice.
            public int Now()
            {
                Thread.Sleep(1);
                return database(0).Result;
            }
        }
        """);

    [Fact]
    public Task Same_shape_outside_a_WasmImports_implementation_is_not_reported() => Verify("""
        public interface IRepository { ValueTask<int> FetchAsync(int id); }

        class Repository(Func<int, Task<int>> database) : IRepository
        {
            public async ValueTask<int> FetchAsync(int id)
            {
                Thread.Sleep(10);
                return await database(id);
            }
        }
        """);

    [Fact]
    public Task Fix_sleep_passes_the_token_in_scope() => VerifyFix("""
        class C
        {
            async Task M(TypedAction tick, CancellationToken ct)
            {
                await tick.CallAsync(ct);
                [|Thread.Sleep(100)|];
            }
        }
        """, """
        class C
        {
            async Task M(TypedAction tick, CancellationToken ct)
            {
                await tick.CallAsync(ct);
                await Task.Delay(100, ct);
            }
        }
        """);

    [Fact]
    public Task Fix_sleep_in_finally_does_not_pass_the_token() => VerifyFix("""
        class C
        {
            async Task M(TypedAction tick, CancellationToken ct)
            {
                try
                {
                    await tick.CallAsync(ct);
                }
                finally
                {
                    [|Thread.Sleep(100)|];
                }
            }
        }
        """, """
        class C
        {
            async Task M(TypedAction tick, CancellationToken ct)
            {
                try
                {
                    await tick.CallAsync(ct);
                }
                finally
                {
                    await Task.Delay(100);
                }
            }
        }
        """);
}
