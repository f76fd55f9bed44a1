using WasmBind.Analyzers.Rules;
using WasmBind.Analyzers.Tests.Verifiers;
using Xunit;

namespace WasmBind.Analyzers.Tests.Rules;

public class WB1006CallerEscapesTests
{
    private static Task Verify(string markup) => CSharpAnalyzerVerifier<CallerEscapesAnalyzer>.VerifyAnalyzerAsync(markup);

    // ---- reported ----

    [Fact]
    public Task Caller_stored_in_a_field() => Verify("""
        class Host
        {
            private Caller saved;

            void Register(Linker linker) => linker.DefineFunction("env", "init", (Caller caller) => { saved = [|caller|]; });
        }
        """);

    [Fact]
    public Task Caller_stored_in_a_property_by_an_initializer() => Verify("""
        class Context { public Caller Caller { get; set; } }

        class Host
        {
            private Context? context;

            void Register(Linker linker) => linker.DefineFunction("env", "init", (Caller caller) =>
            {
                context = new Context { Caller = [|caller|] };
            });
        }
        """);

    [Fact]
    public Task Caller_added_to_a_collection() => Verify("""
        class Host
        {
            private readonly List<Caller> callers = new();

            void Register(Linker linker) => linker.DefineFunction("env", "init", (Caller caller) => callers.Add([|caller|]));
        }
        """);

    [Fact]
    public Task Caller_stored_in_an_array_element() => Verify("""
        class Host
        {
            private readonly Caller[] slots = new Caller[1];

            void Register(Linker linker) => linker.DefineFunction("env", "init", (Caller caller) => { slots[0] = [|caller|]; });
        }
        """);

    [Fact]
    public Task Typed_caller_stored_in_a_field() => Verify("""
        class Host
        {
            private Caller<string> saved;

            void Register(Linker<string> linker) => linker.DefineFunction("env", "init", (Caller<string> caller) => { saved = [|caller|]; });
        }
        """);

    [Fact]
    public Task Caller_returned() => Verify("""
        static class Helpers
        {
            public static Caller Keep(Caller caller) => [|caller|];
        }
        """);

    [Fact]
    public Task Caller_captured_by_fire_and_forget_task() => Verify("""
        class Host
        {
            void Register(Linker linker) => linker.DefineFunction("env", "log", (Caller caller, int address, int length) =>
            {
                _ = Task.Run(() => Console.WriteLine([|caller|].GetMemory()!.ReadString(address, length)));
            });
        }
        """);

    [Fact]
    public Task Caller_captured_by_a_thread_not_joined() => Verify("""
        class Host
        {
            void Register(Linker linker) => linker.DefineFunction("env", "spawn", (Caller caller) =>
            {
                new Thread(() => [|caller|].GetFunction("work")!.Invoke()).Start();
            });
        }
        """);

    [Fact]
    public Task Caller_captured_by_a_stored_delegate() => Verify("""
        class Host
        {
            private Func<Memory?>? memory;

            void Register(Linker linker) => linker.DefineFunction("env", "init", (Caller caller) =>
            {
                memory = () => [|caller|].GetMemory();
            });
        }
        """);

    [Fact]
    public Task Caller_captured_by_an_event_handler() => Verify("""
        class Host
        {
            public event EventHandler? Tick;

            void Register(Linker linker) => linker.DefineFunction("env", "init", (Caller caller) =>
            {
                Tick += (sender, args) => [|caller|].GetFunction("on_tick")!.Invoke();
            });
        }
        """);

    [Fact]
    public Task Caller_captured_by_a_returned_delegate() => Verify("""
        static class Helpers
        {
            public static Func<Memory?> Later(Caller caller) => () => [|caller|].GetMemory();
        }
        """);

    // ---- not reported ----

    [Fact]
    public Task Caller_used_only_inside_the_host_function() => Verify("""
        class Host
        {
            void Register(Linker linker) => linker.DefineFunction("env", "log", (Caller caller, int address, int length) =>
            {
                var memory = caller.GetMemory()!;
                Console.WriteLine(memory.ReadString(address, length));
            });
        }
        """);

    [Fact]
    public Task Caller_passed_to_a_helper() => Verify("""
        class Host
        {
            static string Read(Caller caller, int address, int length) => caller.GetMemory()!.ReadString(address, length);

            void Register(Linker linker) => linker.DefineFunction("env", "log", (Caller caller, int address, int length) =>
                Console.WriteLine(Read(caller, address, length)));
        }
        """);

    [Fact]
    public Task Caller_in_a_lambda_that_runs_during_the_call() => Verify("""
        class Host
        {
            void Register(Linker linker) => linker.DefineFunction("env", "sum", (Caller caller, int count) =>
                Enumerable.Range(0, count).Sum(i => caller.GetMemory()!.ReadInt32(i * 4)));
        }
        """);

    [Fact]
    public Task Awaited_work_in_an_async_host_function() => Verify("""
        class Host
        {
            void Register(Linker linker) => linker.DefineAsyncFunction("env", "hash", async (Caller caller, int address) =>
            {
                return await Task.Run(() => caller.GetMemory()!.ReadInt32(address));
            });
        }
        """);

    [Fact]
    public Task Thread_joined_inside_the_host_function() => Verify("""
        class Host
        {
            void Register(Linker linker) => linker.DefineFunction("env", "work", (Caller caller) =>
            {
                var thread = new Thread(() => caller.GetMemory());
                thread.Start();
                thread.Join();
            });
        }
        """);

    [Fact]
    public Task Caller_in_a_ref_struct_context() => Verify("""
        ref struct HostContext
        {
            public Caller Caller;
        }

        class Host
        {
            void Register(Linker linker) => linker.DefineFunction("env", "init", (Caller caller) =>
            {
                var context = new HostContext();
                context.Caller = caller;
                _ = context.Caller.GetMemory();
            });
        }
        """);

    [Fact]
    public Task Caller_in_locals_and_a_delegate_run_now() => Verify("""
        class Host
        {
            void Register(Linker linker) => linker.DefineFunction("env", "init", (Caller caller) =>
            {
                var same = caller;
                Action touch = () => same.GetMemory();
                touch();
            });
        }
        """);

    [Fact]
    public Task Default_caller_and_the_store_it_reaches() => Verify("""
        class Host
        {
            private Caller empty;
            private Store? store;

            void Register(Linker linker) => linker.DefineFunction("env", "init", (Caller caller) =>
            {
                empty = default;
                store = caller.Store;
            });
        }
        """);

    [Fact]
    public Task Caller_only_in_a_thread_pool_sibling_that_is_awaited() => Verify("""
        class Host
        {
            void Register(Linker linker) => linker.DefineAsyncFunction("env", "work", async (Caller caller) =>
            {
                var task = Task.Run(() => caller.GetMemory());
                await task;
            });
        }
        """);

    [Fact]
    public Task Caller_used_after_await_in_an_async_host_function() => Verify("""
        class Host
        {
            void Register(Linker linker, Func<int, Task<int>> lookup) => linker.DefineAsyncFunction("env", "get", async (Caller caller, int key) =>
            {
                var value = await lookup(key);
                caller.GetMemory()!.WriteInt32(key, value);
                return value;
            });
        }
        """);

    [Fact]
    public Task Caller_in_a_callback_run_during_the_call() => Verify("""
        class Host
        {
            void Register(Linker linker, List<int> addresses) => linker.DefineFunction("env", "clear", (Caller caller) =>
                addresses.ForEach(address => caller.GetMemory()!.WriteInt32(address, 0)));
        }
        """);

    [Fact]
    public Task Generated_code_is_skipped() => CSharpAnalyzerVerifier<CallerEscapesAnalyzer>.VerifyAnalyzerAsync("""
        class Host
        {
            private Caller saved;

            void Register(Linker linker) => linker.DefineFunction("env", "init", (Caller caller) => { saved = caller; });
        }
        """, path: "Host.g.cs");

    // ---- issue 17: timers, tuples, anonymous objects ----

    [Fact]
    public Task Caller_captured_by_a_timer_callback() => Verify("""
        class Host
        {
            private System.Threading.Timer? timer;

            void Register(Linker linker) => linker.DefineFunction("env", "arm", (Caller caller) =>
            {
                timer = new System.Threading.Timer(_ => [|caller|].GetMemory(), null, 100, 100);
            });
        }
        """);

    [Fact]
    public Task Caller_captured_by_a_System_Timers_Elapsed_handler() => Verify("""
        class Host
        {
            void Register(Linker linker, System.Timers.Timer ticks) => linker.DefineFunction("env", "watch", (Caller caller) =>
            {
                ticks.Elapsed += (_, _) => [|caller|].GetMemory();
            });
        }
        """);

    [Fact]
    public Task Caller_in_a_tuple_enqueued() => Verify("""
        class Host
        {
            private readonly Queue<(Caller Caller, int Value)> pending = new();
            private readonly System.Collections.Concurrent.ConcurrentQueue<(int, (Caller, string))> nested = new();

            void Register(Linker linker)
            {
                linker.DefineFunction("env", "defer", (Caller caller, int value) => pending.Enqueue(([|caller|], value)));
                linker.DefineFunction("env", "later", (Caller caller, int value) => nested.Enqueue((value, ([|caller|], "x"))));
            }
        }
        """);

    [Fact]
    public Task Caller_in_a_tuple_or_anonymous_object_kept_in_a_field() => Verify("""
        class Host
        {
            private (Caller, int) last;
            private object? boxed;

            void Register(Linker linker)
            {
                linker.DefineFunction("env", "keep", (Caller caller, int value) => { last = ([|caller|], value); });
                linker.DefineFunction("env", "box", (Caller caller, int value) => { boxed = new { Caller = [|caller|], value }; });
            }
        }
        """);

    [Fact]
    public Task Caller_in_a_tuple_or_anonymous_object_used_during_the_call_is_not_reported() => Verify("""
        class Host
        {
            void Register(Linker linker) => linker.DefineFunction("env", "local", (Caller caller, int value) =>
            {
                var pair = (caller, value);
                var info = new { caller, value };
                var (c, v) = pair;
                _ = c.GetMemory();
                _ = info.caller.GetMemory();
                return v + info.value;
            });
        }
        """);
}
