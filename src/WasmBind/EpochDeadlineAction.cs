namespace WasmBind;

/// <summary>What a store does when its epoch deadline passes, as decided by an epoch-deadline callback.</summary>
public readonly struct EpochDeadlineAction
{
    private EpochDeadlineAction(bool trap, ulong delta)
    {
        IsTrap = trap;
        Delta = delta;
    }

    /// <summary>True to trap with <see cref="TrapCode.Interrupted"/>.</summary>
    public bool IsTrap { get; }

    /// <summary>For a continue action: how many epoch ticks beyond the current epoch the new deadline lies.</summary>
    public ulong Delta { get; }

    /// <summary>Keep running, with a new deadline <paramref name="delta"/> ticks beyond the current epoch.</summary>
    public static EpochDeadlineAction Continue(ulong delta) => new(false, delta);

    /// <summary>Trap with <see cref="TrapCode.Interrupted"/>.</summary>
    public static EpochDeadlineAction Trap() => new(true, 0);
}
