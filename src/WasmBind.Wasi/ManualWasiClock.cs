namespace WasmBind.Wasi;

/// <summary>
/// A clock that moves only when told to, for deterministic tests: every clock reads the same <see cref="Now"/>,
/// and a guest's sleep (<c>poll_oneoff</c> with a clock subscription) advances it instead of blocking.
/// </summary>
public sealed class ManualWasiClock : IWasiClock
{
    /// <summary>Creates a clock reading <paramref name="start"/> nanoseconds (for real time: since the Unix epoch).</summary>
    public ManualWasiClock(ulong start = 0) => Now = start;

    /// <summary>The time every clock reports, in nanoseconds.</summary>
    public ulong Now { get; set; }

    /// <summary>The resolution reported for every clock, in nanoseconds. Default 1.</summary>
    public ulong Resolution { get; set; } = 1;

    /// <summary>Moves the clock forward.</summary>
    public void Advance(ulong nanoseconds) => Now += nanoseconds;

    /// <inheritdoc />
    public bool TryGetTime(WasiClockId clock, out ulong nanoseconds)
    {
        nanoseconds = Now;
        return true;
    }

    /// <inheritdoc />
    public bool TryGetResolution(WasiClockId clock, out ulong nanoseconds)
    {
        nanoseconds = Math.Max(1, Resolution);
        return true;
    }

    /// <inheritdoc />
    public void Sleep(ulong nanoseconds) => Advance(nanoseconds);
}
