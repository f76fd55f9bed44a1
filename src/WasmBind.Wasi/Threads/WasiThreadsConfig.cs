namespace WasmBind.Wasi.Threads;

/// <summary>
/// The pool that runs the threads a wasi-threads program spawns: how many, when they start, how long an idle one
/// lives, where they run, and what a spawn does when the pool is full. Each <see cref="WasiThreadsProgram"/> has its own
/// pool made from this config.
/// </summary>
public sealed class WasiThreadsConfig
{
    /// <summary>The largest thread id a spawn can return: the proposal keeps the top three bits clear (ids in [1, 2^29)).</summary>
    public const int MaxThreadId = (1 << 29) - 1;

    /// <summary>
    /// The most spawned threads that run at once (the main thread not counted). Default 16. 0 refuses every spawn.
    /// </summary>
    public int MaxThreads { get; init; } = 16;

    /// <summary>
    /// Pool threads started when the program starts, and kept while it runs even when idle. Default 0: every pool
    /// thread starts lazily, on a spawn that finds no idle one. At most <see cref="MaxThreads"/>.
    /// </summary>
    public int EagerThreads { get; init; }

    /// <summary>How long a lazily started pool thread waits for another spawn before it ends. Default 10 seconds.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>What a spawn does when <see cref="MaxThreads"/> threads are running. Default <see cref="WasiThreadsFullPolicy.Fail"/>.</summary>
    public WasiThreadsFullPolicy WhenFull { get; init; } = WasiThreadsFullPolicy.Fail;

    /// <summary>With <see cref="WasiThreadsFullPolicy.Queue"/>: the most spawns that may wait for a free pool thread. Default 1024.</summary>
    public int MaxQueuedSpawns { get; init; } = 1024;

    /// <summary>
    /// Where the program's threads (the main thread and the pool's) run. Null (the default): each on a dedicated
    /// background OS thread, since guests block in <c>memory.atomic.wait</c> and in blocking WASI calls. Otherwise each
    /// runs as a long-running task on this scheduler; it must be able to run <see cref="MaxThreads"/> + 1 of them at
    /// once, or guests that wait for each other deadlock.
    /// </summary>
    public TaskScheduler? Scheduler { get; init; }

    /// <summary>
    /// Called for each thread's new <see cref="Store"/> before its instance is made, with the thread's virtual id (0
    /// for the main thread): set its fuel, epoch deadline, limits or data there. Fuel and limits are per store, so per
    /// thread. Runs on the spawning thread; an exception fails that spawn (the main thread's: <see cref="WasiThreadsProgram.Run"/>).
    /// </summary>
    public Action<Store, int>? ConfigureStore { get; init; }

    internal void Validate()
    {
        if (MaxThreads < 0) throw new ArgumentOutOfRangeException(nameof(MaxThreads), MaxThreads, "MaxThreads cannot be negative.");
        if (EagerThreads < 0 || EagerThreads > MaxThreads)
            throw new ArgumentOutOfRangeException(nameof(EagerThreads), EagerThreads, "EagerThreads must be between 0 and MaxThreads.");
        if (MaxQueuedSpawns < 0) throw new ArgumentOutOfRangeException(nameof(MaxQueuedSpawns), MaxQueuedSpawns, "MaxQueuedSpawns cannot be negative.");
        if (IdleTimeout < TimeSpan.Zero && IdleTimeout != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(IdleTimeout), IdleTimeout, "IdleTimeout must be positive or Timeout.InfiniteTimeSpan.");
    }
}
