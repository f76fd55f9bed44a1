using WasmBind.Runtime;

namespace WasmBind;

/// <summary>
/// Global configuration and shared state for compiling and running modules. Thread-safe: create one and share it.
/// </summary>
public sealed partial class Engine
{
    /// <summary>Creates an engine with the given configuration, or the defaults.</summary>
    public Engine(EngineConfig? config = null)
    {
        Config = config ?? new EngineConfig();
        Config.Validate();
    }

    /// <summary>The configuration this engine was created with.</summary>
    public EngineConfig Config { get; }

    private long epoch;

    /// <summary>The current epoch: how many times <see cref="IncrementEpoch"/> has been called.</summary>
    public long CurrentEpoch => Volatile.Read(ref epoch);

    /// <summary>
    /// Advances the epoch by one. Thread-safe and cheap: call it from a timer thread to interrupt code running in
    /// stores whose deadline has passed (requires <see cref="EngineConfig.EpochInterruption"/>).
    /// </summary>
    public void IncrementEpoch()
    {
        Interlocked.Increment(ref epoch);
        // Threads parked in memory.atomic.wait re-check their store's deadline.
        if (Volatile.Read(ref parkedWaiterCount) != 0) NudgeParkedWaiters();
    }

    internal ref long EpochCounter => ref epoch;

    /// <summary>Assigns every distinct function type a small integer so <c>call_indirect</c> checks are one comparison.</summary>
    internal TypeRegistry Types { get; } = new();
}
