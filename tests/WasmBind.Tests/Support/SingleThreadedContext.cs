using System.Collections.Concurrent;

namespace WasmBind.Tests.Support;

/// <summary>
/// A synchronization context that runs everything posted to it on one dedicated thread. Async code that completes
/// under it provably never blocked a thread: with one thread, a blocking wait would deadlock instead.
/// </summary>
internal sealed class SingleThreadedContext : SynchronizationContext
{
    private readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> queue = new();

    public int ThreadId { get; private set; }

    /// <summary>How many continuations were posted to the context.</summary>
    public int Posts;

    public override void Post(SendOrPostCallback d, object? state)
    {
        Interlocked.Increment(ref Posts);
        queue.Add((d, state));
    }

    public override void Send(SendOrPostCallback d, object? state) => throw new NotSupportedException("Send would block the only thread.");

    /// <summary>Runs <paramref name="body"/> on the context's thread until it completes, or fails after <paramref name="timeout"/>.</summary>
    public static T Run<T>(Func<SingleThreadedContext, Task<T>> body, TimeSpan timeout)
    {
        var context = new SingleThreadedContext();
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            context.ThreadId = Environment.CurrentManagedThreadId;
            SetSynchronizationContext(context);
            var task = body(context);
            task.ContinueWith(_ => context.queue.CompleteAdding(), TaskScheduler.Default);
            foreach (var (callback, state) in context.queue.GetConsumingEnumerable()) callback(state);
            try
            {
                result = task.GetAwaiter().GetResult();
            }
            catch (Exception e)
            {
                failure = e;
            }
        })
        { IsBackground = true };
        thread.Start();
        if (!thread.Join(timeout)) throw new TimeoutException("The single-threaded context did not finish: something blocked its only thread.");
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        return result;
    }
}
