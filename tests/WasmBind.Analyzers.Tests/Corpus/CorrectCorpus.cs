namespace WasmBind.Analyzers.Tests.Corpus;

/// <summary>
/// Correct code that looks like the misuse in <see cref="MisuseCorpus"/>: the same APIs, the same app shapes, used
/// the way the rule pages recommend. No rule may report any of it.
/// </summary>
internal static class CorrectCorpus
{
    public static readonly CorpusSnippet[] All =
    [
        // ---- threads, done right ----
        new(null, "per-plugin Task.Run over a lambda parameter", """
            public sealed class PluginHost(IReadOnlyList<IRenderer> plugins)
            {
                public async Task RenderAll(int document) => await Task.WhenAll(plugins.Select(p => Task.Run(() => p.Render(document))));
            }
            """),
        new(null, "per-plugin tasks in a foreach", """
            public sealed class PluginHost(List<IRenderer> plugins)
            {
                public async Task<int[]> RenderAll(int document)
                {
                    var tasks = new List<Task<int>>();
                    foreach (var plugin in plugins) tasks.Add(Task.Run(() => plugin.Render(document)));
                    return await Task.WhenAll(tasks);
                }
            }
            """),
        new(null, "Parallel.ForEach over plugins", """
            public sealed class PluginHost(IEnumerable<IRenderer> plugins)
            {
                public void RenderAll(int document) => Parallel.ForEach(plugins, plugin => plugin.Render(document));
            }
            """),
        new(null, "PLINQ over plugins", """
            public sealed class PluginHost(List<IRenderer> plugins)
            {
                public int[] RenderAll(int document) => plugins.AsParallel().Select(p => p.Render(document)).ToArray();
            }
            """),
        new(null, "PLINQ without WebAssembly", """
            public static class Stats
            {
                public static int[] Squares(int[] values) => values.AsParallel().Select(v => v * v).ToArray();
            }
            """),
        new(null, "awaited Task.Run is a hand-off", """
            public sealed class OffloadController(TypedFunc<int, int> fib) : ControllerBase
            {
                [HttpGet] public async Task<object> Fib(int n) => Ok(await Task.Run(() => fib.Call(n)));
            }
            """),
        new(null, "each task makes its own store", """
            public sealed class Sandbox(Engine engine, Module module)
            {
                public Task<int[]> RunAll(int[] inputs) => Task.WhenAll(inputs.Select(x => Task.Run(() =>
                {
                    var store = new Store(engine);
                    var instance = new Linker(engine).Instantiate(store, module);
                    return instance.GetFunction<int, int>("run")!.Call(x);
                })));
            }
            """),
        new(null, "Parallel.For with a store per iteration", """
            public sealed class Fuzzer(Engine engine, Module module)
            {
                public void Run(int cases) => Parallel.For(0, cases, i =>
                {
                    var store = new Store(engine);
                    new Linker(engine).Instantiate(store, module).GetAction<int>("case")!.Call(i);
                });
            }
            """),
        new(null, "timer callback with its own store", """
            public sealed class Sampler(Engine engine, Module module) : IDisposable
            {
                private System.Threading.Timer? timer;
                public void Start() => timer = new System.Threading.Timer(_ =>
                {
                    var store = new Store(engine);
                    new Linker(engine).Instantiate(store, module).GetAction("sample")!.Call();
                }, null, 0, 1000);
                public void Dispose() => timer?.Dispose();
            }
            """),
        new(null, "System.Timers handler with its own store", """
            public sealed class Heartbeat(Engine engine, Module module)
            {
                private readonly System.Timers.Timer timer = new(500);
                public void Start()
                {
                    timer.Elapsed += (s, e) =>
                    {
                        var store = new Store(engine);
                        new Linker(engine).Instantiate(store, module).GetAction("beat")!.Call();
                    };
                    timer.Start();
                }
            }
            """),
        new(null, "System.Timers handler without WebAssembly", """
            public sealed class Clock
            {
                private readonly System.Timers.Timer timer = new(1000);
                public int Ticks;
                public void Start() { timer.Elapsed += (s, e) => Interlocked.Increment(ref Ticks); timer.Start(); }
            }
            """),
        new(null, "a thread that owns its store and is joined", """
            public sealed class Worker(Instance instance)
            {
                public void RunOnce()
                {
                    var thread = new Thread(() => instance.GetAction("loop")!.Call());
                    thread.Start();
                    thread.Join();
                    instance.GetAction("done")!.Call();
                }
            }
            """),
        new(null, "Task.Run kept in a local and awaited before the next use", """
            public sealed class Pipeline(TypedAction<int> step)
            {
                public async Task RunAsync()
                {
                    var first = Task.Run(() => step.Call(1));
                    await first;
                    await step.CallAsync(2);
                }
            }
            """),
        new(null, "channel consumer that owns its instance", """
            public sealed class EventPump(Engine engine, Module module)
            {
                private readonly Channel<int> channel = Channel.CreateUnbounded<int>();
                public Task StartConsumer() => Task.Run(async () =>
                {
                    var store = new Store(engine);
                    var handle = new Linker(engine).Instantiate(store, module).GetAction<int>("handle")!;
                    await foreach (var item in channel.Reader.ReadAllAsync()) await handle.CallAsync(item);
                });
                public void Publish(int item) => channel.Writer.TryWrite(item);
            }
            """),
        new(null, "hosted service makes a store per tick", """
            public sealed class TickService(Engine engine, Module module) : BackgroundService
            {
                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        var store = new Store(engine);
                        var instance = await new Linker(engine).InstantiateAsync(store, module, stoppingToken);
                        await instance.GetAction("tick")!.CallAsync(stoppingToken);
                        await Task.Delay(1000, stoppingToken);
                    }
                }
            }
            """),
        new(null, "WhenAll over per-plugin async renders", """
            public sealed class PluginHost(IRenderer[] plugins)
            {
                public Task<int[]> RenderAll(int document) => Task.WhenAll(plugins.Select(p => p.PaintAsync(document).AsTask()));
            }
            """),
        new(null, "Parallel.Invoke over two stores", """
            public static class Warmup
            {
                public static void Run(Instance left, Instance right) => Parallel.Invoke(
                    () => left.GetAction("load")!.Call(),
                    () => right.GetAction("load")!.Call());
            }
            """),
        new(null, "a task started and returned to the caller", """
            public sealed class Compactor(Instance instance)
            {
                public Task CompactAsync() => Task.Run(() => instance.GetAction("compact")!.Call());
            }
            """),
        new(null, "thread pool item with its own store", """
            public sealed class Notifier(Engine engine, Module module)
            {
                public void Post(int id) => ThreadPool.QueueUserWorkItem(_ =>
                {
                    var store = new Store(engine);
                    new Linker(engine).Instantiate(store, module).GetAction<int>("notify")!.Call(id);
                });
            }
            """),
        new(null, "Parallel.ForEachAsync over per-item instances", """
            public static class Batch
            {
                public static Task RunAll(IEnumerable<Instance> instances, CancellationToken ct) =>
                    Parallel.ForEachAsync(instances, ct, async (instance, token) => await instance.GetAction("run")!.CallAsync(token));
            }
            """),
        new(null, "Task.Run in a loop with a store declared in the body", """
            public sealed class Crawler(Engine engine, Module module)
            {
                public async Task CrawlAsync(int[] pages)
                {
                    var tasks = new List<Task>();
                    foreach (var page in pages)
                    {
                        var store = new Store(engine);
                        var instance = new Linker(engine).Instantiate(store, module);
                        tasks.Add(Task.Run(() => instance.GetAction<int>("crawl")!.Call(page)));
                    }
                    await Task.WhenAll(tasks);
                }
            }
            """),

        // ---- statics, done right ----
        new(null, "static engine shared by every request", """
            public static class WasmHost
            {
                public static readonly Engine Engine = new();
            }
            """),
        new(null, "static module cache", """
            public static class Modules
            {
                public static Module? Compiled;
            }
            """),
        new(null, "thread-static store", """
            public static class PerThread
            {
                [ThreadStatic] private static Store? store;
                public static Store Get(Engine engine) => store ??= new Store(engine);
            }
            """),
        new(null, "instance field in a controller", """
            public sealed class RenderController(Instance instance) : ControllerBase
            {
                private readonly Instance plugin = instance;
                [HttpGet] public object Render(int id) => Ok(plugin.GetFunction<int, int>("render")!.Call(id));
            }
            """),
        new(null, "static factory that makes a store per call", """
            public static class StoreFactory
            {
                private static readonly Engine Engine = new();
                public static Store Create() => new(Engine);
            }
            """),
        new(null, "static computed property", """
            public static class Defaults
            {
                public static Store NewStore => new(new Engine());
            }
            """),
        new(null, "static linker-free counters", """
            public static class Counters
            {
                public static int Requests;
                public static readonly string Name = "wasm";
            }
            """),
        new(null, "const and static readonly settings beside an instance field", """
            public sealed class Settings(Instance instance)
            {
                public const int PageSize = 65536;
                public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
                public Instance Instance { get; } = instance;
            }
            """),
        new(null, "thread-static memory", """
            public static class Scratch
            {
                [ThreadStatic] public static Memory? Current;
            }
            """),
        new(null, "static method taking an instance", """
            public static class Helpers
            {
                public static int Version(Instance instance) => instance.GetFunction<int>("version")!.Call();
            }
            """),
        new(null, "static module and engine in a hosted service", """
            public sealed class CronService : BackgroundService
            {
                private static readonly Engine Engine = new();
                private static Module? module;
                public static void Load(Module m) => module = m;
                protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;
            }
            """),
        new(null, "static func delegate that creates stores", """
            public static class Factories
            {
                public static Func<Engine, Store> NewStore = engine => new Store(engine);
            }
            """),

        // ---- async, done right ----
        new(null, "async controller awaits CallAsync", """
            public sealed class ResizeController(TypedFunc<int, int> resize) : ControllerBase
            {
                [HttpGet] public async Task<object> Resize(int width, CancellationToken ct) => Ok(await resize.CallAsync(width, ct));
            }
            """),
        new(null, "hosted service awaits tick", """
            public sealed class TickService(TypedAction tick) : BackgroundService
            {
                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        await tick.CallAsync(stoppingToken);
                        await Task.Delay(1000, stoppingToken);
                    }
                }
            }
            """),
        new(null, "sync controller action calls synchronously", """
            public sealed class SyncController(TypedFunc<int, int> f) : ControllerBase
            {
                [HttpGet] public object Get(int id) => Ok(f.Call(id));
            }
            """),
        new(null, "sync lambda inside an async method", """
            public sealed class Mapper(TypedFunc<int, int> map)
            {
                public async Task<int[]> MapAsync(int[] values)
                {
                    await Task.Yield();
                    return values.Select(v => map.Call(v)).ToArray();
                }
            }
            """),
        new(null, "channel consumer awaits", """
            public sealed class Consumer(TypedAction<int> handle)
            {
                public async Task ConsumeAsync(ChannelReader<int> reader, CancellationToken ct)
                {
                    await foreach (var item in reader.ReadAllAsync(ct)) await handle.CallAsync(item, ct);
                }
            }
            """),
        new(null, "sync call under a lock in async code", """
            public sealed class Guarded(TypedAction work)
            {
                private readonly object gate = new();
                public async Task RunAsync()
                {
                    await Task.Yield();
                    lock (gate) { work.Call(); }
                }
            }
            """),
        new(null, "Function.CallAsync with an array", """
            public sealed class Dynamic
            {
                public async Task<int> CallAsync(Function f, int x)
                {
                    var results = await f.CallAsync([Value.I32(x)]);
                    return results[0].AsInt32();
                }
            }
            """),
        new(null, "async void handler awaits", """
            public sealed class Form(TypedAction click)
            {
                public async void OnClick(object? sender, EventArgs e) => await click.CallAsync();
            }
            """),
        new(null, "async lambda awaits in a minimal-API handler", """
            public static class Endpoints
            {
                public static Func<int, Task<int>> Handler(TypedFunc<int, int> work) => async id => await work.CallAsync(id);
            }
            """),
        new(null, "async local function awaits", """
            public sealed class Importer
            {
                public Task ImportAsync(TypedAction<int> row, int[] rows)
                {
                    return Run();
                    async Task Run() { foreach (var r in rows) await row.CallAsync(r); }
                }
            }
            """),
        new(null, "Task-returning method without async calls synchronously", """
            public sealed class Cache(TypedFunc<int, int> compute)
            {
                public Task<int> GetAsync(int key) => Task.FromResult(compute.Call(key));
            }
            """),
        new(null, "ValueTask method awaits", """
            public sealed class Cache(TypedFunc<int, int> compute)
            {
                public async ValueTask<int> GetAsync(int key) => await compute.CallAsync(key);
            }
            """),
        new(null, "cleanup in finally awaited without the token", """
            public sealed class Session(TypedAction work, TypedAction release)
            {
                public async Task RunAsync(CancellationToken ct)
                {
                    try { await work.CallAsync(ct); }
                    finally { await release.CallAsync(); }
                }
            }
            """),
        new(null, "bound plugin member in async code", """
            public sealed class PreviewController(IRenderer renderer) : ControllerBase
            {
                [HttpGet] public async Task<object> Preview(int id)
                {
                    var first = await renderer.PaintAsync(id);
                    return Ok(first + renderer.Render(id + 1));
                }
            }
            """),

        // ---- waits, done right ----
        new(null, "Result after await", """
            public sealed class Job(TypedFunc<int, int> work)
            {
                public async Task<int> RunAsync(int x)
                {
                    var pending = work.CallAsync(x).AsTask();
                    await pending;
                    return pending.Result;
                }
            }
            """),
        new(null, "Thread.Sleep in a sync host function", """
            public static class Imports
            {
                public static void Define(Linker linker) => linker.DefineFunction("env", "pause", (int ms) => Thread.Sleep(ms));
            }
            """),
        new(null, "await Task.Delay in an async host function", """
            public static class Imports
            {
                public static void Define(Linker linker) => linker.DefineAsyncFunction("env", "pause", async (Caller caller, int ms) =>
                {
                    await Task.Delay(ms);
                    return ms;
                });
            }
            """),
        new(null, "Result in async code that never calls wasm", """
            public sealed class Legacy(Func<Task<int>> load)
            {
                public async Task<int> LoadAsync()
                {
                    await Task.Yield();
                    return load().Result;
                }
            }
            """),
        new(null, "WaitAny over HTTP-like tasks in sync code", """
            public sealed class Race(Func<Task> primary, Func<Task> fallback)
            {
                public int First() => Task.WaitAny(primary(), fallback(), Task.Delay(1000));
            }
            """),
        new(null, "Result after IsCompleted check", """
            public sealed class Peek(TypedFunc<int, int> f)
            {
                public int? TryGet(int x)
                {
                    var pending = f.CallAsync(x);
                    return pending.IsCompletedSuccessfully ? pending.Result : null;
                }
            }
            """),
        new(null, "blocking in a sync [WasmImports] member", """
            public sealed class HostApi(Func<int, Task<int>> db) : IHostApi
            {
                public async ValueTask<int> FetchAsync(int id) => await db(id);
                public int Now()
                {
                    Thread.Sleep(1);
                    return db(0).Result;
                }
            }
            """),
        new(null, "async implementation of a plain interface", """
            public interface IRepository { ValueTask<int> FetchAsync(int id); }
            public sealed class Repository(Func<int, Task<int>> db) : IRepository
            {
                public async ValueTask<int> FetchAsync(int id)
                {
                    Thread.Sleep(1);
                    return await db(id);
                }
            }
            """),
        new(null, "await WhenAll of call tasks", """
            public sealed class Fanout(TypedAction a, TypedAction b)
            {
                public Task RunBoth() => Task.WhenAll(a.CallAsync().AsTask(), b.CallAsync().AsTask());
            }
            """),
        new(null, "Thread.Sleep in sync code that calls synchronously", """
            public sealed class Poller(TypedFunc<int> poll)
            {
                public void WaitReady() { while (poll.Call() == 0) Thread.Sleep(10); }
            }
            """),
        new(null, "sync wait on a non-wasm task in a sync controller", """
            public sealed class ConfigController(Func<Task<string>> load) : ControllerBase
            {
                [HttpGet] public object Get() => Ok(load().GetAwaiter().GetResult());
            }
            """),
        new(null, "awaited InstantiateAsync", """
            public sealed class Loader(Linker linker, Module module)
            {
                public async Task<Instance> LoadAsync(Store store, CancellationToken ct) => await linker.InstantiateAsync(store, module, ct);
            }
            """),
        new(null, "async method calls synchronously only inside a LINQ lambda", """
            public sealed class Exporter(Func<Task> upload, TypedFunc<int, int> f)
            {
                public async Task<int[]> ExportAsync(int[] xs)
                {
                    await Task.Yield();
                    var mapped = xs.Select(x => f.Call(x)).ToArray();
                    return mapped;
                }
            }
            """),

        // ---- memory spans, done right ----
        new(null, "span taken again after the call", """
            public sealed class Codec(Memory memory, TypedFunc<int, int> alloc)
            {
                public byte Encode(int length)
                {
                    var ptr = alloc.Call(length);
                    var header = memory.GetSpan(0, 8);
                    return header[0];
                }
            }
            """),
        new(null, "bytes copied out before the call", """
            public sealed class Reader(Memory memory, TypedAction free)
            {
                public byte[] Read(int ptr, int length)
                {
                    var copy = memory.GetSpan(ptr, length).ToArray();
                    free.Call();
                    return copy;
                }
            }
            """),
        new(null, "span used only before the call", """
            public sealed class Writer(Memory memory, TypedAction<int> commit)
            {
                public void Write(byte[] data)
                {
                    var target = memory.GetSpan(0, data.Length);
                    data.CopyTo(target);
                    commit.Call(data.Length);
                }
            }
            """),
        new(null, "Span read again after Grow", """
            public static class Arena
            {
                public static void Reserve(Memory memory)
                {
                    memory.Grow(1);
                    memory.Span[0] = 1;
                }
            }
            """),
        new(null, "span taken inside the loop each iteration", """
            public sealed class Writer(Memory memory, TypedAction<int> step)
            {
                public void Fill(int count)
                {
                    for (var i = 0; i < count; i++)
                    {
                        step.Call(i);
                        var buffer = memory.GetSpan(1024, count);
                        buffer[i] = (byte)i;
                    }
                }
            }
            """),
        new(null, "helpers that read through the memory", """
            public sealed class Protocol(Memory memory, TypedFunc<int, int> next)
            {
                public int Read(int ptr)
                {
                    var length = memory.ReadInt32(ptr);
                    var after = next.Call(length);
                    return memory.ReadInt32(after);
                }
            }
            """),
        new(null, "span over a managed array across a call", """
            public sealed class Local(TypedAction work)
            {
                public int Sum(int[] data)
                {
                    Span<int> view = data;
                    work.Call();
                    return view[0];
                }
            }
            """),
        new(null, "span read into a local before a bound call", """
            public sealed class Overlay(Memory memory, IRenderer renderer)
            {
                public int Draw(int document)
                {
                    var first = memory.GetSpan(0, 4)[0];
                    return renderer.Render(document) + first;
                }
            }
            """),
        new(null, "span used in a branch without a call", """
            public sealed class Patch(Memory memory, TypedAction<int> prepare)
            {
                public void Apply(bool fresh)
                {
                    if (fresh) prepare.Call(16);
                    var target = memory.GetSpan(64, 16);
                    target.Clear();
                }
            }
            """),
        new(null, "controller reads text then frees", """
            public sealed class TextController(Instance instance) : ControllerBase
            {
                [HttpGet] public object Upper(int ptr, int length)
                {
                    var memory = instance.GetMemory("memory")!;
                    var text = memory.ReadString(ptr, length);
                    instance.GetAction<int>("free")!.Call(ptr);
                    return Ok(text);
                }
            }
            """),
        new(null, "span of another memory-free buffer across Grow", """
            public static class Buffers
            {
                public static byte Touch(Memory memory, byte[] scratch)
                {
                    var local = scratch.AsSpan();
                    memory.Grow(1);
                    return local[0];
                }
            }
            """),
        new(null, "span length captured before the call", """
            public sealed class Sizer(Memory memory, TypedAction step)
            {
                public int Size()
                {
                    var length = memory.Span.Length;
                    step.Call();
                    return length;
                }
            }
            """),

        // ---- Callers, done right ----
        new(null, "caller used within its host function", """
            public static class Imports
            {
                public static void Define(Linker linker) => linker.DefineFunction("env", "len", (Caller caller, int ptr) =>
                    caller.GetMemory()!.ReadInt32(ptr));
            }
            """),
        new(null, "caller passed to a helper", """
            public static class Imports
            {
                private static int Read(Caller caller, int ptr) => caller.GetMemory()!.ReadInt32(ptr);
                public static void Define(Linker linker) => linker.DefineFunction("env", "read", (Caller caller, int ptr) => Read(caller, ptr));
            }
            """),
        new(null, "caller in a LINQ lambda run during the call", """
            public static class Imports
            {
                public static void Define(Linker linker) => linker.DefineFunction("env", "sum", (Caller caller, int count) =>
                    Enumerable.Range(0, count).Sum(i => caller.GetMemory()!.ReadInt32(i * 4)));
            }
            """),
        new(null, "caller in a local tuple and anonymous object", """
            public static class Imports
            {
                public static void Define(Linker linker) => linker.DefineFunction("env", "pair", (Caller caller, int x) =>
                {
                    var pair = (caller, x);
                    var info = new { caller, x };
                    return pair.x + info.x + (pair.caller.GetMemory() is null ? 0 : 1);
                });
            }
            """),
        new(null, "caller used in an awaited task of an async host function", """
            public static class Imports
            {
                public static void Define(Linker linker) => linker.DefineAsyncFunction("env", "load", async (Caller caller, int ptr) =>
                {
                    await Task.Yield();
                    return caller.GetMemory()!.ReadInt32(ptr);
                });
            }
            """),
        new(null, "values copied out of the caller before queueing", """
            public sealed class Deferred
            {
                private readonly ConcurrentQueue<(int Ptr, byte[] Bytes)> work = new();
                public void Define(Linker linker) => linker.DefineFunction("env", "defer", (Caller caller, int ptr, int length) =>
                {
                    work.Enqueue((ptr, caller.GetMemory()!.GetSpan(ptr, length).ToArray()));
                });
            }
            """),
        new(null, "memory reference from the caller is not kept, bytes are", """
            public sealed class Logger
            {
                private readonly List<string> lines = new();
                public void Define(Linker linker) => linker.DefineFunction("env", "log", (Caller caller, int ptr, int length) =>
                {
                    lines.Add(caller.GetMemory()!.ReadString(ptr, length));
                });
            }
            """),
        new(null, "caller in a local function called during the call", """
            public static class Imports
            {
                public static void Define(Linker linker) => linker.DefineFunction("env", "twice", (Caller caller, int ptr) =>
                {
                    int Read(int p) => caller.GetMemory()!.ReadInt32(p);
                    return Read(ptr) + Read(ptr + 4);
                });
            }
            """),
        new(null, "timer set up by a host function copies data first", """
            public sealed class Host
            {
                private System.Threading.Timer? timer;
                private int last;
                public void Define(Linker linker) => linker.DefineFunction("env", "every", (Caller caller, int ptr) =>
                {
                    var value = caller.GetMemory()!.ReadInt32(ptr);
                    timer = new System.Threading.Timer(_ => last = value, null, 100, 100);
                });
            }
            """),
        new(null, "Caller-free stored callback", """
            public sealed class Host
            {
                private Action? onDone;
                public int Count;
                public void Define(Linker linker) => linker.DefineFunction("env", "later", (Caller caller) => { onDone = () => Count++; });
            }
            """),
        new(null, "context object stores the id, not the caller", """
            public sealed class RequestContext { public int Id { get; set; } }
            public sealed class Host(RequestContext context)
            {
                public void Define(Linker linker) => linker.DefineFunction("env", "enter", (Caller caller, int id) => { context.Id = id; });
            }
            """),
        new(null, "default caller in a field", """
            public sealed class Host
            {
                private Caller none = default;
                public bool HasNone => none.Equals(default(Caller));
            }
            """),
        new(null, "caller used in an awaited Task.Run inside an async host function", """
            public static class Imports
            {
                public static void Define(Linker linker) => linker.DefineAsyncFunction("env", "work", async (Caller caller, int ptr) =>
                    await Task.Run(() => caller.GetMemory()!.ReadInt32(ptr)));
            }
            """),
    ];
}
