using WasmBind.Tests.Api;
using Xunit;

namespace WasmBind.Tests.Async;

/// <summary>
/// The typed async API: <c>TypedFunc/TypedAction.CallAsync</c> and the typed <c>Linker.DefineAsyncFunction</c>
/// overloads, over Fixtures/wat/typed_async.wat.
/// </summary>
public sealed class TypedAsyncTests
{
    private readonly Engine engine = new();
    private readonly Module module;

    public TypedAsyncTests() => module = Wat.Load(engine, "typed_async");

    /// <summary>Every import defined with a typed async host function whose task is already complete.</summary>
    private Linker CompletedImports() => new Linker(engine)
        .DefineAsyncFunction("host", "i32", (Caller c, int x) => new ValueTask<int>(x * 2))
        .DefineAsyncFunction("host", "i64", (long x) => new ValueTask<long>(x * 2))
        .DefineAsyncFunction("host", "f32", (float x) => new ValueTask<float>(x + 0.5f))
        .DefineAsyncFunction("host", "f64", (double x) => new ValueTask<double>(x + 0.25))
        .DefineAsyncFunction("host", "funcref", (Caller c, Function? f) => new ValueTask<Function?>(f ?? c.GetFunction("double")))
        .DefineAsyncFunction("host", "externref", (object? o) => new ValueTask<object?>(o))
        .DefineAsyncFunction("host", "mix", (int a, long b, float c, double d, int e, long f) => new ValueTask<double>(a + b + c + d + e + f))
        .DefineAsyncFunction("host", "notify", (int k) => ValueTask.CompletedTask)
        .DefineAsyncFunction("host", "read", (Caller c, int ptr, int len) =>
        {
            c.GetMemory()!.GetSpan(ptr, len).Fill(1);
            return new ValueTask<int>(len);
        });

    /// <summary>Every import defined with a typed async host function that really awaits before it returns.</summary>
    private Linker AwaitingImports(List<int>? notified = null) => new Linker(engine)
        .DefineAsyncFunction("host", "i32", async (Caller c, int x) => { await Task.Yield(); return x * 2; })
        .DefineAsyncFunction("host", "i64", async (long x) => { await Task.Yield(); return x * 2; })
        .DefineAsyncFunction("host", "f32", async (float x) => { await Task.Yield(); return x + 0.5f; })
        .DefineAsyncFunction("host", "f64", async (double x) => { await Task.Yield(); return x + 0.25; })
        .DefineAsyncFunction("host", "funcref", async (Caller c, Function? f) => { await Task.Yield(); return f ?? c.GetFunction("double"); })
        .DefineAsyncFunction("host", "externref", async (object? o) => { await Task.Yield(); return o; })
        .DefineAsyncFunction("host", "mix", async (int a, long b, float c, double d, int e, long f) =>
        {
            await Task.Yield();
            return a + b + c + d + e + f;
        })
        .DefineAsyncFunction("host", "notify", async (Caller c, int k) =>
        {
            await Task.Yield();
            notified?.Add(k);
        })
        .DefineAsyncFunction("host", "read", async (Caller c, int ptr, int len) =>
        {
            await Task.Yield();
            // The caller (and its memory) stays usable across the await.
            var memory = c.GetMemory()!;
            for (var i = 0; i < len; i++) memory.WriteByte(ptr + i, (byte)(i + 1));
            return len;
        });

    private Instance Instantiate(Linker linker) => linker.Instantiate(new Store(engine), module);

    /// <summary>The result of a task that must have completed synchronously (so reading it blocks nothing).</summary>
    private static T Done<T>(ValueTask<T> task) =>
        task.IsCompletedSuccessfully ? task.Result : throw new InvalidOperationException("The call did not complete synchronously.");

    [Fact]
    public void CallAsync_OnAPlainExport_CompletesSynchronouslyWithoutAllocating()
    {
        var instance = Instantiate(CompletedImports());
        var add = instance.GetFunction<int, int, int>("add");
        var nop = instance.GetAction("nop");
        // Warm up: first calls JIT the paths and may grow the interpreter's stacks.
        for (var i = 0; i < 100; i++) { _ = Done(add.CallAsync(i, i)); _ = nop.CallAsync(); }

        var incomplete = 0;
        var sum = 0L;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            var task = add.CallAsync(i, 1);
            if (!task.IsCompletedSuccessfully) incomplete++;
            sum += Done(task);
            if (!nop.CallAsync().IsCompletedSuccessfully) incomplete++;
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, incomplete);
        Assert.Equal(1000 + 499500L, sum);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void AsyncImports_CompletingSynchronously_DoNotAllocate()
    {
        var instance = Instantiate(CompletedImports());
        var sumI32 = instance.GetFunction<int, int>("sum_i32");
        var mix = instance.GetFunction<int, long, float, double, int, long, double>("mix");
        var notify = instance.GetAction<int>("notify");
        var direct = instance.GetFunction<int, int>("i32_import");
        for (var i = 0; i < 100; i++) { _ = Done(sumI32.CallAsync(10)); _ = Done(mix.CallAsync(1, 2, 3, 4, 5, 6)); _ = notify.CallAsync(i); _ = Done(direct.CallAsync(i)); }

        var incomplete = 0;
        var sum = 0.0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            // 50 calls to each of two async imports per call.
            var a = sumI32.CallAsync(50);
            var b = mix.CallAsync(i, 1, 0.5f, 0.25, 1, 1);
            var c = notify.CallAsync(i);
            var d = direct.CallAsync(i);
            if (!a.IsCompletedSuccessfully || !b.IsCompletedSuccessfully || !c.IsCompletedSuccessfully || !d.IsCompletedSuccessfully) incomplete++;
            sum += Done(a) + Done(b) + Done(d);
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, incomplete);
        // sum_i32(50) = 2 * (0 + ... + 49) = 2450; mix = i + 3.75; i32_import(i) = 2i.
        Assert.Equal(1000 * (2450 + 3.75) + 3 * 499500.0, sum);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public async Task AsyncImports_ThatAwait_ReturnEachTypeIntoWasm()
    {
        var notified = new List<int>();
        var instance = Instantiate(AwaitingImports(notified));

        Assert.Equal(41, await instance.GetFunction<int, int>("i32").CallAsync(20));
        Assert.Equal(-41, await instance.GetFunction<int, int>("i32").CallAsync(-21));
        Assert.Equal(long.MaxValue, await instance.GetFunction<long, long>("i64").CallAsync(long.MaxValue / 2));
        Assert.Equal(3.5f, await instance.GetFunction<float, float>("f32").CallAsync(1.25f));
        Assert.Equal(Math.PI * 2 + 0.5, await instance.GetFunction<double, double>("f64").CallAsync(Math.PI), 12);
        Assert.Equal(1 + 2 + 0.5 + 0.25 + 5 + 6, await instance.GetFunction<int, long, float, double, int, long, double>("mix").CallAsync(1, 2, 0.5f, 0.25, 5, 6));

        // funcref: WebAssembly calls the function the host handed back.
        var funcref = instance.GetFunction<Function?, int, int>("funcref");
        Assert.Equal(42, await funcref.CallAsync(instance.GetFunction("double"), 21));
        Assert.Equal(14, await funcref.CallAsync(null, 7));

        // externref: the same object comes back, and null stays null inside WebAssembly.
        var payload = new object();
        Assert.Same(payload, await instance.GetFunction<object?, object?>("externref").CallAsync(payload));
        Assert.Null(await instance.GetFunction<object?, object?>("externref").CallAsync(null));
        var isNull = instance.GetFunction<object?, int>("externref_is_null");
        Assert.Equal(1, await isNull.CallAsync(null));
        Assert.Equal(0, await isNull.CallAsync("text"));

        // An import that returns nothing, reached from a typed action and from a loop that awaits twice per turn.
        await instance.GetAction<int>("notify").CallAsync(99);
        Assert.Equal(90, await instance.GetFunction<int, int>("sum_i32").CallAsync(10));
        Assert.Equal([99, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9], notified);

        // The Caller stays valid across the await: the host writes memory that WebAssembly then reads.
        Assert.Equal(55, await instance.GetFunction<int, int, int>("read_sum").CallAsync(64, 10));

        // The import called directly from the host.
        Assert.Equal(14, await instance.GetFunction<int, int>("i32_import").CallAsync(7));
    }

    [Fact]
    public async Task AsyncImports_ThatAwait_ReturnUnsignedTypes()
    {
        var linker = AwaitingImports();
        linker.AllowShadowing = true;
        linker.DefineAsyncFunction("host", "i32", async (uint x) => { await Task.Yield(); return x - 1; })
            .DefineAsyncFunction("host", "i64", async (Caller c, ulong x) => { await Task.Yield(); return x - 1; });
        var instance = Instantiate(linker);

        Assert.Equal(uint.MaxValue, await instance.GetFunction<uint, uint>("i32").CallAsync(uint.MaxValue));
        Assert.Equal(0u, await instance.GetFunction<uint, uint>("i32").CallAsync(0));
        Assert.Equal(ulong.MaxValue, await instance.GetFunction<ulong, ulong>("i64").CallAsync(ulong.MaxValue));
    }

    [Fact]
    public async Task PendingImport_SuspendsTheCall_UntilItsTaskCompletes()
    {
        var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var linker = CompletedImports();
        linker.AllowShadowing = true;
        linker.DefineAsyncFunction("host", "i32", (int x) => new ValueTask<int>(gate.Task));
        var instance = Instantiate(linker);

        var call = instance.GetFunction<int, int>("i32").CallAsync(5);
        Assert.False(call.IsCompleted);
        gate.SetResult(100);
        Assert.Equal(101, await call);

        // Typed actions suspend too.
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        linker.DefineAsyncFunction("host", "notify", (int k) => new ValueTask(done.Task));
        instance = Instantiate(linker);
        var action = instance.GetAction<int>("notify").CallAsync(1);
        Assert.False(action.IsCompleted);
        done.SetResult();
        await action;
    }

    /// <summary>Like <see cref="CompletedImports"/>, but host.i32 and host.notify wait for <paramref name="gate"/>.</summary>
    private Linker PendingImports(Task<int> gate) => new Linker(engine)
        .DefineAsyncFunction("host", "i32", async (Caller c, int x) => await gate)
        .DefineAsyncFunction("host", "i64", (long x) => new ValueTask<long>(x * 2))
        .DefineAsyncFunction("host", "f32", (float x) => new ValueTask<float>(x + 0.5f))
        .DefineAsyncFunction("host", "f64", (double x) => new ValueTask<double>(x + 0.25))
        .DefineAsyncFunction("host", "funcref", (Caller c, Function? f) => new ValueTask<Function?>(f ?? c.GetFunction("double")))
        .DefineAsyncFunction("host", "externref", (object? o) => new ValueTask<object?>(o))
        .DefineAsyncFunction("host", "mix", (int a, long b, float c, double d, int e, long f) => new ValueTask<double>(a + b + c + d + e + f))
        .DefineAsyncFunction("host", "notify", async (int k) => { await gate; })
        .DefineAsyncFunction("host", "read", (Caller c, int ptr, int len) => new ValueTask<int>(len));

    [Fact]
    public void AsyncImport_ReachedFromSynchronousCall_ThrowsNamingTheImport_WhenItWouldWait()
    {
        var gate = new TaskCompletionSource<int>();
        var instance = Instantiate(PendingImports(gate.Task));

        var error = Assert.Throws<InvalidOperationException>(() => instance.GetFunction<int, int>("i32").Call(1));
        Assert.Contains("host.i32", error.Message);
        Assert.Contains("CallAsync", error.Message);

        error = Assert.Throws<InvalidOperationException>(() => instance.GetAction<int>("notify").Call(1));
        Assert.Contains("host.notify", error.Message);

        // Calling the async host function itself synchronously fails the same way.
        error = Assert.Throws<InvalidOperationException>(() => instance.GetFunction<int, int>("i32_import").Call(1));
        Assert.Contains("host.i32", error.Message);

        // Nothing is left suspended: the store still works.
        Assert.Equal(3, instance.GetFunction<int, int, int>("add").Call(1, 2));
        gate.SetResult(0);
    }

    [Fact]
    public void AsyncImport_ReachedFromSynchronousCall_Proceeds_WhenItsTaskIsAlreadyComplete()
    {
        var instance = Instantiate(CompletedImports());

        Assert.Equal(Done(instance.GetFunction<int, int>("i32").CallAsync(1)), instance.GetFunction<int, int>("i32").Call(1));
        instance.GetAction<int>("notify").Call(1);
        Assert.Equal(4, instance.GetFunction<int, int>("i32_import").Call(2));
        Assert.Equal(5, Done(instance.GetFunction<int, int>("i32").CallAsync(2)));
    }

    [Fact]
    public async Task AwaitedImportException_BecomesHostErrorTrap_WithTheInnerException()
    {
        var failure = new InvalidDataException("no data");
        var linker = CompletedImports();
        linker.AllowShadowing = true;
        linker.DefineAsyncFunction("host", "i32", async (int x) =>
        {
            await Task.Yield();
            if (x > 0) throw failure;
            return x;
        });
        var instance = Instantiate(linker);
        var f = instance.GetFunction<int, int>("i32");

        var trap = await Assert.ThrowsAsync<TrapException>(async () => await f.CallAsync(1));
        Assert.Equal(TrapCode.HostError, trap.Code);
        Assert.Same(failure, trap.InnerException);
        Assert.Contains("host.i32", trap.Message);

        // The store is usable again, and the same import succeeds.
        Assert.Equal(1, await f.CallAsync(0));
    }

    [Fact]
    public async Task SynchronouslyFaultedImport_BecomesHostErrorTrap()
    {
        var failure = new InvalidDataException("bad");
        var linker = CompletedImports();
        linker.AllowShadowing = true;
        linker.DefineAsyncFunction("host", "i32", (int x) => ValueTask.FromException<int>(failure))
            .DefineAsyncFunction("host", "notify", (Caller c, int k) => throw failure);
        var instance = Instantiate(linker);

        var trap = await Assert.ThrowsAsync<TrapException>(async () => await instance.GetFunction<int, int>("i32").CallAsync(1));
        Assert.Equal(TrapCode.HostError, trap.Code);
        Assert.Same(failure, trap.InnerException);

        trap = await Assert.ThrowsAsync<TrapException>(async () => await instance.GetAction<int>("notify").CallAsync(1));
        Assert.Equal(TrapCode.HostError, trap.Code);
        Assert.Same(failure, trap.InnerException);
        Assert.Equal(3, await instance.GetFunction<int, int, int>("add").CallAsync(1, 2));
    }

    [Fact]
    public async Task Cancellation_WhileSuspendedAtAnAsyncImport_ThrowsOperationCanceled()
    {
        var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var linker = CompletedImports();
        linker.AllowShadowing = true;
        linker.DefineAsyncFunction("host", "i32", (int x) => new ValueTask<int>(gate.Task));
        var instance = Instantiate(linker);
        using var cts = new CancellationTokenSource();

        var call = instance.GetFunction<int, int>("i32").CallAsync(1, cts.Token);
        Assert.False(call.IsCompleted);
        cts.Cancel();
        // The call stops at the suspension point, once the import's task has finished.
        gate.SetResult(7);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await call);

        // The store was released.
        Assert.Equal(5, await instance.GetFunction<int, int, int>("add").CallAsync(2, 3));
    }

    [Fact]
    public async Task Cancellation_MidLoopOfAwaitingImports_StopsAtTheNextSuspension()
    {
        using var cts = new CancellationTokenSource();
        var notified = new List<int>();
        var parked = new Queue<TaskCompletionSource>();
        var linker = CompletedImports();
        linker.AllowShadowing = true;
        linker.DefineAsyncFunction("host", "notify", async (int k) =>
        {
            var resume = new TaskCompletionSource();
            parked.Enqueue(resume);
            await resume.Task;
            notified.Add(k);
            if (k == 3) cts.Cancel();
        });
        var instance = Instantiate(linker);

        var call = RunParked(() => instance.GetFunction<int, int>("sum_i32").CallAsync(1000, cts.Token).AsTask(), parked);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal([0, 1, 2, 3], notified);

        // A token cancelled before the call stops it before it starts.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await instance.GetFunction<int, int, int>("add").CallAsync(1, 2, cts.Token));
        Assert.Equal(3, await instance.GetFunction<int, int, int>("add").CallAsync(1, 2, CancellationToken.None));
    }

    /// <summary>
    /// Starts an async call, then resumes its parked imports one at a time on this thread (with no synchronization
    /// context, so each continuation runs inline). Every import is still pending when the interpreter looks at its
    /// task, so each one really suspends the call; with Task.Yield and a thread pool the continuation can win that race,
    /// and the interpreter rightly takes the task as completed synchronously (which is not a check point).
    /// </summary>
    private static Task RunParked(Func<Task> start, Queue<TaskCompletionSource> parked)
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            var task = start();
            while (!task.IsCompleted && parked.TryDequeue(out var next)) next.SetResult();
            return task;
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    [Fact]
    public async Task Overloads_ResolveByLambdaShape()
    {
        // Explicit type arguments with implicitly typed lambdas: the Caller-first overload is picked by arity.
        var linker = CompletedImports();
        linker.AllowShadowing = true;
        linker.DefineAsyncFunction<int, int>("host", "i32", async (c, x) => { await Task.Yield(); return c.Instance is null ? -1 : x + 10; })
            .DefineAsyncFunction<int>("host", "notify", async k => await Task.Yield());
        var instance = Instantiate(linker);

        Assert.Equal(16, await instance.GetFunction<int, int>("i32").CallAsync(5));
        await instance.GetAction<int>("notify").CallAsync(0);
    }

    [Fact]
    public void UnsupportedTypeArgument_ThrowsAtDefinition()
    {
        var linker = new Linker(engine);
        var error = Assert.Throws<ArgumentException>(() => linker.DefineAsyncFunction("host", "f", (decimal d) => new ValueTask<int>(1)));
        Assert.Contains("System.Decimal", error.Message);
        error = Assert.Throws<ArgumentException>(() => linker.DefineAsyncFunction("host", "g", (Caller c, int x) => new ValueTask<string>("")));
        Assert.Contains("System.String", error.Message);
        Assert.Throws<ArgumentNullException>(() => linker.DefineAsyncFunction("host", "h", (Func<Caller, int, ValueTask>)null!));
    }
}
