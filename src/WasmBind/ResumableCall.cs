using WasmBind.Execution;
using WasmBind.Runtime;

namespace WasmBind;

/// <summary>Why a resumable call suspended.</summary>
public enum ResumableCallReason
{
    /// <summary>
    /// A host function asked to suspend by throwing a <see cref="SuspendCallException"/> (or, with
    /// <see cref="Store.AnyHostErrorSuspendsResumableCalls"/>, threw anything); resume with the results it should have returned.
    /// </summary>
    HostError,
    /// <summary>
    /// The store ran out of fuel; add at least <see cref="ResumableCall.RequiredFuel"/> (<see cref="Store.Fuel"/>) and
    /// resume with no values.
    /// </summary>
    OutOfFuel,
}

/// <summary>
/// A WebAssembly call suspended by <see cref="Function.CallResumable"/>. Its frames stay in the store until the call is
/// resumed to completion, <see cref="Abandon">abandoned</see> (or disposed), or superseded: starting another call that
/// can suspend (<see cref="Function.CallResumable"/>, <see cref="Function.CallAsync"/>) in the store abandons it, so a
/// suspended call that is simply dropped never blocks its store. Synchronous calls may use the store meanwhile.
/// </summary>
public sealed class ResumableCall : IDisposable
{
    private readonly WasmFunction entry;

    internal ResumableCall(WasmFunction entry)
    {
        this.entry = entry;
        var stack = entry.Store.Stack;
        Reason = stack.SuspendedReason == SuspendReason.OutOfFuel ? ResumableCallReason.OutOfFuel : ResumableCallReason.HostError;
        HostFunction = stack.SuspendedHost;
        HostError = stack.SuspendedHostError;
        RequiredFuel = stack.SuspendedRequiredFuel;
        stack.AttachResumable(this);
    }

    /// <summary>Why the call suspended.</summary>
    public ResumableCallReason Reason { get; }

    /// <summary>The host function that suspended it (for <see cref="ResumableCallReason.HostError"/>).</summary>
    public Function? HostFunction { get; }

    /// <summary>What the host function threw: the value it passed to its embedder.</summary>
    public Exception? HostError { get; }

    /// <summary>
    /// For <see cref="ResumableCallReason.OutOfFuel"/>: the fuel the instruction the call stopped at costs; with at
    /// least this much in <see cref="Store.Fuel"/> the call makes progress when resumed (as Wasmi's <c>required_fuel</c>).
    /// A bulk memory or table operation is charged in full before it starts, so this can be large. Zero otherwise.
    /// </summary>
    public ulong RequiredFuel { get; }

    /// <summary>True until the call is resumed, abandoned, or superseded by another suspendable call in its store.</summary>
    public bool IsSuspended => entry.Store.Stack.IsSuspended(this);

    /// <summary>
    /// Continues the call. For a host error, <paramref name="hostResults"/> are the suspending host function's results,
    /// checked against its type; for fuel, pass none.
    /// </summary>
    /// <exception cref="ArgumentException">The values do not match the host function's results; the call stays suspended.</exception>
    /// <exception cref="InvalidOperationException">
    /// The call was already resumed, abandoned or superseded; or another call is inside the store right now (the call
    /// stays suspended and can be resumed once that call returns).
    /// </exception>
    /// <exception cref="TrapException">The resumed execution trapped; the call is over and the store usable.</exception>
    public ResumableCallResult Resume(params Value[] hostResults)
    {
        ArgumentNullException.ThrowIfNull(hostResults);
        Span<ulong> slots = stackalloc ulong[2 * hostResults.Length];
        slots = slots[..EncodeHostResults(hostResults, slots)];
        return entry.Store.Stack.Resume(this, entry, slots)
            ? ResumableCallResult.Finished(entry.ReadCallResults())
            : ResumableCallResult.Suspended(new ResumableCall(entry));
    }

    /// <summary>
    /// Continues a call started by a typed <c>CallResumable</c> whose function returns one <typeparamref name="TResult"/>
    /// (see <see cref="Resume(Value[])"/>), giving the result typed.
    /// </summary>
    /// <exception cref="InvalidOperationException">The call's function does not return exactly one <typeparamref name="TResult"/>, or as for <see cref="Resume(Value[])"/>.</exception>
    public ResumableCallResult<TResult> Resume<TResult>(params Value[] hostResults)
    {
        ArgumentNullException.ThrowIfNull(hostResults);
        ResumableCallResult<TResult>.RequireResultType(entry);
        Span<ulong> slots = stackalloc ulong[2 * hostResults.Length];
        slots = slots[..EncodeHostResults(hostResults, slots)];
        return entry.Store.Stack.Resume(this, entry, slots)
            ? ResumableCallResult<TResult>.Finished(entry.Store)
            : ResumableCallResult<TResult>.Suspended(new ResumableCall(entry));
    }

    /// <summary>Checks the values against what the call waits for and encodes them, before anything changes.</summary>
    /// <returns>The slots written (two per v128).</returns>
    internal int EncodeHostResults(Value[] hostResults, Span<ulong> slots)
    {
        if (!IsSuspended)
            throw new InvalidOperationException("This suspended call was already resumed, abandoned, or superseded by a newer suspendable call in its store.");
        var expected = Reason == ResumableCallReason.HostError ? HostFunction!.Type.ResultSpan : [];
        if (hostResults.Length != expected.Length)
            throw new ArgumentException($"Resume takes {expected.Length} value(s) ({string.Join(" ", expected.ToArray().Select(t => t.ToWatName()))}), got {hostResults.Length}.", nameof(hostResults));
        for (var i = 0; i < expected.Length; i++)
        {
            if (hostResults[i].Type != expected[i])
                throw new ArgumentException($"Resume value {i} must be {expected[i].ToWatName()}, got {hostResults[i].Type.ToWatName()}.", nameof(hostResults));
        }
        return Value.WriteSlots(entry.Store, hostResults, slots);
    }

    /// <summary>
    /// Drops the suspended call without finishing it, so the store can run another suspendable call. Does nothing if the
    /// call is no longer suspended.
    /// </summary>
    /// <exception cref="InvalidOperationException">Another call is inside the store right now; the call stays suspended.</exception>
    public void Abandon() => entry.Store.Stack.Abandon(this);

    /// <summary>Abandons the call if it is still suspended (see <see cref="Abandon"/>).</summary>
    public void Dispose() => Abandon();
}
