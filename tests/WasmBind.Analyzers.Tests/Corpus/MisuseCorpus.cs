namespace WasmBind.Analyzers.Tests.Corpus;

/// <summary>
/// Misuse as application code writes it (controllers, hosted services, Parallel/PLINQ, timers, channels), written
/// from the rule pages, not from the rule tests. Each snippet breaks the rule it names; <see cref="CorpusTests"/>
/// measures how many the analyzers catch.
/// </summary>
internal static class MisuseCorpus
{
    public static readonly CorpusSnippet[] All =
    [
        // ---- WB1001: a store used from two threads ----
        new("WB1001", "controller fires a render and renders again", """
            public sealed class PreviewController(Instance plugin) : ControllerBase
            {
                [HttpGet] public object Preview(int id)
                {
                    _ = Task.Run(() => plugin.GetAction<int>("warm")!.Call(id));
                    return Ok(plugin.GetFunction<int, int>("render")!.Call(id));
                }
            }
            """),
        new("WB1001", "hosted service ticks on a task while the loop calls too", """
            public sealed class TickService(Instance instance) : BackgroundService
            {
                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    _ = Task.Run(() => instance.GetAction("flush")!.Call(), stoppingToken);
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        await instance.GetAction("tick")!.CallAsync(stoppingToken);
                    }
                }
            }
            """),
        new("WB1001", "Parallel.For over one function", """
            public sealed class Hasher(TypedFunc<int, int> hash)
            {
                public int[] HashAll(int[] input)
                {
                    var output = new int[input.Length];
                    Parallel.For(0, input.Length, i => output[i] = hash.Call(input[i]));
                    return output;
                }
            }
            """),
        new("WB1001", "Parallel.ForEach over documents with one instance", """
            public sealed class Indexer
            {
                private readonly Instance instance;
                public Indexer(Instance instance) => this.instance = instance;
                public void IndexAll(IEnumerable<int> documents) =>
                    Parallel.ForEach(documents, d => instance.GetAction<int>("index")!.Call(d));
            }
            """),
        new("WB1001", "PLINQ Select over one function", """
            public static class Scoring
            {
                public static int[] ScoreAll(TypedFunc<int, int> score, IEnumerable<int> items) =>
                    items.AsParallel().Select(x => score.Call(x)).ToArray();
            }
            """),
        new("WB1001", "PLINQ ForAll over one instance field", """
            public sealed class Importer(Instance instance)
            {
                public void Import(List<int> rows) => rows.AsParallel().WithDegreeOfParallelism(4).ForAll(r => instance.GetAction<int>("row")!.Call(r));
            }
            """),
        new("WB1001", "PLINQ Where filter calls the guest", """
            public sealed class Filter(TypedFunc<int, int> accept)
            {
                public List<int> Keep(int[] values) => values.AsParallel().Where(v => accept.Call(v) != 0).ToList();
            }
            """),
        new("WB1001", "System.Threading.Timer over a shared instance", """
            public sealed class MetricsPump(Instance instance) : IDisposable
            {
                private System.Threading.Timer? timer;
                public void Start() => timer = new System.Threading.Timer(_ => instance.GetAction("sample")!.Call(), null, 0, 1000);
                public void Dispose() => timer?.Dispose();
            }
            """),
        new("WB1001", "System.Timers.Timer Elapsed over a shared function", """
            public sealed class Heartbeat
            {
                private readonly System.Timers.Timer timer = new(500);
                public void Start(TypedAction beat)
                {
                    timer.Elapsed += (sender, e) => beat.Call();
                    timer.AutoReset = true;
                    timer.Start();
                }
            }
            """),
        new("WB1001", "WhenAll over async lambdas on one function", """
            public sealed class BatchController(TypedFunc<int, int> transform) : ControllerBase
            {
                [HttpGet] public async Task<object> Batch(int[] ids)
                {
                    var results = await Task.WhenAll(ids.Select(async id => await transform.CallAsync(id)));
                    return Ok(results);
                }
            }
            """),
        new("WB1001", "two Task.Run over functions of the same instance", """
            public sealed class Pipeline
            {
                public async Task RunAsync(Instance instance)
                {
                    var decode = instance.GetAction("decode")!;
                    var encode = instance.GetAction("encode")!;
                    await Task.WhenAll(Task.Run(() => decode.Call()), Task.Run(() => encode.Call()));
                }
            }
            """),
        new("WB1001", "a thread that keeps running while the caller goes on", """
            public sealed class Worker(Instance instance)
            {
                public void Start()
                {
                    var thread = new Thread(() => instance.GetAction("loop")!.Call()) { IsBackground = true };
                    thread.Start();
                    instance.GetAction("ready")!.Call();
                }
            }
            """),
        new("WB1001", "thread pool work item over a field", """
            public sealed class Notifier
            {
                private readonly TypedAction<int> notify;
                public Notifier(TypedAction<int> notify) => this.notify = notify;
                public void Post(int id) => ThreadPool.QueueUserWorkItem(_ => notify.Call(id));
            }
            """),
        new("WB1001", "Parallel.Invoke with two delegates on one store", """
            public static class Warmup
            {
                public static void Run(Instance instance) => Parallel.Invoke(
                    () => instance.GetAction("load")!.Call(),
                    () => instance.GetAction("compile")!.Call());
            }
            """),
        new("WB1001", "tasks started in a loop share one renderer", """
            public sealed class ThumbnailService(IRenderer renderer)
            {
                public async Task<int[]> RenderAsync(int[] pages)
                {
                    var tasks = new List<Task<int>>();
                    foreach (var page in pages) tasks.Add(Task.Run(() => renderer.Render(page)));
                    return await Task.WhenAll(tasks);
                }
            }
            """),
        new("WB1001", "Task.Factory.StartNew on a store field", """
            public sealed class Compactor(Store store, Instance instance)
            {
                public Task CompactLater() => Task.Factory.StartNew(() => { store.Fuel = 1000; instance.GetAction("compact")!.Call(); });
                public void Touch() => instance.GetAction("touch")!.Call();
            }
            """),
        new("WB1001", "channel consumer on a task while the producer calls the guest", """
            public sealed class EventPump(TypedAction<int> handle)
            {
                private readonly Channel<int> channel = Channel.CreateUnbounded<int>();
                public Task StartConsumer() => Task.Run(async () =>
                {
                    await foreach (var item in channel.Reader.ReadAllAsync()) handle.Call(item);
                });
                public void Publish(int item)
                {
                    handle.Call(-item);
                    channel.Writer.TryWrite(item);
                }
            }
            """),
        new("WB1001", "Parallel.ForEachAsync over one async function", """
            public sealed class Uploader(TypedFunc<int, int> upload)
            {
                public Task UploadAll(int[] files, CancellationToken ct) =>
                    Parallel.ForEachAsync(files, ct, async (file, token) => await upload.CallAsync(file, token));
            }
            """),

        // ---- WB1002: a store kept in a static field ----
        new("WB1002", "static instance in a controller", """
            public sealed class RenderController : ControllerBase
            {
                private static Instance? instance;
                public static void Init(Instance value) => instance = value;
            }
            """),
        new("WB1002", "static store for the app", """
            public static class WasmHost
            {
                public static readonly Store Store = new(new Engine());
            }
            """),
        new("WB1002", "lazy static instance", """
            public static class PluginSingleton
            {
                private static readonly Engine Engine = new();
                private static readonly Lazy<Instance> Shared =
                    new(() => new Linker(Engine).Instantiate(new Store(Engine), Module.FromFile(Engine, "plugin.wasm")));
                public static Instance Get() => Shared.Value;
            }
            """),
        new("WB1002", "static auto-property memory", """
            public static class Heap
            {
                public static Memory? Current { get; set; }
            }
            """),
        new("WB1002", "static bound plugin", """
            public static class Plugins
            {
                public static IRenderer? Default;
            }
            """),
        new("WB1002", "static typed function cache", """
            public sealed class Formatter
            {
                private static TypedFunc<int, int>? format;
                public static void Use(TypedFunc<int, int> f) => format = f;
                public int Format(int x) => format!.Call(x);
            }
            """),
        new("WB1002", "static function in a hosted service", """
            public sealed class CronService : BackgroundService
            {
                private static Function? job;
                protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;
                public static void Schedule(Function f) => job = f;
            }
            """),
        new("WB1002", "static typed store", """
            public sealed record TenantData(string Name);
            public static class TenantHost
            {
                public static Store<TenantData>? Store;
            }
            """),
        new("WB1002", "static global", """
            public static class Counters
            {
                public static Global? Requests;
            }
            """),
        new("WB1002", "static table", """
            public static class Dispatch
            {
                internal static Table? Handlers { get; private set; }
                public static void Set(Table table) => Handlers = table;
            }
            """),
        new("WB1002", "static action", """
            public static class Audit
            {
                private static TypedAction<int>? log;
                public static void Configure(TypedAction<int> action) => log = action;
            }
            """),
        new("WB1002", "protected static instance in a base controller", """
            public abstract class WasmControllerBase : ControllerBase
            {
                protected static Instance? Plugin { get; set; }
            }
            """),
        new("WB1002", "static lazy renderer", """
            public static class RendererHost
            {
                public static Lazy<IRenderer>? Renderer { get; set; }
            }
            """),
        new("WB1002", "static resumable call", """
            public static class Suspended
            {
                public static ResumableCall? Pending;
            }
            """),

        // ---- WB1003: a synchronous call in async code ----
        new("WB1003", "async controller action calls synchronously", """
            public sealed class ResizeController(TypedFunc<int, int> resize) : ControllerBase
            {
                [HttpGet] public async Task<object> Resize(int width)
                {
                    await Task.Yield();
                    return Ok(resize.Call(width));
                }
            }
            """),
        new("WB1003", "hosted service loop calls tick synchronously", """
            public sealed class TickService(TypedAction tick) : BackgroundService
            {
                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        tick.Call();
                        await Task.Delay(1000, stoppingToken);
                    }
                }
            }
            """),
        new("WB1003", "minimal-API style async lambda", """
            public static class Endpoints
            {
                public static Func<int, Task<int>> Handler(TypedFunc<int, int> work) => async id =>
                {
                    await Task.Yield();
                    return work.Call(id);
                };
            }
            """),
        new("WB1003", "async local function", """
            public sealed class Importer
            {
                public Task ImportAsync(TypedAction<int> row, int[] rows)
                {
                    return Run();
                    async Task Run()
                    {
                        foreach (var r in rows) { row.Call(r); await Task.Yield(); }
                    }
                }
            }
            """),
        new("WB1003", "Function.Invoke in an async method", """
            public sealed class Dynamic
            {
                public async Task<int> CallAsync(Function f, int x)
                {
                    await Task.Yield();
                    var results = f.Invoke(Value.I32(x));
                    return results[0].AsInt32();
                }
            }
            """),
        new("WB1003", "channel consumer calls synchronously", """
            public sealed class Consumer(TypedAction<int> handle)
            {
                public async Task ConsumeAsync(ChannelReader<int> reader, CancellationToken ct)
                {
                    await foreach (var item in reader.ReadAllAsync(ct)) handle.Call(item);
                }
            }
            """),
        new("WB1003", "async void event handler", """
            public sealed class Form(TypedAction click)
            {
                public async void OnClick(object? sender, EventArgs e)
                {
                    await Task.Delay(10);
                    click.Call();
                }
            }
            """),
        new("WB1003", "ValueTask-returning async method", """
            public sealed class Cache(TypedFunc<int, int> compute)
            {
                public async ValueTask<int> GetAsync(int key)
                {
                    await Task.Yield();
                    return compute.Call(key);
                }
            }
            """),
        new("WB1003", "StartAsync of a hosted service initializes synchronously", """
            public sealed class InitService(Instance instance)
            {
                public async Task StartAsync(CancellationToken cancellationToken)
                {
                    instance.GetAction("_initialize")!.Call();
                    await Task.CompletedTask;
                }
            }
            """),
        new("WB1003", "async lambda in Parallel.ForEachAsync over own instances", """
            public static class Batch
            {
                public static Task RunAll(IEnumerable<Instance> instances, CancellationToken ct) =>
                    Parallel.ForEachAsync(instances, ct, async (instance, token) =>
                    {
                        await Task.Yield();
                        instance.GetAction("run")!.Call();
                    });
            }
            """),
        new("WB1003", "call after awaiting a fetch", """
            public sealed class Enricher(TypedFunc<int, int> enrich, Func<Task<int>> fetch)
            {
                public async Task<int> EnrichAsync()
                {
                    var raw = await fetch();
                    return enrich.Call(raw);
                }
            }
            """),
        new("WB1003", "two argument call in async method", """
            public sealed class Mixer(TypedFunc<int, int, int> mix)
            {
                public async Task<int> MixAsync(int a, int b, CancellationToken ct)
                {
                    await Task.Delay(1, ct);
                    return mix.Call(a, b);
                }
            }
            """),
        new("WB1003", "async method in a controller uses a local function variable", """
            public sealed class StatsController(Instance instance) : ControllerBase
            {
                [HttpGet] public async Task<object> Stats()
                {
                    var count = instance.GetFunction<int>("count")!;
                    await Task.Yield();
                    return Ok(count.Call());
                }
            }
            """),
        new("WB1003", "sync call in an async anonymous method", """
            public static class Jobs
            {
                public static Func<Task> Job(TypedAction run) => async delegate
                {
                    run.Call();
                    await Task.Yield();
                };
            }
            """),

        // ---- WB1004: a blocking wait on an async WebAssembly path ----
        new("WB1004", ".Result on CallAsync in a sync controller action", """
            public sealed class SyncController(TypedFunc<int, int> f) : ControllerBase
            {
                [HttpGet] public object Get(int id) => Ok(f.CallAsync(id).Result);
            }
            """),
        new("WB1004", "GetAwaiter().GetResult() on CallAsync", """
            public sealed class Bridge(TypedFunc<int, int> f)
            {
                public int Get(int id) => f.CallAsync(id).GetAwaiter().GetResult();
            }
            """),
        new("WB1004", ".Wait() on a call task", """
            public sealed class Flusher(TypedAction flush)
            {
                public void Flush() => flush.CallAsync().AsTask().Wait();
            }
            """),
        new("WB1004", "Thread.Sleep in an async host function", """
            public static class Imports
            {
                public static void Define(Linker linker) => linker.DefineAsyncFunction("env", "pause", async (Caller caller, int ms) =>
                {
                    Thread.Sleep(ms);
                    await Task.Yield();
                    return 0;
                });
            }
            """),
        new("WB1004", ".Result inside an async host function", """
            public static class HttpImports
            {
                public static void Define(Linker linker, Func<int, Task<int>> fetch) => linker.DefineAsyncFunction("env", "fetch", async (int id) =>
                {
                    await Task.Yield();
                    return fetch(id).Result;
                });
            }
            """),
        new("WB1004", "Task.WaitAll over call tasks", """
            public sealed class Fanout(TypedAction a, TypedAction b)
            {
                public void RunBoth() => Task.WaitAll(a.CallAsync().AsTask(), b.CallAsync().AsTask());
            }
            """),
        new("WB1004", "Task.WaitAny over call tasks", """
            public sealed class Race(TypedFunc<int, int> primary, TypedFunc<int, int> fallback)
            {
                public int First(int x)
                {
                    var one = primary.CallAsync(x).AsTask();
                    var two = fallback.CallAsync(x).AsTask();
                    return Task.WaitAny(one, two);
                }
            }
            """),
        new("WB1004", "Thread.Sleep in async code that calls wasm", """
            public sealed class Poller(TypedFunc<int> poll) : BackgroundService
            {
                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    while (await poll.CallAsync(stoppingToken) == 0) Thread.Sleep(100);
                }
            }
            """),
        new("WB1004", ".Result on InstantiateAsync", """
            public sealed class Loader(Linker linker, Module module)
            {
                public Instance Load(Store store) => linker.InstantiateAsync(store, module).Result;
            }
            """),
        new("WB1004", "blocking in an async [WasmImports] implementation", """
            public sealed class HostApi(Func<int, Task<int>> db) : IHostApi
            {
                public async ValueTask<int> FetchAsync(int id)
                {
                    var row = db(id).Result;
                    await Task.Yield();
                    return row;
                }
                public int Now() => 0;
            }
            """),
        new("WB1004", ".Wait() in async code that calls wasm", """
            public sealed class Exporter(TypedAction export, Func<Task> upload)
            {
                public async Task ExportAsync()
                {
                    await export.CallAsync();
                    upload().Wait();
                }
            }
            """),
        new("WB1004", ".Result of a bound async member", """
            public sealed class PreviewController(IRenderer renderer) : ControllerBase
            {
                [HttpGet] public object Preview(int id) => Ok(renderer.PaintAsync(id).Result);
            }
            """),
        new("WB1004", "local call task waited", """
            public sealed class Job(TypedFunc<int, int> work)
            {
                public int Run(int x)
                {
                    var pending = work.CallAsync(x);
                    DoOtherWork();
                    return pending.Result;
                }
                private static void DoOtherWork() { }
            }
            """),
        new("WB1004", "GetResult with ConfigureAwait", """
            public sealed class Legacy(TypedAction init)
            {
                public void Init() => init.CallAsync().ConfigureAwait(false).GetAwaiter().GetResult();
            }
            """),

        // ---- WB1005: a span over memory used after a call that can grow it ----
        new("WB1005", "output span used after an allocation", """
            public sealed class Codec(Memory memory, TypedFunc<int, int> alloc)
            {
                public byte[] Encode(int length)
                {
                    var header = memory.GetSpan(0, 8);
                    var ptr = alloc.Call(length);
                    return new[] { header[0], (byte)ptr };
                }
            }
            """),
        new("WB1005", "Memory.Span held across Grow", """
            public static class Arena
            {
                public static void Reserve(Memory memory)
                {
                    var all = memory.Span;
                    memory.Grow(1);
                    all[0] = 1;
                }
            }
            """),
        new("WB1005", "span taken before a loop that calls the guest", """
            public sealed class Writer(Memory memory, TypedAction<int> step)
            {
                public void Fill(int count)
                {
                    var buffer = memory.GetSpan(1024, count);
                    for (var i = 0; i < count; i++)
                    {
                        step.Call(i);
                        buffer[i] = (byte)i;
                    }
                }
            }
            """),
        new("WB1005", "read-only span across a call", """
            public sealed class Reader(Memory memory, TypedAction free)
            {
                public int Checksum(int ptr, int length)
                {
                    ReadOnlySpan<byte> data = memory.GetSpan(ptr, length);
                    free.Call();
                    var sum = 0;
                    foreach (var b in data) sum += b;
                    return sum;
                }
            }
            """),
        new("WB1005", "span across a bound plugin call", """
            public sealed class Overlay(Memory memory, IRenderer renderer)
            {
                public byte Draw(int document)
                {
                    var pixels = memory.GetSpan(0, 4);
                    renderer.Render(document);
                    return pixels[0];
                }
            }
            """),
        new("WB1005", "span across Function.Invoke", """
            public sealed class Dyn(Memory memory, Function grow)
            {
                public byte Touch()
                {
                    var view = memory.Span;
                    grow.Invoke(Value.I32(1));
                    return view[0];
                }
            }
            """),
        new("WB1005", "controller reads the result span before a second call", """
            public sealed class TextController(Instance instance) : ControllerBase
            {
                [HttpGet] public object Upper(int ptr, int length)
                {
                    var memory = instance.GetMemory("memory")!;
                    var text = memory.GetSpan(ptr, length);
                    instance.GetAction<int>("free")!.Call(ptr);
                    return Ok(text.Length > 0 ? text[0] : 0);
                }
            }
            """),
        new("WB1005", "span across Instantiate of the start function", """
            public sealed class Boot(Memory memory, Linker linker, Module module)
            {
                public byte Start(Store store)
                {
                    var before = memory.GetSpan(0, 1);
                    linker.Instantiate(store, module);
                    return before[0];
                }
            }
            """),
        new("WB1005", "span written after a call in a branch", """
            public sealed class Patch(Memory memory, TypedAction<int> prepare)
            {
                public void Apply(bool fresh)
                {
                    var target = memory.GetSpan(64, 16);
                    if (fresh) prepare.Call(16);
                    target.Clear();
                }
            }
            """),
        new("WB1005", "span sliced then used after a call", """
            public sealed class Slicer(Memory memory, TypedFunc<int, int> realloc)
            {
                public byte Tail(int ptr, int length)
                {
                    var whole = memory.GetSpan(ptr, length);
                    var tail = whole.Slice(1);
                    realloc.Call(length * 2);
                    return tail[0];
                }
            }
            """),
        new("WB1005", "span across a resumable call", """
            public sealed class Stepper(Memory memory, Function entry)
            {
                public byte Step()
                {
                    var state = memory.GetSpan(0, 4);
                    entry.CallResumable([]);
                    return state[0];
                }
            }
            """),
        new("WB1005", "copy into span after the call", """
            public sealed class Upload(Memory memory, TypedFunc<int, int> malloc)
            {
                public int Put(byte[] bytes)
                {
                    var destination = memory.GetSpan(0, bytes.Length);
                    var ptr = malloc.Call(bytes.Length);
                    bytes.CopyTo(destination);
                    return ptr;
                }
            }
            """),
        new("WB1005", "span across a Grow in a helper-style loop", """
            public static class Growth
            {
                public static void Extend(Memory memory, int pages)
                {
                    var first = memory.GetSpan(0, 1);
                    for (var i = 0; i < pages; i++) memory.Grow(1);
                    first[0] = 42;
                }
            }
            """),
        new("WB1005", "span across a typed action with arguments", """
            public sealed class Logger(Memory memory, TypedAction<int, int> log)
            {
                public void Log(int ptr, int length)
                {
                    var message = memory.GetSpan(ptr, length);
                    log.Call(ptr, length);
                    message[0] = 0;
                }
            }
            """),

        // ---- WB1006: a Caller that escapes its host function ----
        new("WB1006", "caller kept in a field", """
            public sealed class Host
            {
                private Caller last;
                public void Define(Linker linker) => linker.DefineFunction("env", "init", (Caller caller) => { last = caller; });
            }
            """),
        new("WB1006", "caller added to a list", """
            public sealed class Host
            {
                private readonly List<Caller> seen = new();
                public void Define(Linker linker) => linker.DefineFunction("env", "hello", (Caller caller) => seen.Add(caller));
            }
            """),
        new("WB1006", "caller enqueued for a background worker", """
            public sealed class Deferred
            {
                private readonly ConcurrentQueue<Caller> work = new();
                public void Define(Linker linker) => linker.DefineFunction("env", "defer", (Caller caller) => work.Enqueue(caller));
            }
            """),
        new("WB1006", "caller in a tuple into a channel", """
            public sealed class Deferred
            {
                private readonly Channel<(Caller, int)> channel = Channel.CreateUnbounded<(Caller, int)>();
                private readonly Queue<(Caller Caller, int Id)> queue = new();
                public void Define(Linker linker) => linker.DefineFunction("env", "defer", (Caller caller, int id) => queue.Enqueue((caller, id)));
            }
            """),
        new("WB1006", "caller captured by Task.Run not awaited", """
            public sealed class Host
            {
                public void Define(Linker linker) => linker.DefineFunction("env", "spawn", (Caller caller) =>
                {
                    _ = Task.Run(() => caller.GetMemory());
                });
            }
            """),
        new("WB1006", "caller captured by a timer callback", """
            public sealed class Host
            {
                private System.Threading.Timer? timer;
                public void Define(Linker linker) => linker.DefineFunction("env", "every", (Caller caller, int ms) =>
                {
                    timer = new System.Threading.Timer(_ => caller.GetMemory(), null, ms, ms);
                });
            }
            """),
        new("WB1006", "caller captured by a System.Timers handler", """
            public sealed class Host(System.Timers.Timer ticks)
            {
                public void Define(Linker linker) => linker.DefineFunction("env", "watch", (Caller caller) =>
                {
                    ticks.Elapsed += (s, e) => caller.GetMemory();
                });
            }
            """),
        new("WB1006", "caller stored in a property of a context object", """
            public sealed class RequestContext { public Caller Caller { get; set; } }
            public sealed class Host(RequestContext context)
            {
                public void Define(Linker linker) => linker.DefineFunction("env", "enter", (Caller caller) => { context.Caller = caller; });
            }
            """),
        new("WB1006", "caller captured by a stored callback", """
            public sealed class Host
            {
                private Action? onDone;
                public void Define(Linker linker) => linker.DefineFunction("env", "later", (Caller caller) => { onDone = () => caller.GetMemory(); });
            }
            """),
        new("WB1006", "caller stored in a dictionary by id", """
            public sealed class Sessions
            {
                private readonly Dictionary<int, Caller> byId = new();
                public void Define(Linker linker) => linker.DefineFunction("env", "open", (Caller caller, int id) => { byId[id] = caller; });
            }
            """),
        new("WB1006", "caller captured by an event subscription", """
            public sealed class Bus { public event EventHandler? Changed; public void Raise() => Changed?.Invoke(this, EventArgs.Empty); }
            public sealed class Host(Bus bus)
            {
                public void Define(Linker linker) => linker.DefineFunction("env", "subscribe", (Caller caller) =>
                {
                    bus.Changed += (s, e) => caller.GetMemory();
                });
            }
            """),
        new("WB1006", "caller in an anonymous object kept in a field", """
            public sealed class Host
            {
                private object? state;
                public void Define(Linker linker) => linker.DefineFunction("env", "save", (Caller caller, int id) => { state = new { caller, id }; });
            }
            """),
        new("WB1006", "caller kept in a static field", """
            public static class Ambient
            {
                public static Caller Current;
                public static void Define(Linker linker) => linker.DefineFunction("env", "enter", (Caller caller) => { Current = caller; });
            }
            """),
        new("WB1006", "caller captured by a continuation", """
            public sealed class Host(Func<Task> slow)
            {
                public void Define(Linker linker) => linker.DefineFunction("env", "after", (Caller caller) =>
                {
                    _ = slow().ContinueWith(_ => caller.GetMemory());
                });
            }
            """),
    ];
}
