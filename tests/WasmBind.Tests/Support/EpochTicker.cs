namespace WasmBind.Tests.Support;

/// <summary>
/// Advances an engine's epoch every millisecond from a dedicated thread until disposed. A thread-pool timer would do
/// the same, but tests that block pool threads run in parallel and can starve it.
/// </summary>
internal sealed class EpochTicker : IDisposable
{
    private readonly Thread thread;
    private volatile bool stopped;

    public EpochTicker(Engine engine)
    {
        thread = new Thread(() =>
        {
            while (!stopped)
            {
                engine.IncrementEpoch();
                Thread.Sleep(1);
            }
        })
        { IsBackground = true, Name = "epoch ticker" };
        thread.Start();
    }

    public void Dispose()
    {
        stopped = true;
        thread.Join();
    }
}
