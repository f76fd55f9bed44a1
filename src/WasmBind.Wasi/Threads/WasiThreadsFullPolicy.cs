namespace WasmBind.Wasi.Threads;

/// <summary>What <c>wasi.thread-spawn</c> does when every thread of the pool is busy.</summary>
public enum WasiThreadsFullPolicy
{
    /// <summary>
    /// Refuse the spawn: the guest gets a negative error (<c>-6</c>, WASI's <c>errno::again</c>), as the wasi-threads
    /// proposal specifies for a host that cannot spawn. wasi-libc's <c>pthread_create</c> then returns <c>EAGAIN</c>.
    /// </summary>
    Fail,

    /// <summary>
    /// Accept the spawn (the guest gets its thread id at once) and start the thread when a pool thread becomes free,
    /// up to <see cref="WasiThreadsConfig.MaxQueuedSpawns"/> waiting spawns; past that the spawn is refused as with
    /// <see cref="Fail"/>. A guest that waits for a queued thread while every pool thread waits for it deadlocks:
    /// bound it with an epoch deadline or cancellation.
    /// </summary>
    Queue,
}
