using WasmBind.Wasi.Threads;
using Xunit;

namespace WasmBind.Tests.Wasi.Threads;

/// <summary>
/// How a program ends: a trap in any thread (reported with its virtual id and backtrace), an epoch deadline, the
/// embedder's cancellation, or fuel running out while threads are blocked in <c>memory.atomic.wait</c>; every thread
/// stops and the host can run the next program.
/// </summary>
public sealed class WasiThreadsEndingTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_trap_in_a_spawned_thread_ends_the_program_with_its_id_and_backtrace_and_the_host_runs_the_next_program()
    {
        var engine = ThreadGuests.NewEngine();
        var program = ThreadGuests.Create(engine, ThreadGuests.ThreadTraps);

        var failure = await Assert.ThrowsAsync<WasiThreadTrapException>(() => ThreadGuests.RunInBackground(program).WaitAsync(Patience));

        Assert.Equal(1, failure.ThreadId);
        Assert.Equal(TrapCode.Unreachable, failure.Trap.Code);
        Assert.Equal("fail", failure.Backtrace[0].FunctionName);
        Assert.Equal("wasi_thread_start", failure.Backtrace[1].FunctionName);
        await program.AllThreadsStopped.WaitAsync(Patience); // the main thread's wait was ended too
        Assert.Equal(0, program.SharedMemories[0].CountWaiters(8));

        var next = ThreadGuests.Create(engine, ThreadGuests.TenSpawnsBehindAGate);
        Assert.Equal(0, await ThreadGuests.RunInBackground(next).WaitAsync(Patience));
    }

    [Fact]
    public async Task An_epoch_deadline_stops_threads_blocked_in_wait()
    {
        var engine = ThreadGuests.NewEngine();
        var program = ThreadGuests.Create(engine, ThreadGuests.BothWaitForever,
            new WasiThreadsConfig { ConfigureStore = (store, _) => store.SetEpochDeadline(1) });
        var run = ThreadGuests.RunInBackground(program);
        Assert.True(SpinWait.SpinUntil(() => program.SharedMemories[0].CountWaiters(8) == 2, Patience));

        engine.IncrementEpoch();

        var failure = await Assert.ThrowsAsync<WasiThreadTrapException>(() => run.WaitAsync(Patience));
        Assert.Equal(TrapCode.Interrupted, failure.Trap.Code);
        Assert.Contains(failure.ThreadId, new[] { WasiThreadsProgram.MainThreadId, 1 });
        await program.AllThreadsStopped.WaitAsync(Patience);
        Assert.Equal(0, program.SharedMemories[0].CountWaiters(8));
    }

    [Fact]
    public async Task Cancellation_stops_threads_blocked_in_wait()
    {
        var engine = ThreadGuests.NewEngine();
        var program = ThreadGuests.Create(engine, ThreadGuests.BothWaitForever);
        using var cancellation = new CancellationTokenSource();
        var run = ThreadGuests.RunInBackground(program, cancellation.Token);
        Assert.True(SpinWait.SpinUntil(() => program.SharedMemories[0].CountWaiters(8) == 2, Patience));

        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(Patience));
        await program.AllThreadsStopped.WaitAsync(Patience);
        Assert.Equal(0, program.SharedMemories[0].CountWaiters(8));
    }

    [Fact]
    public async Task Running_out_of_fuel_in_a_yielding_configuration_stops_threads_blocked_in_wait()
    {
        var engine = ThreadGuests.NewEngine(fuel: true);
        var program = ThreadGuests.Create(engine, ThreadGuests.BothWaitForever, new WasiThreadsConfig
        {
            ConfigureStore = (store, _) =>
            {
                store.Fuel = 2_000_000;
                store.FuelAsyncYieldInterval = 10_000; // waiting costs 10,000 a millisecond: ~200 ms
            },
        });

        var failure = await Assert.ThrowsAsync<WasiThreadTrapException>(() => ThreadGuests.RunInBackground(program).WaitAsync(Patience));

        Assert.Equal(TrapCode.OutOfFuel, failure.Trap.Code);
        await program.AllThreadsStopped.WaitAsync(Patience);
        Assert.Equal(0, program.SharedMemories[0].CountWaiters(8));
    }

    [Fact]
    public void A_program_runs_once()
    {
        var engine = ThreadGuests.NewEngine();
        var program = ThreadGuests.Create(engine, ThreadGuests.SpawnOnce);
        Assert.Equal(0, program.Run());
        Assert.Throws<InvalidOperationException>(() => program.Run());
    }
}
