namespace WasmBind;

/// <summary>Fuel, epoch deadlines and the async yield: how a store bounds and interleaves the code it runs.</summary>
public partial class Store
{
    internal enum EpochPolicy : byte { Trap, Callback, AsyncYield }

    // Hot-path state read by the interpreter's fuel and epoch instructions.
    internal long FuelRemaining;
    /// <summary>The fuel level below which the interpreter takes its slow path: 0, or the next async yield point.</summary>
    internal long FuelCheckpoint;
    /// <summary>The deadline the interpreter compares the engine's epoch with; lowered to force a check on cancellation.</summary>
    internal long EffectiveEpochDeadline = long.MaxValue;

    /// <summary>The waiter of this store's thread while it is parked in <c>memory.atomic.wait</c>, so interruption can wake it.</summary>
    internal Runtime.AtomicWaiter? ParkedWaiter;

    private long epochDeadline = long.MaxValue;
    private ulong? fuelAsyncYieldInterval;
    private int interruptRequested;

    internal EpochPolicy EpochDeadlinePolicy { get; private set; }
    internal Func<Store, EpochDeadlineAction>? EpochCallback { get; private set; }
    internal ulong EpochYieldDelta { get; private set; }

    /// <summary>
    /// The fuel left. Running code consumes it (see <see cref="EngineConfig.ConsumeFuel"/>) and traps with
    /// <see cref="TrapCode.OutOfFuel"/> when it runs out (a resumable call suspends instead). A new store has none.
    /// </summary>
    /// <exception cref="InvalidOperationException">The engine was not configured to consume fuel.</exception>
    public ulong Fuel
    {
        get
        {
            RequireFuel();
            return (ulong)Math.Max(FuelRemaining, 0);
        }
        set
        {
            RequireFuel();
            FuelRemaining = (long)Math.Min(value, long.MaxValue);
            ResetFuelCheckpoint();
        }
    }

    /// <summary>
    /// In async calls, yield to the scheduler every time this much fuel has been consumed (null: never). The yield
    /// awaits <see cref="AsyncYield"/>.
    /// </summary>
    public ulong? FuelAsyncYieldInterval
    {
        get => fuelAsyncYieldInterval;
        set
        {
            RequireFuel();
            if (value == 0) throw new ArgumentOutOfRangeException(nameof(value), "The interval must be positive.");
            fuelAsyncYieldInterval = value;
            ResetFuelCheckpoint();
        }
    }

    /// <summary>
    /// What an async call awaits when it yields (on an epoch deadline with
    /// <see cref="EpochDeadlineAsyncYieldAndUpdate"/>, or every <see cref="FuelAsyncYieldInterval"/>). It gets this
    /// store and the call's cancellation token. The default awaits <see cref="Task.Yield"/>, which queues the
    /// continuation behind the work already scheduled. Cancellation wins: when the token is cancelled the call stops
    /// waiting for the hook (which should stop too) and throws <see cref="OperationCanceledException"/>. A hook that
    /// throws fails the call with a <see cref="TrapException"/> (<see cref="TrapCode.HostError"/>, the hook's exception
    /// inside); either way the store stays usable.
    /// </summary>
    public Func<Store, CancellationToken, ValueTask>? AsyncYield { get; set; }

    /// <summary>
    /// Make every exception thrown by a host function suspend a resumable call (<see cref="Function.CallResumable"/>),
    /// as Wasmi's <c>call_resumable</c> does. Off by default: only a <see cref="SuspendCallException"/> suspends, and any
    /// other host exception is a trap, so a genuine host bug is not mistaken for a request to suspend.
    /// </summary>
    public bool AnyHostErrorSuspendsResumableCalls { get; set; }

    /// <summary>Sets the epoch deadline <paramref name="ticksBeyondCurrent"/> ticks after the engine's current epoch.</summary>
    public void SetEpochDeadline(ulong ticksBeyondCurrent)
    {
        epochDeadline = DeadlineAfter(Engine.CurrentEpoch, ticksBeyondCurrent);
        if (Volatile.Read(ref interruptRequested) == 0) Volatile.Write(ref EffectiveEpochDeadline, epochDeadline);
        // Publish the deadline before looking for a parked waiter (see RequestInterrupt).
        Interlocked.MemoryBarrier();
        Volatile.Read(ref ParkedWaiter)?.Nudge();
    }

    /// <summary>When the deadline passes, trap with <see cref="TrapCode.Interrupted"/> (the default).</summary>
    public void EpochDeadlineTrap()
    {
        EpochDeadlinePolicy = EpochPolicy.Trap;
        EpochCallback = null;
    }

    /// <summary>
    /// When the deadline passes, ask <paramref name="callback"/> whether to trap or continue with a new deadline. A
    /// callback that throws fails the call with a <see cref="TrapException"/> (<see cref="TrapCode.HostError"/>, its
    /// exception as <see cref="Exception.InnerException"/>), like a failing host function; the store stays usable.
    /// </summary>
    public void EpochDeadlineCallback(Func<Store, EpochDeadlineAction> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        EpochDeadlinePolicy = EpochPolicy.Callback;
        EpochCallback = callback;
    }

    /// <summary>
    /// When the deadline passes in an async call, yield (see <see cref="AsyncYield"/>) and continue with a deadline
    /// <paramref name="delta"/> ticks later. A synchronous call cannot yield: it just continues with the new deadline.
    /// </summary>
    public void EpochDeadlineAsyncYieldAndUpdate(ulong delta)
    {
        EpochDeadlinePolicy = EpochPolicy.AsyncYield;
        EpochYieldDelta = delta;
        EpochCallback = null;
    }

    internal void ExtendEpochDeadline(ulong delta) => SetEpochDeadline(delta);

    /// <summary>Makes the next epoch check fail, so a cancellation is noticed; safe from any thread.</summary>
    internal void RequestInterrupt()
    {
        Volatile.Write(ref interruptRequested, 1);
        // A full fence (not just release): the flag must be visible before ParkedWaiter is read, or a thread that is
        // just parking in memory.atomic.wait could miss both the flag and the nudge (it fences the other way round).
        Interlocked.Exchange(ref EffectiveEpochDeadline, long.MinValue);
        Volatile.Read(ref ParkedWaiter)?.Nudge();
    }

    internal bool InterruptRequested => Volatile.Read(ref interruptRequested) != 0;

    internal void ClearInterrupt()
    {
        Volatile.Write(ref interruptRequested, 0);
        Volatile.Write(ref EffectiveEpochDeadline, epochDeadline);
    }

    /// <summary>The fuel slow path found a yield point (not exhaustion): sets the next one.</summary>
    internal void ResetFuelCheckpoint() =>
        FuelCheckpoint = fuelAsyncYieldInterval is { } interval ? Math.Max(FuelRemaining - (long)Math.Min(interval, long.MaxValue), 0) : 0;

    private void RequireFuel()
    {
        if (!Engine.Config.ConsumeFuel)
            throw new InvalidOperationException("Fuel is not enabled: create the engine with EngineConfig.ConsumeFuel = true.");
    }

    private static long DeadlineAfter(long epoch, ulong ticks) =>
        ticks >= (ulong)(long.MaxValue - epoch) ? long.MaxValue : epoch + (long)ticks;
}
