using System.Diagnostics;

namespace WasmBind.Wasi;

/// <summary>
/// The host's clocks: <see cref="DateTime.UtcNow"/> for real time, <see cref="Stopwatch"/> for monotonic time and
/// <see cref="Environment.CpuUsage"/> for process CPU time. Per-thread CPU time has no portable .NET source and is reported
/// as unsupported (<c>errno::inval</c>), as the witx allows.
/// </summary>
public sealed class SystemWasiClock : IWasiClock
{
    private const ulong NanosecondsPerTick = 100; // DateTime and TimeSpan ticks

    /// <summary>The shared instance (the clock has no state).</summary>
    public static SystemWasiClock Instance { get; } = new();

    /// <inheritdoc />
    public bool TryGetTime(WasiClockId clock, out ulong nanoseconds)
    {
        switch (clock)
        {
            case WasiClockId.Realtime:
                nanoseconds = (ulong)(DateTime.UtcNow - DateTime.UnixEpoch).Ticks * NanosecondsPerTick;
                return true;
            case WasiClockId.Monotonic:
                nanoseconds = StopwatchToNanoseconds(Stopwatch.GetTimestamp());
                return true;
            case WasiClockId.ProcessCpuTime:
                nanoseconds = (ulong)Environment.CpuUsage.TotalTime.Ticks * NanosecondsPerTick;
                return true;
            default:
                nanoseconds = 0;
                return false;
        }
    }

    /// <inheritdoc />
    public bool TryGetResolution(WasiClockId clock, out ulong nanoseconds)
    {
        nanoseconds = clock switch
        {
            WasiClockId.Realtime or WasiClockId.ProcessCpuTime => NanosecondsPerTick,
            WasiClockId.Monotonic => Math.Max(1UL, 1_000_000_000UL / (ulong)Stopwatch.Frequency),
            _ => 0,
        };
        return nanoseconds != 0;
    }

    /// <inheritdoc />
    public void Sleep(ulong nanoseconds)
    {
        // Thread.Sleep takes whole milliseconds; round up so a guest never wakes before its deadline.
        var milliseconds = (nanoseconds + 999_999) / 1_000_000;
        if (milliseconds > 0) Thread.Sleep(TimeSpan.FromMilliseconds(Math.Min(milliseconds, (ulong)int.MaxValue)));
    }

    private static ulong StopwatchToNanoseconds(long timestamp) =>
        (ulong)((UInt128)(ulong)timestamp * 1_000_000_000UL / (ulong)Stopwatch.Frequency);
}
