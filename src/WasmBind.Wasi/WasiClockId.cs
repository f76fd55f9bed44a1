namespace WasmBind.Wasi;

/// <summary>The clocks a WASI guest can ask for (<c>clockid</c>), numbered as in wasi_snapshot_preview1.</summary>
public enum WasiClockId
{
    /// <summary>Wall-clock time: nanoseconds since 1970-01-01T00:00:00Z.</summary>
    Realtime = 0,

    /// <summary>A clock that never goes back; its zero point is arbitrary.</summary>
    Monotonic = 1,

    /// <summary>CPU time used by the process.</summary>
    ProcessCpuTime = 2,

    /// <summary>CPU time used by the calling thread.</summary>
    ThreadCpuTime = 3,
}
