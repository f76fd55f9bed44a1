using WasmBind.Tests.Api;
using Xunit;

namespace WasmBind.Tests.ExecutionControl;

/// <summary>
/// No race, rejected attempt or dropped handle leaves a store stuck: after each, every kind of call works again.
/// </summary>
public sealed class StoreRecoveryTests
{
    private sealed class NeedsInput(int index) : SuspendCallException($"host needs input {index}")
    {
        public int Index { get; } = index;
    }

    private readonly Engine engine = new();

    /// <summary>Another thread inside a synchronous call on the store (blocked in host.wait) until disposed.</summary>
    private sealed class OtherThreadInside : IDisposable
    {
        private readonly SemaphoreSlim release;
        private readonly Thread thread;

        public OtherThreadInside(TypedFunc<int> waitOnce, SemaphoreSlim entered, SemaphoreSlim release)
        {
            this.release = release;
            thread = new Thread(() =>
            {
                ThreadId = Environment.CurrentManagedThreadId;
                Result = waitOnce.Call();
            });
            thread.Start();
            Assert.True(entered.Wait(TimeSpan.FromSeconds(30)));
        }

        public int ThreadId { get; private set; }

        public int Result { get; private set; }

        public void Dispose()
        {
            release.Release();
            Assert.True(thread.Join(TimeSpan.FromSeconds(30)));
        }
    }

    private sealed class Fixture
    {
        public required SemaphoreSlim Entered { get; init; }
        public required SemaphoreSlim Release { get; init; }
        public required TaskCompletionSource<int> Gate { get; init; }
        public required Instance Instance { get; init; }
        public required Store Store { get; init; }
        public required Linker Linker { get; init; }

        public OtherThreadInside OtherThreadInside() => new(Instance.GetFunction<int>("wait_once"), Entered, Release);

        /// <summary>Every kind of call works: the store is not left busy.</summary>
        public async Task AssertUsable()
        {
            var count = Instance.GetFunction<int, int>("count");
            Assert.Equal(3, count.Call(3));
            Assert.Equal(4, (await Instance.GetFunction("count")!.CallAsync([Value.I32(4)]))[0].AsInt32());
            Assert.Equal(5, Instance.GetFunction("count")!.CallResumable(Value.I32(5)).Results![0].AsInt32());
        }
    }

    /// <summary>host.tick either awaits the gate (async) or asks to suspend (resumable); host.wait blocks until released.</summary>
    private Fixture Create(bool asyncTick)
    {
        var entered = new SemaphoreSlim(0);
        var release = new SemaphoreSlim(0);
        var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var linker = new Linker(engine);
        if (asyncTick)
            linker.DefineAsyncFunction("host", "tick", ControlFixture.I32ToI32, async (caller, args, results) => results[0] = Value.I32(await gate.Task));
        else
            linker.DefineFunction("host", "tick", (Func<int, int>)(i => throw new NeedsInput(i)));
        linker.DefineFunction("host", "wait", (int i) =>
        {
            entered.Release();
            release.Wait();
            return i;
        });
        var store = new Store(engine);
        return new Fixture
        {
            Instance = ControlFixture.Instantiate(engine, store, linker),
            Store = store,
            Linker = linker,
            Entered = entered,
            Release = release,
            Gate = gate,
        };
    }

    [Fact]
    public async Task An_async_call_whose_import_completes_during_another_threads_sync_call_waits_for_the_store()
    {
        var fixture = Create(asyncTick: true);
        var call = fixture.Instance.GetFunction("sum_ticks")!.CallAsync([Value.I32(1)]);
        Assert.False(call.IsCompleted);

        using (fixture.OtherThreadInside())
        {
            fixture.Gate.SetResult(20);
            // The continuation runs now and must wait for the store instead of failing.
            await Task.Delay(300);
            Assert.False(call.IsCompleted);
        }

        Assert.Equal(20L, (await call)[0].AsInt64());
        await fixture.AssertUsable();
    }

    [Fact]
    public async Task A_resume_rejected_while_another_thread_is_inside_leaves_the_call_resumable()
    {
        var fixture = Create(asyncTick: false);
        var call = fixture.Instance.GetFunction("sum_ticks")!.CallResumable(Value.I32(1)).Call!;

        using (var other = fixture.OtherThreadInside())
        {
            var error = Assert.Throws<InvalidOperationException>(() => call.Resume(Value.I32(7)));
            Assert.Contains($"thread {other.ThreadId}", error.Message);
            Assert.Contains($"thread {Environment.CurrentManagedThreadId}", error.Message);
            Assert.Throws<InvalidOperationException>(call.Abandon);
            Assert.True(call.IsSuspended);
        }

        Assert.Equal(7L, call.Resume(Value.I32(7)).Results![0].AsInt64());
        await fixture.AssertUsable();
    }

    [Fact]
    public async Task An_abandon_after_a_rejected_resume_frees_the_store()
    {
        var fixture = Create(asyncTick: false);
        var call = fixture.Instance.GetFunction("sum_ticks")!.CallResumable(Value.I32(1)).Call!;
        using (fixture.OtherThreadInside())
        {
            Assert.Throws<InvalidOperationException>(() => call.Resume(Value.I32(7)));
        }

        call.Abandon();

        Assert.False(call.IsSuspended);
        await fixture.AssertUsable();
    }

    [Fact]
    public async Task A_dropped_resumable_call_does_not_block_the_store()
    {
        var fixture = Create(asyncTick: false);
        StartAndDrop(fixture.Instance);

        await fixture.AssertUsable();

        static void StartAndDrop(Instance instance) =>
            Assert.False(instance.GetFunction("sum_ticks")!.CallResumable(Value.I32(3)).IsFinished);
    }

    [Fact]
    public void A_superseded_call_says_so_and_the_newer_one_runs()
    {
        var fixture = Create(asyncTick: false);
        var sumTicks = fixture.Instance.GetFunction("sum_ticks")!;
        var first = sumTicks.CallResumable(Value.I32(1)).Call!;

        var second = sumTicks.CallResumable(Value.I32(1)).Call!;

        Assert.False(first.IsSuspended);
        var error = Assert.Throws<InvalidOperationException>(() => first.Resume(Value.I32(1)));
        Assert.Contains("superseded", error.Message);
        first.Abandon(); // a stale handle's abandon does nothing, and does not touch the newer call
        Assert.Equal(9L, second.Resume(Value.I32(9)).Results![0].AsInt64());
    }

    [Fact]
    public async Task Disposing_a_suspended_call_abandons_it()
    {
        var fixture = Create(asyncTick: false);
        ResumableCall call;
        using (call = fixture.Instance.GetFunction("sum_ticks")!.CallResumable(Value.I32(1)).Call!)
        {
            Assert.True(call.IsSuspended);
        }

        Assert.False(call.IsSuspended);
        await fixture.AssertUsable();
    }

    [Fact]
    public async Task Instantiating_into_a_store_another_thread_runs_in_is_refused_naming_both_threads()
    {
        var fixture = Create(asyncTick: false);
        var module = Wat.Load(engine, "control");
        var pre = fixture.Linker.InstantiatePre(module);

        using (var other = fixture.OtherThreadInside())
        {
            var error = Assert.Throws<InvalidOperationException>(() => fixture.Linker.Instantiate(fixture.Store, module));
            Assert.Contains($"thread {other.ThreadId}", error.Message);
            Assert.Contains($"thread {Environment.CurrentManagedThreadId}", error.Message);
            Assert.Throws<InvalidOperationException>(() => pre.Instantiate(fixture.Store));
            await Assert.ThrowsAsync<InvalidOperationException>(async () => await fixture.Linker.InstantiateAsync(fixture.Store, module));
        }

        Assert.Equal(6, fixture.Linker.Instantiate(fixture.Store, module).GetFunction<int, int>("count").Call(6));
        await fixture.AssertUsable();
    }

    [Fact]
    public async Task A_host_function_may_instantiate_into_its_own_store_and_make_suspendable_calls_there()
    {
        // Re-entry from the thread that is inside the store is not a second thread: it is allowed, and a
        // suspendable call nested like this runs to completion as a synchronous call would.
        var store = new Store(engine);
        var module = Wat.Load(engine, "control");
        var linker = new Linker(engine);
        Instance? nested = null;
        linker.DefineFunction("host", "tick", (int i) => i);
        linker.DefineFunction("host", "wait", (Caller caller, int i) =>
        {
            nested = linker.Instantiate(caller.Store, module);
            var viaAsync = nested.GetFunction("count")!.CallAsync([Value.I32(i + 2)]);
            Assert.True(viaAsync.IsCompletedSuccessfully);
            return viaAsync.Result[0].AsInt32() + nested.GetFunction("count")!.CallResumable(Value.I32(1)).Results![0].AsInt32();
        });
        var instance = linker.Instantiate(store, module);

        Assert.Equal(4, (await instance.GetFunction("wait_once")!.CallAsync([]))[0].AsInt32());
        Assert.NotNull(nested);
    }
}
