using System.Collections.Concurrent;

namespace PluginHost;

/// <summary>
/// The host's side of <see cref="IHostServices"/> for one plugin: its log lines are kept apart from the other
/// plugins', and its lookups go to a shared, read-only key-value store with a simulated latency.
/// </summary>
internal sealed class HostServices(IReadOnlyDictionary<string, string> store, TimeProvider time) : IHostServices
{
    private readonly ConcurrentQueue<string> log = new();

    /// <summary>The lines this plugin logged, in order.</summary>
    public IReadOnlyCollection<string> LogLines => log;

    public void Log(string message) => log.Enqueue(message);

    public async ValueTask<string> LookupAsync(string key)
    {
        // A stand-in for a real store's round trip: the plugin's call is suspended meanwhile, and no thread waits.
        await Task.Delay(TimeSpan.FromMilliseconds(5), time).ConfigureAwait(false);
        return store.TryGetValue(key, out var value) ? value : "";
    }

    public long NowMilliseconds() => time.GetUtcNow().ToUnixTimeMilliseconds();
}
