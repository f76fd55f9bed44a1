using WasmBind;

namespace PluginHost;

/// <summary>
/// Advances the engine's epoch every <c>tick</c> on a thread of its own. Not a <see cref="Timer"/>: timer callbacks
/// run on the thread pool, which is busy running the very plugins the deadline must stop, so ticks would come late.
/// </summary>
internal sealed class EpochTicker : IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Thread thread;

    public EpochTicker(Engine engine, TimeSpan tick)
    {
        thread = new Thread(() =>
        {
            while (!stop.Token.WaitHandle.WaitOne(tick)) engine.IncrementEpoch();
        })
        {
            IsBackground = true,
            Name = "epoch ticker",
        };
        thread.Start();
    }

    public void Dispose()
    {
        stop.Cancel();
        thread.Join();
        stop.Dispose();
    }
}
