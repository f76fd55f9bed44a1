using WasmBind.Tests.Api;
using Xunit;

namespace WasmBind.Tests.ExecutionControl;

public sealed class StoreThreadSafetyTests
{
    private readonly Engine engine = new();

    [Fact]
    public void Use_from_a_second_thread_during_a_call_is_detected_every_time()
    {
        const int Rounds = 100;
        using var entered = new SemaphoreSlim(0);
        using var release = new SemaphoreSlim(0);
        var store = new Store(engine);
        var linker = ControlFixture.Linker(engine, wait: i =>
        {
            entered.Release();
            release.Wait();
            return i;
        });
        var instance = ControlFixture.Instantiate(engine, store, linker);
        var waitOnce = instance.GetFunction<int>("wait_once");
        var count = instance.GetFunction<int, int>("count");

        var detected = 0;
        for (var round = 0; round < Rounds; round++)
        {
            // The call runs on its own thread and the check on this one, so they are always two threads.
            int result = 0, callerThread = 0;
            var caller = new Thread(() =>
            {
                callerThread = Environment.CurrentManagedThreadId;
                result = waitOnce.Call();
            });
            caller.Start();
            Assert.True(entered.Wait(TimeSpan.FromSeconds(30)));
            var error = Record.Exception(() => count.Call(3));
            release.Release();
            caller.Join();

            Assert.Equal(1, result); // the first thread's call was not disturbed
            if (error is InvalidOperationException e
                && e.Message.Contains($"thread {callerThread}") && e.Message.Contains($"thread {Environment.CurrentManagedThreadId}"))
            {
                detected++;
            }
        }

        Assert.Equal(Rounds, detected);
        Assert.Equal(3, count.Call(3));
    }

    [Fact]
    public async Task A_store_may_be_handed_from_thread_to_thread_between_calls()
    {
        var store = new Store(engine);
        var count = ControlFixture.Instantiate(engine, store).GetFunction<int, int>("count");
        var threads = new HashSet<int>();

        for (var i = 1; i <= 20; i++)
        {
            var n = i;
            var (result, thread) = await Task.Run(() => (count.Call(n), Environment.CurrentManagedThreadId));
            Assert.Equal(n, result);
            threads.Add(thread);
        }
        Assert.Equal(5, count.Call(5));
    }

    [Fact]
    public void One_module_runs_on_many_threads_each_with_its_own_store()
    {
        var module = Wat.Load(engine, "control");
        var linker = ControlFixture.Linker(engine, tick: i => i * 2);
        var pre = linker.InstantiatePre(module);
        var failures = 0;

        Parallel.For(0, 16, new ParallelOptions { MaxDegreeOfParallelism = 8 }, worker =>
        {
            var store = new Store(engine);
            var instance = pre.Instantiate(store);
            var count = instance.GetFunction<int, int>("count");
            var sumTicks = instance.GetFunction<int, long>("sum_ticks");
            for (var i = 0; i < 200; i++)
            {
                var n = worker * 1000 + i;
                if (count.Call(n) != n) Interlocked.Increment(ref failures);
                if (sumTicks.Call(i) != (long)i * (i - 1)) Interlocked.Increment(ref failures);
            }
        });

        Assert.Equal(0, failures);
    }
}
