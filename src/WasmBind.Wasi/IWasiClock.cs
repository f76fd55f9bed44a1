namespace WasmBind.Wasi;

/// <summary>
/// Where a WASI guest's time comes from: <c>clock_time_get</c>, <c>clock_res_get</c> and the waits of <c>poll_oneoff</c>.
/// Replace it (<see cref="WasiConfig.WithClock"/>) to make a guest's view of time deterministic, e.g. with
/// <see cref="ManualWasiClock"/>.
/// </summary>
public interface IWasiClock
{
    /// <summary>The current time of <paramref name="clock"/> in nanoseconds.</summary>
    /// <returns>False when this clock is not supported; the guest then gets <c>errno::inval</c>.</returns>
    bool TryGetTime(WasiClockId clock, out ulong nanoseconds);

    /// <summary>The resolution of <paramref name="clock"/> in nanoseconds; must be non-zero for a supported clock.</summary>
    /// <returns>False when this clock is not supported.</returns>
    bool TryGetResolution(WasiClockId clock, out ulong nanoseconds);

    /// <summary>
    /// Blocks for <paramref name="nanoseconds"/>, as measured by <see cref="WasiClockId.Monotonic"/>. A deterministic clock
    /// advances itself instead of blocking.
    /// </summary>
    void Sleep(ulong nanoseconds);
}
