using WasmBind.Tests.Api;
using WasmBind.Tests.Support;
using Xunit;

namespace WasmBind.Tests.ExecutionControl;

public sealed class AsyncCallTests
{
    private readonly Engine engine = new();

    private Linker LinkerWithAsyncTick(Func<Value[], Task<int>> tick)
    {
        var linker = new Linker(engine);
        linker.DefineAsyncFunction("host", "tick", ControlFixture.I32ToI32, async (caller, args, results) =>
            results[0] = Value.I32(await tick(args)));
        linker.DefineFunction("host", "wait", (int i) => i);
        return linker;
    }

    [Fact]
    public void An_async_import_awaited_ten_thousand_times_blocks_no_thread()
    {
        var threads = new HashSet<int>();
        var linker = LinkerWithAsyncTick(async args =>
        {
            threads.Add(Environment.CurrentManagedThreadId);
            await Task.Yield();
            threads.Add(Environment.CurrentManagedThreadId);
            return args[0].AsInt32() * 2;
        });
        var store = new Store(engine);
        var sumTicks = ControlFixture.Instantiate(engine, store, linker).GetFunction("sum_ticks")!;
        var contextThread = 0;
        var posts = 0;

        var result = SingleThreadedContext.Run(async context =>
        {
            contextThread = context.ThreadId;
            var values = await sumTicks.CallAsync([Value.I32(10_000)]);
            posts = context.Posts;
            return values[0].AsInt64();
        }, TimeSpan.FromSeconds(60));

        Assert.Equal(2L * (9_999L * 10_000 / 2), result);
        // Everything ran on the context's one thread: had anything blocked it, the run would have deadlocked.
        Assert.Equal(new[] { contextThread }, threads.ToArray());
        Assert.True(posts >= 10_000, $"only {posts} continuations were posted");
    }

    [Fact]
    public async Task An_async_import_that_completes_synchronously_does_not_suspend()
    {
        var linker = LinkerWithAsyncTick(args => Task.FromResult(args[0].AsInt32() + 1));
        var store = new Store(engine);
        var sumTicks = ControlFixture.Instantiate(engine, store, linker).GetFunction("sum_ticks")!;

        var pending = sumTicks.CallAsync([Value.I32(10)]);

        Assert.True(pending.IsCompletedSuccessfully);
        Assert.Equal(55L, (await pending)[0].AsInt64());
    }

    [Fact]
    public void A_synchronous_call_that_reaches_an_async_import_names_it_and_does_not_block()
    {
        var linker = LinkerWithAsyncTick(async args => { await Task.Delay(1); return 0; });
        var store = new Store(engine);
        var instance = ControlFixture.Instantiate(engine, store, linker);

        var error = Assert.Throws<InvalidOperationException>(() => instance.GetFunction("sum_ticks")!.Invoke(Value.I32(3)));

        Assert.Contains("host.tick", error.Message);
        Assert.Contains("CallAsync", error.Message);
        Assert.Equal(7, instance.GetFunction<int, int>("count").Call(7)); // the store is still usable
    }

    [Fact]
    public async Task An_awaited_import_that_fails_becomes_a_host_error_trap()
    {
        var linker = LinkerWithAsyncTick(async args =>
        {
            await Task.Yield();
            throw new FormatException("bad tick");
        });
        var store = new Store(engine);
        var instance = ControlFixture.Instantiate(engine, store, linker);

        var trap = await Assert.ThrowsAsync<TrapException>(async () => await instance.GetFunction("sum_ticks")!.CallAsync([Value.I32(3)]));

        Assert.Equal(TrapCode.HostError, trap.Code);
        Assert.IsType<FormatException>(trap.InnerException);
        Assert.Contains(trap.Backtrace, f => f.FunctionName == "sum_ticks");
        Assert.Equal(3, instance.GetFunction<int, int>("count").Call(3));
    }

    [Fact]
    public async Task Cancellation_while_suspended_at_an_import_throws_and_frees_the_store()
    {
        var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var linker = LinkerWithAsyncTick(_ => gate.Task);
        var store = new Store(engine);
        var instance = ControlFixture.Instantiate(engine, store, linker);
        using var cancellation = new CancellationTokenSource();

        var call = instance.GetFunction("sum_ticks")!.CallAsync([Value.I32(3)], cancellation.Token);
        Assert.False(call.IsCompleted);
        Assert.Equal(1, instance.GetFunction<int, int>("count").Call(1)); // synchronous calls may run meanwhile
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await instance.GetFunction("count")!.CallAsync([Value.I32(1)]));
        cancellation.Cancel();
        gate.SetResult(1);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await call);
        Assert.Equal(4, instance.GetFunction<int, int>("count").Call(4));
    }

    [Fact]
    public async Task InstantiateAsync_runs_a_start_function_that_awaits_an_import()
    {
        var linker = new Linker(engine);
        linker.DefineAsyncFunction("host", "load", new FunctionType([], [ValueType.I32]), async (caller, args, results) =>
        {
            await Task.Yield();
            results[0] = Value.I32(42);
        });
        var module = Wat.Load(engine, "async_start");

        var instance = await linker.InstantiateAsync(new Store(engine), module);

        Assert.Equal(42, instance.GetGlobal("value")!.Value.AsInt32());
        // Synchronous instantiation cannot wait for an import whose task is really pending.
        var never = new TaskCompletionSource();
        var waitingLinker = new Linker(engine);
        waitingLinker.DefineAsyncFunction("host", "load", new FunctionType([], [ValueType.I32]), async (caller, args, results) => await never.Task);
        Assert.Throws<InvalidOperationException>(() => waitingLinker.Instantiate(new Store(engine), module));
    }
}
