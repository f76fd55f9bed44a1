using WasmBind.Runtime;

namespace WasmBind.Execution;

/// <summary>
/// The slow paths of fuel metering and epoch interruption. The interpreter charges fuel and compares the epoch inline;
/// only when fuel falls below the store's checkpoint or the epoch reaches its deadline does it come here, to trap,
/// suspend (a resumable call out of fuel, an async call at a yield point) or go on. Embedded by value in
/// <see cref="ExecutionStack"/>; the suspension and trap state it changes are passed in.
/// </summary>
internal readonly struct FuelAndEpochChecks(Store store, bool consumeFuel)
{
    /// <summary>Whether the engine meters fuel (<see cref="EngineConfig.ConsumeFuel"/>).</summary>
    public bool ConsumesFuel => consumeFuel;

    /// <summary>
    /// Fuel fell below the checkpoint after charging <paramref name="units"/>: either it ran out (undo the charge;
    /// suspend a resumable call, trap otherwise) or an async yield point was reached.
    /// </summary>
    public CheckOutcome OnFuelCheckpoint(long units, CallMode mode, WasmFunction function, int pc, ref SuspensionState suspension, ref TrapRecorder traps)
    {
        if (store.FuelRemaining < 0)
        {
            store.FuelRemaining += units;
            suspension.RequiredFuel = (ulong)units;
            return OutOfFuel(mode, function, pc, ref suspension, ref traps);
        }
        store.ResetFuelCheckpoint();
        if (mode != CallMode.Async) return CheckOutcome.Continue;
        suspension.Reason = SuspendReason.Yield;
        return CheckOutcome.SuspendAfter;
    }

    /// <summary>There is not enough fuel for the instruction at <paramref name="pc"/>: a resumable call suspends there, any other traps.</summary>
    public static CheckOutcome OutOfFuel(CallMode mode, WasmFunction function, int pc, ref SuspensionState suspension, ref TrapRecorder traps)
    {
        if (mode == CallMode.Resumable)
        {
            suspension.Reason = SuspendReason.OutOfFuel;
            return CheckOutcome.SuspendHere;
        }
        traps.Throw(TrapCode.OutOfFuel, function, pc);
        return CheckOutcome.Continue;
    }

    /// <summary>
    /// Charges the extra fuel of a bulk instruction (one unit per <paramref name="unitsPerFuel"/> of
    /// <paramref name="count"/>) before it runs; false, charging nothing, if there is not enough.
    /// </summary>
    public bool TryChargeBulk(ulong count, int unitsPerFuel, ref SuspensionState suspension)
    {
        if (!consumeFuel) return true;
        var cost = (long)(count / (ulong)unitsPerFuel) + (count % (ulong)unitsPerFuel == 0 ? 0 : 1);
        if (store.FuelRemaining < cost)
        {
            suspension.RequiredFuel = (ulong)cost;
            return false;
        }
        store.FuelRemaining -= cost;
        return true;
    }

    /// <summary>The engine's epoch reached the store's deadline, or a cancellation forced the check.</summary>
    public CheckOutcome OnEpochDeadline(CallMode mode, WasmFunction function, int pc, ref SuspensionState suspension, ref TrapRecorder traps)
    {
        if (store.InterruptRequested) traps.ThrowCancelled(function, pc, suspension.CancellationToken);
        switch (store.EpochDeadlinePolicy)
        {
            case Store.EpochPolicy.Callback:
                var action = CallEpochCallback(function, pc, ref traps);
                if (action.IsTrap) traps.Throw(TrapCode.Interrupted, function, pc);
                store.ExtendEpochDeadline(action.Delta);
                return CheckOutcome.Continue;
            case Store.EpochPolicy.AsyncYield:
                store.ExtendEpochDeadline(store.EpochYieldDelta);
                if (mode != CallMode.Async) return CheckOutcome.Continue;
                suspension.Reason = SuspendReason.Yield;
                return CheckOutcome.SuspendAfter;
            default:
                traps.Throw(TrapCode.Interrupted, function, pc);
                return CheckOutcome.Continue;
        }
    }

    /// <summary>Runs the store's epoch callback; its failure is a trap like a failing host function's.</summary>
    private EpochDeadlineAction CallEpochCallback(WasmFunction function, int pc, ref TrapRecorder traps)
    {
        Exception? failure = null;
        try
        {
            return store.EpochCallback!(store);
        }
        catch (Exception e) when (traps.IsHostCodeFailure(e, store))
        {
            failure = e;
        }
        traps.Mark(function, pc);
        throw new TrapException(TrapCode.HostError, $"the epoch deadline callback failed: {failure.Message}", failure);
    }
}
