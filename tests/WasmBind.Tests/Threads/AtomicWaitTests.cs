using System.Collections.Concurrent;
using System.Diagnostics;
using Xunit;

namespace WasmBind.Tests.Threads;

/// <summary>memory.atomic.wait32/64 and notify: results, time-outs, FIFO order, and interruption of a parked guest.</summary>
public sealed class AtomicWaitTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public void A_wait_on_a_different_value_returns_not_equal_at_once_and_a_notify_with_no_waiters_returns_0()
    {
        var (_, instance) = new SharedMemoryFixture().NewInstance();
        Assert.Equal(1, instance.GetFunction<int, int, long, int>("wait32").Call(0, 5, -1));
        Assert.Equal(0, instance.GetFunction<int, int, int>("notify").Call(0, 10));
    }

    [Fact]
    public void A_wait_times_out_no_earlier_than_its_time_out_and_leaves_no_waiter_behind()
    {
        var fixture = new SharedMemoryFixture();
        var (_, instance) = fixture.NewInstance();
        // A lower bound only (the spec: a wait never times out early); a slow machine can only make it longer.
        var clock = Stopwatch.StartNew();

        var result = instance.GetFunction<int, int, long, int>("wait32").Call(0, 0, 30_000_000);

        Assert.Equal(2, result);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(30), $"returned after {clock.Elapsed.TotalMilliseconds} ms");
        Assert.Equal(0, fixture.Memory.CountWaiters(0));
    }

    [Fact]
    public async Task Two_stores_on_two_threads_wait_and_notify_through_one_shared_memory()
    {
        var fixture = new SharedMemoryFixture();
        var (_, waiterInstance) = fixture.NewInstance();
        var (_, notifierInstance) = fixture.NewInstance();

        var waiting = Task.Factory.StartNew(() => waiterInstance.GetFunction<int, int, long, int>("wait32").Call(4, 0, -1),
            TaskCreationOptions.LongRunning);
        Assert.True(fixture.WaitForWaiters(4, 1));
        var woken = notifierInstance.GetFunction<int, int, int>("store_and_notify").Call(4, 1);

        Assert.Equal(0, await waiting.WaitAsync(Patience)); // "ok": woken by the notify
        Assert.Equal(1, woken);
        Assert.Equal(1, fixture.Memory.In(new Store(fixture.Engine)).ReadInt32(4));
    }

    [Fact]
    public async Task Notify_wakes_waiters_in_the_order_they_started_waiting()
    {
        var fixture = new SharedMemoryFixture();
        var order = new ConcurrentQueue<int>();
        var threads = new List<Task>();
        for (var i = 0; i < 3; i++)
        {
            var id = i;
            var (_, instance) = fixture.NewInstance();
            threads.Add(Task.Factory.StartNew(() =>
            {
                Assert.Equal(0, instance.GetFunction<int, int, long, int>("wait32").Call(12, 0, -1));
                order.Enqueue(id);
            }, TaskCreationOptions.LongRunning));
            // Start the next waiter only once this one is queued, so the queue order is known.
            Assert.True(fixture.WaitForWaiters(12, i + 1));
        }

        var (_, notifier) = fixture.NewInstance();
        var notify = notifier.GetFunction<int, int, int>("notify");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(1, notify.Call(12, 1));
            Assert.True(SpinWait.SpinUntil(() => order.Count == i + 1, Patience));
        }

        await Task.WhenAll(threads).WaitAsync(Patience);
        Assert.Equal([0, 1, 2], order.ToArray());
        Assert.Equal(0, notify.Call(12, 1));
    }

    [Fact]
    public async Task An_epoch_deadline_ends_a_guest_blocked_in_wait()
    {
        var fixture = new SharedMemoryFixture(new EngineConfig { EpochInterruption = true });
        var (store, instance) = fixture.NewInstance();
        store.SetEpochDeadline(1);

        var waiting = Task.Factory.StartNew(() => instance.GetFunction<int>("wait_forever").Call(), TaskCreationOptions.LongRunning);
        Assert.True(fixture.WaitForWaiters(8, 1));
        fixture.Engine.IncrementEpoch();

        var trap = await Assert.ThrowsAsync<TrapException>(() => waiting.WaitAsync(Patience));
        Assert.Equal(TrapCode.Interrupted, trap.Code);
        Assert.Equal(0, fixture.Memory.CountWaiters(8));
        // The store is usable afterwards.
        store.SetEpochDeadline(1_000);
        Assert.Equal(1, instance.GetFunction<int>("size").Call());
    }

    [Fact]
    public async Task An_epoch_callback_may_let_the_wait_go_on_until_a_notify_wakes_it()
    {
        var fixture = new SharedMemoryFixture(new EngineConfig { EpochInterruption = true });
        var (store, instance) = fixture.NewInstance();
        var callbacks = 0;
        store.EpochDeadlineCallback(_ => { Interlocked.Increment(ref callbacks); return EpochDeadlineAction.Continue(1); });
        store.SetEpochDeadline(1);

        var waiting = Task.Factory.StartNew(() => instance.GetFunction<int, int, long, int>("wait32").Call(16, 0, -1),
            TaskCreationOptions.LongRunning);
        Assert.True(fixture.WaitForWaiters(16, 1));
        fixture.Engine.IncrementEpoch();
        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref callbacks) >= 1, Patience));
        Assert.Equal(1, fixture.Memory.CountWaiters(16));

        var (_, notifier) = fixture.NewInstance();
        Assert.Equal(1, notifier.GetFunction<int, int, int>("notify").Call(16, 1));
        Assert.Equal(0, await waiting.WaitAsync(Patience));
    }

    [Fact]
    public async Task Cancelling_an_async_call_ends_a_guest_blocked_in_wait()
    {
        // No epoch interruption: cancellation alone must reach the parked thread.
        var fixture = new SharedMemoryFixture();
        var (_, instance) = fixture.NewInstance();
        using var cancellation = new CancellationTokenSource();

        var waiting = Task.Factory.StartNew(
            () => instance.GetFunction<int>("wait_forever").CallAsync(cancellation.Token).AsTask(),
            TaskCreationOptions.LongRunning).Unwrap();
        Assert.True(fixture.WaitForWaiters(8, 1));
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Patience));
        Assert.Equal(0, fixture.Memory.CountWaiters(8));
    }

    [Fact]
    public async Task Atomic_increments_from_two_stores_on_two_threads_lose_no_update()
    {
        const int PerThread = 200_000;
        var fixture = new SharedMemoryFixture();
        var instances = new[] { fixture.NewInstance().Instance, fixture.NewInstance().Instance };
        using var start = new Barrier(2);

        var threads = instances.Select(instance => Task.Factory.StartNew(() =>
        {
            var increment = instance.GetAction<int>("increment");
            start.SignalAndWait();
            increment.Call(PerThread);
        }, TaskCreationOptions.LongRunning)).ToArray();

        await Task.WhenAll(threads).WaitAsync(Patience * 3);
        Assert.Equal(2 * PerThread, fixture.Memory.In(new Store(fixture.Engine)).ReadInt32(0));
    }
}
