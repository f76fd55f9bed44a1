using WasmBind.Analyzers.Rules;
using WasmBind.Analyzers.Tests.Verifiers;
using Xunit;

namespace WasmBind.Analyzers.Tests.Rules;

public class WB1001StoreUsedAcrossThreadsTests
{
    private static Task Verify(string markup) => CSharpAnalyzerVerifier<StoreUsedAcrossThreadsAnalyzer>.VerifyAnalyzerAsync(markup);

    // ---- reported ----

    [Fact]
    public Task Task_Run_fire_and_forget_then_this_thread_calls_again() => Verify("""
        class C
        {
            int M(TypedFunc<int, int> fib)
            {
                _ = Task.Run(() => [|fib|].Call(30));
                return fib.Call(1);
            }
        }
        """);

    [Fact]
    public Task Task_Run_in_a_loop_shares_one_instance() => Verify("""
        class C
        {
            async Task M(Instance instance)
            {
                var tasks = new List<Task<int>>();
                for (var i = 0; i < 4; i++)
                {
                    var n = i;
                    tasks.Add(Task.Run(() => [|instance|].GetFunction<int, int>("work").Call(n)));
                }
                await Task.WhenAll(tasks);
            }
        }
        """);

    [Fact]
    public Task Task_started_then_memory_of_the_same_store_used_before_await() => Verify("""
        class C
        {
            async Task M(Linker linker, Store store, Module module)
            {
                var instance = linker.Instantiate(store, module);
                var run = instance.GetAction("run");
                var memory = instance.GetMemory("memory")!;
                var task = Task.Factory.StartNew(() => [|run|].Call());
                memory.WriteInt32(0, 42);
                await task;
            }
        }
        """);

    [Fact]
    public Task Thread_uses_the_store_while_this_thread_does() => Verify("""
        class C
        {
            void M(Store store)
            {
                var thread = new Thread(() => [|store|].Fuel = 1000);
                thread.Start();
                store.Fuel = 5;
                thread.Join();
            }
        }
        """);

    [Fact]
    public Task Thread_running_a_local_function() => Verify("""
        class C
        {
            void M(Store store)
            {
                var thread = new Thread(Work);
                thread.Start();
                store.SetEpochDeadline(1);
                thread.Join();

                void Work() => [|store|].Fuel = 10;
            }
        }
        """);

    [Fact]
    public Task Thread_pool_work_item() => Verify("""
        class C
        {
            void M(TypedAction tick)
            {
                ThreadPool.QueueUserWorkItem(_ => [|tick|].Call());
                tick.Call();
            }
        }
        """);

    [Fact]
    public Task Parallel_For_runs_the_body_concurrently() => Verify("""
        class C
        {
            void M(TypedFunc<int, int> square) => Parallel.For(0, 100, i => [|square|].Call(i));
        }
        """);

    [Fact]
    public Task Parallel_ForEach_async_body() => Verify("""
        class C
        {
            Task M(TypedFunc<int, int> square, int[] items) =>
                Parallel.ForEachAsync(items, async (item, ct) => await [|square|].CallAsync(item, ct));
        }
        """);

    [Fact]
    public Task Parallel_Invoke_with_two_objects_of_one_instance() => Verify("""
        class C
        {
            void M(Instance instance)
            {
                var fib = instance.GetFunction<int, int>("fib");
                var memory = instance.GetMemory("memory")!;
                Parallel.Invoke(() => [|fib|].Call(20), () => [|memory|].Grow(1));
            }
        }
        """);

    [Fact]
    public Task Timer_callback() => Verify("""
        class C
        {
            Timer M(TypedAction tick) => new Timer(_ => [|tick|].Call(), null, 0, 100);
        }
        """);

    [Fact]
    public Task WhenAll_over_an_async_lambda_per_item() => Verify("""
        class C
        {
            Task<int[]> M(TypedFunc<int, int> square, int[] items) =>
                Task.WhenAll(items.Select(async item => await [|square|].CallAsync(item)));
        }
        """);

    [Fact]
    public Task WhenAll_over_two_calls_on_one_store() => Verify("""
        class C
        {
            static Task RunAsync(Store store, int n) => Task.CompletedTask;

            Task M(Store store) => Task.WhenAll(RunAsync(store, 1), RunAsync([|store|], 2));
        }
        """);

    [Fact]
    public Task WhenAll_over_two_Task_Runs_on_one_store() => Verify("""
        class C
        {
            async Task M(Instance instance)
            {
                var fib = instance.GetFunction<int, int>("fib");
                await Task.WhenAll(Task.Run(() => [|fib|].Call(1)), Task.Run(() => [|instance|].GetFunction<int, int>("fib").Call(2)));
            }
        }
        """);

    [Fact]
    public Task Field_used_by_a_task_that_is_not_awaited() => Verify("""
        class C
        {
            private readonly TypedAction flush;

            C(TypedAction flush) => this.flush = flush;

            void Start() => Task.Run(() => [|flush|].Call());
        }
        """);

    [Fact]
    public Task ContinueWith_while_the_store_is_used() => Verify("""
        class C
        {
            void M(Task previous, TypedAction run)
            {
                previous.ContinueWith(_ => [|run|].Call());
                run.Call();
            }
        }
        """);

    [Fact]
    public Task Caller_used_by_Parallel_For_in_a_host_function() => Verify("""
        class C
        {
            void M(Linker linker) => linker.DefineFunction("env", "fill", (Caller caller) =>
            {
                Parallel.For(0, 4, i => [|caller|].GetMemory()!.WriteByte(i, 0));
            });
        }
        """);

    [Fact]
    public Task Local_task_and_a_second_task_on_the_same_store_before_the_join() => Verify("""
        class C
        {
            async Task M(TypedFunc<int, int> fib)
            {
                var first = Task.Run(() => [|fib|].Call(1));
                var second = Task.Run(() => fib.Call(2));
                await Task.WhenAll(first, second);
            }
        }
        """);

    // ---- not reported ----

    [Fact]
    public Task Awaited_Task_Run_is_a_hand_off() => Verify("""
        class C
        {
            async Task<int> M(TypedFunc<int, int> fib)
            {
                var slow = await Task.Run(() => fib.Call(30));
                return slow + fib.Call(1);
            }
        }
        """);

    [Fact]
    public Task Task_Run_that_creates_its_own_store() => Verify("""
        class C
        {
            Task<int[]> M(Engine engine, Linker linker, Module module) =>
                Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() =>
                {
                    var store = new Store(engine);
                    var instance = linker.Instantiate(store, module);
                    return instance.GetFunction<int, int>("work").Call(i);
                })));
        }
        """);

    [Fact]
    public Task One_store_per_task_made_in_the_loop() => Verify("""
        class C
        {
            async Task M(Engine engine, Linker linker, Module module)
            {
                var tasks = new List<Task<int>>();
                for (var i = 0; i < 4; i++)
                {
                    var store = new Store(engine);
                    var instance = linker.Instantiate(store, module);
                    var n = i;
                    tasks.Add(Task.Run(() => instance.GetFunction<int, int>("work").Call(n)));
                }
                await Task.WhenAll(tasks);
            }
        }
        """);

    [Fact]
    public Task Local_task_awaited_before_the_store_is_used_again() => Verify("""
        class C
        {
            async Task<int> M(TypedFunc<int, int> fib)
            {
                var pending = Task.Run(() => fib.Call(30));
                Console.WriteLine("working");
                var slow = await pending;
                return slow + fib.Call(1);
            }
        }
        """);

    [Fact]
    public Task Thread_joined_before_the_store_is_used_again() => Verify("""
        class C
        {
            void M(Store store)
            {
                var thread = new Thread(() => store.Fuel = 1000);
                thread.Start();
                thread.Join();
                store.Fuel = 5;
            }
        }
        """);

    [Fact]
    public Task Store_handed_to_a_thread_and_never_touched_again() => Verify("""
        class C
        {
            void M(Engine engine, Linker linker, Module module)
            {
                var store = new Store(engine);
                var instance = linker.Instantiate(store, module);
                new Thread(() => instance.GetAction("serve").Call()).Start();
            }
        }
        """);

    [Fact]
    public Task Parallel_For_with_a_store_per_worker() => Verify("""
        class C
        {
            void M(Engine engine, Linker linker, Module module) =>
                Parallel.For(0, 100,
                    () => new Store(engine),
                    (i, state, store) =>
                    {
                        linker.Instantiate(store, module).GetAction("run").Call();
                        return store;
                    },
                    store => { });
        }
        """);

    [Fact]
    public Task WhenAll_over_tasks_with_different_stores() => Verify("""
        class C
        {
            async Task M(Engine engine, Linker linker, Module module)
            {
                var first = linker.Instantiate(new Store(engine), module).GetFunction<int, int>("work");
                var second = linker.Instantiate(new Store(engine), module).GetFunction<int, int>("work");
                await Task.WhenAll(Task.Run(() => first.Call(1)), Task.Run(() => second.Call(2)));
            }
        }
        """);

    [Fact]
    public Task WhenAll_over_calls_with_different_stores() => Verify("""
        class C
        {
            static Task RunAsync(Store store) => Task.CompletedTask;

            Task M(Engine engine)
            {
                var a = new Store(engine);
                var b = new Store(engine);
                return Task.WhenAll(RunAsync(a), RunAsync(b));
            }
        }
        """);

    [Fact]
    public Task Store_in_a_lambda_that_runs_on_this_thread() => Verify("""
        class C
        {
            List<int> M(TypedFunc<int, int> square, int[] items) => items.Select(i => square.Call(i)).ToList();
        }
        """);

    [Fact]
    public Task Task_returned_to_the_caller() => Verify("""
        class C
        {
            private readonly TypedFunc<int, int> fib;

            C(TypedFunc<int, int> fib) => this.fib = fib;

            Task<int> ComputeAsync(int n) => Task.Run(() => fib.Call(n));
        }
        """);

    [Fact]
    public Task Thread_safe_objects_are_shared_freely() => Verify("""
        class C
        {
            void M(Engine engine, Linker linker, Module module) =>
                Parallel.For(0, 4, i =>
                {
                    var store = new Store(engine);
                    linker.Instantiate(store, module).GetAction("run").Call();
                    engine.IncrementEpoch();
                });
        }
        """);

    [Fact]
    public Task ContinueWith_awaited_directly() => Verify("""
        class C
        {
            async Task M(Task previous, TypedAction run)
            {
                await previous.ContinueWith(_ => run.Call());
                run.Call();
            }
        }
        """);

    [Fact]
    public Task Look_alike_type_in_another_namespace() => Verify("""
        namespace Other
        {
            class Store { public int Fuel; }

            class C
            {
                void M(Store store)
                {
                    _ = Task.Run(() => store.Fuel = 1);
                    store.Fuel = 2;
                }
            }
        }
        """);

    [Fact]
    public Task WhenAll_over_async_methods_with_their_own_stores() => Verify("""
        class C
        {
            static async Task<int> RunAsync(Engine engine, Module module)
            {
                var store = new Store(engine);
                var instance = await new Linker(engine).InstantiateAsync(store, module);
                return await instance.GetFunction<int>("main").CallAsync();
            }

            Task<int[]> M(Engine engine, Module[] modules) => Task.WhenAll(modules.Select(m => RunAsync(engine, m)));
        }
        """);

    [Fact]
    public Task Foreach_variable_is_a_new_instance_each_iteration() => Verify("""
        class C
        {
            async Task M(Instance[] instances)
            {
                var tasks = new List<Task>();
                foreach (var instance in instances)
                    tasks.Add(Task.Run(() => instance.GetAction("run").Call()));
                await Task.WhenAll(tasks);
            }
        }
        """);

    [Fact]
    public Task Generated_code_is_skipped() => CSharpAnalyzerVerifier<StoreUsedAcrossThreadsAnalyzer>.VerifyAnalyzerAsync("""
        class C
        {
            void M(TypedFunc<int, int> square) => Parallel.For(0, 100, i => square.Call(i));
        }
        """, path: "Bindings.g.cs");

    // ---- issue 17: per-item instances, PLINQ, System.Timers, Callers in timers, lock ----

    private const string Renderer = """
        [WasmExports]
        public partial interface IRenderer
        {
            int Render(int document);
        }

        """;

    [Fact]
    public Task Per_plugin_tasks_over_a_lambda_parameter_are_not_reported() => Verify(Renderer + """
        class PluginHost
        {
            // Each plugin is its own instance in its own store: one task per plugin shares nothing.
            Task RenderAll(IReadOnlyList<IRenderer> plugins, int document) =>
                Task.WhenAll(plugins.Select(p => Task.Run(() => p.Render(document))));

            async Task<int[]> RenderAllAwaited(IEnumerable<IRenderer> plugins, int document) =>
                await Task.WhenAll(plugins.Select(plugin => Task.Run(() => plugin.Render(document))));
        }
        """);

    [Fact]
    public Task Per_plugin_tasks_over_a_loop_variable_are_not_reported() => Verify(Renderer + """
        class PluginHost
        {
            async Task RenderAll(List<IRenderer> plugins, int document)
            {
                var tasks = new List<Task<int>>();
                foreach (var plugin in plugins) tasks.Add(Task.Run(() => plugin.Render(document)));
                for (var i = 0; i < plugins.Count; i++)
                {
                    var own = plugins[i];
                    tasks.Add(Task.Run(() => own.Render(document)));
                }
                await Task.WhenAll(tasks);
            }
        }
        """);

    [Fact]
    public Task One_shared_renderer_in_per_item_tasks_is_reported() => Verify(Renderer + """
        class PluginHost
        {
            Task<int[]> RenderAll(IRenderer renderer, int[] documents) =>
                Task.WhenAll(documents.Select(d => Task.Run(() => [|renderer|].Render(d))));
        }
        """);

    [Fact]
    public Task Plinq_over_a_shared_function_is_reported() => Verify("""
        class Scorer
        {
            int[] ScoreAll(TypedFunc<int, int> score, int[] inputs) =>
                inputs.AsParallel().Select(x => [|score|].Call(x)).ToArray();

            void Warm(Instance instance, int[] inputs) =>
                inputs.AsParallel().ForAll(x => [|instance|].GetAction<int>("warm").Call(x));
        }
        """);

    [Fact]
    public Task Plinq_over_per_item_instances_is_not_reported() => Verify(Renderer + """
        class PluginHost
        {
            int[] RenderAll(List<IRenderer> plugins, int document) =>
                plugins.AsParallel().Select(p => p.Render(document)).ToArray();
        }
        """);

    [Fact]
    public Task System_Timers_Elapsed_handler_is_reported() => Verify("""
        class Heartbeat
        {
            private readonly System.Timers.Timer timer = new(1000);

            void Start(TypedAction tick)
            {
                timer.Elapsed += (_, _) => [|tick|].Call();
                timer.Start();
            }
        }
        """);

    [Fact]
    public Task System_Timers_Elapsed_handler_with_its_own_store_is_not_reported() => Verify("""
        class Heartbeat
        {
            private readonly System.Timers.Timer timer = new(1000);

            void Start(Engine engine, Module module)
            {
                timer.Elapsed += (_, _) =>
                {
                    var store = new Store(engine);
                    var instance = new Linker(engine).Instantiate(store, module);
                    instance.GetAction("tick").Call();
                };
            }
        }
        """);

    [Fact]
    public Task Caller_captured_by_a_timer_callback_is_WB1006_not_WB1001() => Verify("""
        class Host
        {
            private System.Threading.Timer? timer;

            void Register(Linker linker) => linker.DefineFunction("env", "arm", (Caller caller) =>
            {
                timer = new System.Threading.Timer(_ => caller.GetMemory(), null, 100, 100);
                timer.Change(200, 200);
            });

            void Subscribe(Linker linker, System.Timers.Timer ticks) => linker.DefineFunction("env", "watch", (Caller caller) =>
            {
                ticks.Elapsed += (_, _) => caller.GetMemory();
            });
        }
        """);

    [Fact]
    public Task Timer_callback_over_a_shared_instance_is_still_reported() => Verify("""
        class Host
        {
            System.Threading.Timer Start(Instance instance) =>
                new System.Threading.Timer(_ => [|instance|].GetAction("tick").Call(), null, 0, 100);
        }
        """);

    [Fact]
    public Task Lock_around_every_use_is_still_reported_a_known_limit() => Verify("""
        class Worker
        {
            private readonly object gate = new();

            void M(TypedFunc<int, int> f)
            {
                // Serialised by the lock, but the rule does not prove it (docs/rules/WB1001.md, Precision).
                _ = Task.Run(() => { lock (gate) { [|f|].Call(1); } });
                lock (gate) { f.Call(2); }
            }
        }
        """);
}
