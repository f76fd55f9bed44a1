using System.Diagnostics;
using WasmBind.Runtime;

namespace WasmBind.Execution;

/// <summary><c>memory.atomic.wait32/64</c>: parking the store's thread until notified, timed out or interrupted.</summary>
internal sealed unsafe partial class ExecutionStack
{
    private const ulong WaitOk = 0, WaitNotEqual = 1, WaitTimedOut = 2;

    /// <summary>
    /// Waits on <paramref name="address"/> of a shared block while it holds <paramref name="expected"/>. Returns 0 when
    /// notified, 1 when the value differed, 2 when <paramref name="timeoutNanoseconds"/> (negative: none) passed.
    /// </summary>
    /// <remarks>
    /// Interruption ends the wait the way it ends running code: a cancelled async call, or the store's epoch deadline
    /// (with <see cref="EngineConfig.EpochInterruption"/>), runs the store's epoch policy: trap, cancel, or (callback,
    /// async yield) continue waiting with the new deadline. The thread is not polled: cancellation, a new deadline and
    /// each epoch tick nudge the parked waiter to re-check. In a yielding fuel configuration (fuel consumed and
    /// <see cref="Store.FuelAsyncYieldInterval"/> set) waiting is charged too, see <see cref="ChargeWaitFuel"/>.
    /// </remarks>
    private ulong Wait(LinearMemoryBlock block, ulong address, bool wide, ulong expected, long timeoutNanoseconds, WasmFunction function, int pc)
    {
        var queues = block.WaitQueues;
        var waiter = queues.EnqueueIfEqual(address, block.Base + address, wide, expected);
        if (waiter is null) return WaitNotEqual;

        var deadline = timeoutNanoseconds < 0 ? long.MaxValue : Stopwatch.GetTimestamp() + NanosecondsToTicks(timeoutNanoseconds);
        var engine = store.Engine;
        var watchEpoch = engine.Config.EpochInterruption;
        ref var epoch = ref engine.EpochCounter;
        // Register before the first check, with a full fence between: an interrupter sets its flag, fences, then looks
        // for the waiter; we publish the waiter, fence, then check the flag. One of the two always sees the other.
        Volatile.Write(ref store.ParkedWaiter, waiter);
        if (watchEpoch) engine.AddParkedWaiter(waiter);
        Interlocked.MemoryBarrier();
        var stoppedWithoutNotify = false;
        var fuelPerMillisecond = checks.ConsumesFuel && store.FuelAsyncYieldInterval is { } interval ? (long)Math.Min(interval, long.MaxValue) : 0;
        var charged = Stopwatch.GetTimestamp();
        try
        {
            while (!waiter.IsNotified)
            {
                if (store.InterruptRequested || (watchEpoch && Volatile.Read(ref epoch) >= Volatile.Read(ref store.EffectiveEpochDeadline)))
                {
                    // Throws (trap or cancellation), or moves the deadline on: the wait goes on. Sync mode, because a
                    // thread in the middle of a wait cannot suspend; an async-yield policy just extends the deadline.
                    OnEpochDeadline(CallMode.Sync, function, pc);
                }
                if (fuelPerMillisecond > 0) ChargeWaitFuel(fuelPerMillisecond, ref charged, trapWhenEmpty: true, function, pc);
                var remaining = deadline == long.MaxValue ? long.MaxValue : deadline - Stopwatch.GetTimestamp();
                if (remaining <= 0) break;
                if (fuelPerMillisecond > 0) remaining = Math.Min(remaining, MillisecondsToTicks(store.FuelRemaining / fuelPerMillisecond + 1));
                waiter.Park(TicksToMilliseconds(remaining));
            }
            // The time up to the wake-up is charged too, but cannot undo it: a notify has counted this waiter as woken.
            if (fuelPerMillisecond > 0) ChargeWaitFuel(fuelPerMillisecond, ref charged, trapWhenEmpty: false, function, pc);
        }
        finally
        {
            Volatile.Write(ref store.ParkedWaiter, null);
            if (watchEpoch) engine.RemoveParkedWaiter(waiter);
            // Not in the queue any more means a notify took it: that wake-up counts, even if we also timed out.
            stoppedWithoutNotify = queues.TryRemove(waiter);
        }
        return stoppedWithoutNotify ? WaitTimedOut : WaitOk;
    }

    /// <summary>
    /// Charges the time parked since <paramref name="charged"/>: one <see cref="Store.FuelAsyncYieldInterval"/> of fuel
    /// per millisecond, and (if <paramref name="trapWhenEmpty"/>) traps with <see cref="TrapCode.OutOfFuel"/> once the
    /// fuel is gone.
    /// </summary>
    /// <remarks>
    /// A waiting guest executes nothing, so without this an embedder that bounds a guest by fuel (and regains control
    /// at each yield) would lose it to a guest waiting forever. The rate treats each millisecond parked as one slice
    /// of work between two yields; the charge depends on wall-clock time, so unlike instruction fuel it is not
    /// deterministic.
    /// </remarks>
    private void ChargeWaitFuel(long fuelPerMillisecond, ref long charged, bool trapWhenEmpty, WasmFunction function, int pc)
    {
        var now = Stopwatch.GetTimestamp();
        var milliseconds = (now - charged) * 1000 / Stopwatch.Frequency;
        if (milliseconds > 0)
        {
            charged += milliseconds * Stopwatch.Frequency / 1000;
            var cost = milliseconds > long.MaxValue / fuelPerMillisecond ? long.MaxValue : milliseconds * fuelPerMillisecond;
            store.FuelRemaining = store.FuelRemaining > cost ? store.FuelRemaining - cost : 0;
            store.ResetFuelCheckpoint();
        }
        if (trapWhenEmpty && store.FuelRemaining <= 0) ThrowTrap(TrapCode.OutOfFuel, function, pc);
    }

    private static long MillisecondsToTicks(long milliseconds) =>
        milliseconds > long.MaxValue / 2 / Stopwatch.Frequency ? long.MaxValue / 2 : milliseconds * Stopwatch.Frequency / 1000;

    private static long NanosecondsToTicks(long nanoseconds) =>
        (long)Math.Min(nanoseconds * (Stopwatch.Frequency / 1e9), long.MaxValue / 2.0);

    /// <summary>Milliseconds to park, rounded up so the wait never ends before its time-out; -1 for no time-out.</summary>
    private static int TicksToMilliseconds(long ticks) =>
        ticks == long.MaxValue ? Timeout.Infinite : (int)Math.Min(Math.Ceiling(ticks * 1000.0 / Stopwatch.Frequency), int.MaxValue - 1);
}
