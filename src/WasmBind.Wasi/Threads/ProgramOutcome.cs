namespace WasmBind.Wasi.Threads;

/// <summary>
/// How a program ended: the first of an exit (a <c>proc_exit</c> in any thread, or the main thread returning), a trap
/// in any thread, a host failure, or the embedder's cancellation. Later endings (threads stopped by the first) are ignored.
/// </summary>
internal sealed class ProgramOutcome
{
    private readonly TaskCompletionSource<int> ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource stop = new();

    /// <summary>Cancelled when the program ends: every thread's call runs under it, so running code and waits stop.</summary>
    public CancellationToken StopToken => stop.Token;

    public bool HasEnded => ended.Task.IsCompleted;

    public Task<int> Ended => ended.Task;

    public void Exit(int code) => End(() => ended.TrySetResult(code));

    public void Trap(int threadId, TrapException trap) => End(() => ended.TrySetException(new WasiThreadTrapException(threadId, trap)));

    public void Fail(Exception failure) => End(() => ended.TrySetException(failure));

    public void Cancel(CancellationToken token) => End(() => ended.TrySetCanceled(token));

    /// <summary>Waits for the ending: the exit code, or the trap, failure or cancellation rethrown.</summary>
    public int Wait() => ended.Task.GetAwaiter().GetResult();

    private void End(Func<bool> complete)
    {
        lock (stop)
        {
            if (ended.Task.IsCompleted || !complete()) return;
        }
        stop.Cancel();
    }
}
