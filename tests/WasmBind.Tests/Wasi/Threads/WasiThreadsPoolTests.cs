using WasmBind.Wasi.Threads;
using Xunit;

namespace WasmBind.Tests.Wasi.Threads;

/// <summary>The pool: virtual thread ids, its bound under each full policy, eager and lazy starts, the idle time-out, one pool per program.</summary>
public sealed class WasiThreadsPoolTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Thread_ids_are_virtual_from_1_in_spawn_order_and_each_thread_is_given_its_own()
    {
        var engine = ThreadGuests.NewEngine();
        var program = ThreadGuests.Create(engine, ThreadGuests.TenSpawnsBehindAGate);

        Assert.Equal(0, await ThreadGuests.RunInBackground(program).WaitAsync(Patience));

        for (var i = 0; i < 10; i++)
        {
            // 1, 2, ..., 10: numbered by the program, never an OS or managed thread id (those are neither dense nor from 1).
            Assert.Equal(i + 1, ThreadGuests.Read(program, 100 + 4 * i, engine));
            Assert.Equal(i + 1, ThreadGuests.Read(program, 300 + 4 * i, engine));
        }
        Assert.Equal(10, program.ThreadsSpawned);
    }

    [Fact]
    public async Task A_pool_of_2_failing_when_full_gives_2_of_10_spawns_an_id_and_the_other_8_the_negative_error()
    {
        var engine = ThreadGuests.NewEngine();
        var program = ThreadGuests.Create(engine, ThreadGuests.TenSpawnsBehindAGate,
            new WasiThreadsConfig { MaxThreads = 2, WhenFull = WasiThreadsFullPolicy.Fail });

        Assert.Equal(0, await ThreadGuests.RunInBackground(program).WaitAsync(Patience));

        Assert.Equal([1, 2, -6, -6, -6, -6, -6, -6, -6, -6], Enumerable.Range(0, 10).Select(i => ThreadGuests.Read(program, 100 + 4 * i, engine)));
        Assert.Equal(2, program.ThreadsSpawned);
        Assert.Equal(8, program.SpawnsRefused);
        Assert.Equal(2, program.ThreadsStarted);
        Assert.Equal(2, program.PoolThreadsStarted);
    }

    [Fact]
    public async Task A_pool_of_2_queueing_when_full_runs_all_10_spawns_at_most_2_at_a_time_on_2_pool_threads()
    {
        var engine = ThreadGuests.NewEngine();
        var program = ThreadGuests.Create(engine, ThreadGuests.TenSpawnsBehindAGate,
            new WasiThreadsConfig { MaxThreads = 2, WhenFull = WasiThreadsFullPolicy.Queue });

        Assert.Equal(0, await ThreadGuests.RunInBackground(program).WaitAsync(Patience));

        Assert.Equal(Enumerable.Range(1, 10), Enumerable.Range(0, 10).Select(i => ThreadGuests.Read(program, 100 + 4 * i, engine)));
        Assert.Equal(Enumerable.Range(1, 10), Enumerable.Range(0, 10).Select(i => ThreadGuests.Read(program, 300 + 4 * i, engine)));
        Assert.Equal(10, program.ThreadsStarted);
        // Never more than 2 at once; fewer when a pool thread starts so late that the other already ran them all.
        Assert.InRange(program.PeakRunningThreads, 1, 2);
        Assert.Equal(2, program.PoolThreadsStarted);
    }

    [Fact]
    public async Task A_queue_that_is_full_too_refuses_the_spawn()
    {
        var engine = ThreadGuests.NewEngine();
        var program = ThreadGuests.Create(engine, ThreadGuests.TenSpawnsBehindAGate,
            new WasiThreadsConfig { MaxThreads = 2, WhenFull = WasiThreadsFullPolicy.Queue, MaxQueuedSpawns = 3 });

        Assert.Equal(0, await ThreadGuests.RunInBackground(program).WaitAsync(Patience));

        Assert.Equal([1, 2, 3, 4, 5, -6, -6, -6, -6, -6], Enumerable.Range(0, 10).Select(i => ThreadGuests.Read(program, 100 + 4 * i, engine)));
        Assert.Equal(5, program.ThreadsStarted);
    }

    [Fact]
    public async Task Many_programs_in_one_process_each_have_their_own_pool_ids_and_memory()
    {
        var engine = ThreadGuests.NewEngine();
        var module = Module.FromText(engine, ThreadGuests.TenSpawnsBehindAGate);
        var programs = Enumerable.Range(0, 4).Select(_ => WasiThreadsProgram.Create(module, new WasmBind.Wasi.WasiConfig(),
            new WasiThreadsConfig { MaxThreads = 2, WhenFull = WasiThreadsFullPolicy.Queue })).ToArray();

        var exits = await Task.WhenAll(programs.Select(p => ThreadGuests.RunInBackground(p))).WaitAsync(Patience);

        Assert.All(exits, exit => Assert.Equal(0, exit));
        foreach (var program in programs)
        {
            Assert.Equal(Enumerable.Range(1, 10), Enumerable.Range(0, 10).Select(i => ThreadGuests.Read(program, 100 + 4 * i, engine)));
            Assert.True(program.PeakRunningThreads <= 2);
            Assert.Equal(2, program.PoolThreadsStarted);
        }
        Assert.Equal(4, programs.Select(p => p.SharedMemories[0]).Distinct().Count());
    }

    [Fact]
    public async Task An_idle_pool_thread_is_reused_within_its_idle_time_out()
    {
        var engine = ThreadGuests.NewEngine();
        var program = ThreadGuests.Create(engine, ThreadGuests.TwoSpawnsApart, new WasiThreadsConfig { IdleTimeout = TimeSpan.FromSeconds(30) });

        Assert.Equal(0, await ThreadGuests.RunInBackground(program).WaitAsync(Patience));

        Assert.Equal(2, program.ThreadsStarted);
        Assert.Equal(1, program.PoolThreadsStarted);
    }

    [Fact]
    public async Task An_idle_pool_thread_ends_after_its_idle_time_out_and_the_next_spawn_starts_another()
    {
        var engine = ThreadGuests.NewEngine();
        // The guest pauses 500 ms between its spawns: far beyond a 10 ms time-out.
        var program = ThreadGuests.Create(engine, ThreadGuests.TwoSpawnsApart, new WasiThreadsConfig { IdleTimeout = TimeSpan.FromMilliseconds(10) });

        Assert.Equal(0, await ThreadGuests.RunInBackground(program).WaitAsync(Patience));

        Assert.Equal(2, program.ThreadsStarted);
        Assert.Equal(2, program.PoolThreadsStarted);
    }

    [Fact]
    public async Task Eager_pool_threads_start_with_the_program_and_outlive_the_idle_time_out()
    {
        var engine = ThreadGuests.NewEngine();
        var program = ThreadGuests.Create(engine, ThreadGuests.TwoSpawnsApart,
            new WasiThreadsConfig { MaxThreads = 3, EagerThreads = 2, IdleTimeout = TimeSpan.FromMilliseconds(10) });

        Assert.Equal(0, await ThreadGuests.RunInBackground(program).WaitAsync(Patience));

        Assert.Equal(2, program.ThreadsStarted);
        Assert.Equal(2, program.PoolThreadsStarted);
    }

    [Fact]
    public async Task An_embedder_scheduler_runs_the_threads()
    {
        var engine = ThreadGuests.NewEngine();
        var scheduler = new CountingScheduler();
        var program = ThreadGuests.Create(engine, ThreadGuests.TenSpawnsBehindAGate,
            new WasiThreadsConfig { MaxThreads = 2, WhenFull = WasiThreadsFullPolicy.Queue, Scheduler = scheduler });

        Assert.Equal(0, await ThreadGuests.RunInBackground(program).WaitAsync(Patience));

        Assert.Equal(10, program.ThreadsStarted);
        Assert.Equal(3, scheduler.Queued); // the main thread and two pool threads
    }

    [Fact]
    public void A_failed_spawn_is_a_negative_result_for_the_guest_not_an_exception_in_the_host()
    {
        var engine = ThreadGuests.NewEngine();
        var program = ThreadGuests.Create(engine, ThreadGuests.SpawnOnce, new WasiThreadsConfig
        {
            ConfigureStore = (_, id) =>
            {
                if (id != WasiThreadsProgram.MainThreadId) throw new InvalidOperationException("no store for you");
            },
        });

        Assert.Equal(0, program.Run());

        Assert.Equal(WasiThreadsProgram.SpawnFailed, ThreadGuests.Read(program, 100, engine));
        Assert.Equal(1, program.SpawnsRefused);
    }

    [Fact]
    public void A_pool_of_0_refuses_every_spawn()
    {
        var engine = ThreadGuests.NewEngine();
        var program = ThreadGuests.Create(engine, ThreadGuests.SpawnOnce, new WasiThreadsConfig { MaxThreads = 0 });

        Assert.Equal(0, program.Run());

        Assert.Equal(-6, ThreadGuests.Read(program, 100, engine));
    }

    [Fact]
    public void A_program_needs_epoch_interruption_and_an_imported_shared_memory()
    {
        var noEpochs = new Engine();
        Assert.Throws<ArgumentException>(() => WasiThreadsProgram.Create(Module.FromText(noEpochs, ThreadGuests.SpawnOnce), new WasmBind.Wasi.WasiConfig()));
        var engine = ThreadGuests.NewEngine();
        var ownMemory = Module.FromText(engine, """
            (module (func (import "wasi" "thread-spawn") (param i32) (result i32)) (memory 1 1 shared) (func (export "_start")))
            """);
        Assert.Throws<ArgumentException>(() => WasiThreadsProgram.Create(ownMemory, new WasmBind.Wasi.WasiConfig()));
        Assert.Throws<ArgumentOutOfRangeException>(() => ThreadGuests.Create(engine, ThreadGuests.SpawnOnce, new WasiThreadsConfig { MaxThreads = 1, EagerThreads = 2 }));
    }

    /// <summary>Runs each task on a thread of its own and counts them.</summary>
    private sealed class CountingScheduler : TaskScheduler
    {
        private int queued;

        public int Queued => Volatile.Read(ref queued);

        protected override void QueueTask(Task task)
        {
            Interlocked.Increment(ref queued);
            new Thread(() => TryExecuteTask(task)) { IsBackground = true }.Start();
        }

        protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

        protected override IEnumerable<Task> GetScheduledTasks() => [];
    }
}
