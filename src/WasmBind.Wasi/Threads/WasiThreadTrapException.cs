namespace WasmBind.Wasi.Threads;

/// <summary>
/// A thread of a wasi-threads program trapped, which ended every thread of the program. It names the thread by its
/// virtual id and carries the trap (with its wasm backtrace) as <see cref="Trap"/>.
/// </summary>
public sealed class WasiThreadTrapException : WasmException
{
    /// <summary>Creates the exception for <paramref name="trap"/> in thread <paramref name="threadId"/>.</summary>
    public WasiThreadTrapException(int threadId, TrapException trap)
        : base($"wasi thread {threadId}{(threadId == WasiThreadsProgram.MainThreadId ? " (main)" : "")} trapped: {trap?.Message}", trap)
    {
        ArgumentNullException.ThrowIfNull(trap);
        ThreadId = threadId;
        Trap = trap;
    }

    /// <summary>The virtual id of the thread that trapped: the id its spawn returned, or 0 for the main thread.</summary>
    public int ThreadId { get; }

    /// <summary>The trap, with its code and its wasm backtrace (innermost frame first).</summary>
    public TrapException Trap { get; }

    /// <summary>The trap's wasm backtrace, innermost frame first.</summary>
    public IReadOnlyList<WasmFrame> Backtrace => Trap.Backtrace;
}
