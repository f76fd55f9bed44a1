using WasmBind.Execution;
using WasmBind.Runtime;

namespace WasmBind;

/// <summary>What a resumable call returned: its results, or the suspended call to resume.</summary>
public readonly struct ResumableCallResult
{
    private ResumableCallResult(Value[]? results, ResumableCall? call)
    {
        Results = results;
        Call = call;
    }

    /// <summary>True when the call ran to completion; <see cref="Results"/> holds its results.</summary>
    public bool IsFinished => Results is not null;

    /// <summary>The results of a finished call.</summary>
    public Value[]? Results { get; }

    /// <summary>The suspended call, when it did not finish.</summary>
    public ResumableCall? Call { get; }

    internal static ResumableCallResult Finished(Value[] results) => new(results, null);

    internal static ResumableCallResult Suspended(ResumableCall call) => new(null, call);
}

/// <summary>Why a resumable call suspended.</summary>
public enum ResumableCallReason
{
    /// <summary>A host function threw; resume with the results it should have returned.</summary>
    HostError,
    /// <summary>The store ran out of fuel; add fuel (<see cref="Store.Fuel"/>) and resume with no values.</summary>
    OutOfFuel,
}

/// <summary>
/// A WebAssembly call suspended by <see cref="Function.CallResumable"/>. Its frames stay in the store, which is busy
/// until the call is resumed to completion or <see cref="Abandon">abandoned</see>.
/// </summary>
public sealed class ResumableCall
{
    private readonly WasmFunction entry;
    private bool done;

    internal ResumableCall(WasmFunction entry)
    {
        this.entry = entry;
        var stack = entry.Store.Stack;
        Reason = stack.SuspendedReason == SuspendReason.OutOfFuel ? ResumableCallReason.OutOfFuel : ResumableCallReason.HostError;
        HostFunction = stack.SuspendedHost;
        HostError = stack.SuspendedHostError;
    }

    /// <summary>Why the call suspended.</summary>
    public ResumableCallReason Reason { get; }

    /// <summary>The host function that failed (for <see cref="ResumableCallReason.HostError"/>).</summary>
    public Function? HostFunction { get; }

    /// <summary>What the host function threw: the value it passed to its embedder.</summary>
    public Exception? HostError { get; }

    /// <summary>
    /// Continues the call. For a host error, <paramref name="hostResults"/> are the failed host function's results,
    /// checked against its type; for fuel, pass none.
    /// </summary>
    /// <exception cref="ArgumentException">The values do not match the host function's results.</exception>
    /// <exception cref="InvalidOperationException">The call was already resumed or abandoned.</exception>
    public ResumableCallResult Resume(params Value[] hostResults)
    {
        ArgumentNullException.ThrowIfNull(hostResults);
        if (done) throw new InvalidOperationException("This suspended call was already resumed or abandoned.");
        Span<ulong> slots = stackalloc ulong[hostResults.Length];
        var expected = Reason == ResumableCallReason.HostError ? HostFunction!.Type.ResultSpan : [];
        if (hostResults.Length != expected.Length)
            throw new ArgumentException($"Resume takes {expected.Length} value(s) ({string.Join(" ", expected.ToArray().Select(t => t.ToWatName()))}), got {hostResults.Length}.", nameof(hostResults));
        for (var i = 0; i < expected.Length; i++)
        {
            if (hostResults[i].Type != expected[i])
                throw new ArgumentException($"Resume value {i} must be {expected[i].ToWatName()}, got {hostResults[i].Type.ToWatName()}.", nameof(hostResults));
            slots[i] = hostResults[i].ToSlot(entry.Store);
        }
        done = true;
        return entry.Store.Stack.Resume(entry, slots)
            ? ResumableCallResult.Finished(entry.ReadCallResults())
            : ResumableCallResult.Suspended(new ResumableCall(entry));
    }

    /// <summary>Drops the suspended call without finishing it, so the store can be used again.</summary>
    public void Abandon()
    {
        if (done) return;
        done = true;
        entry.Store.Stack.Abandon();
    }
}
