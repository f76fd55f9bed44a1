namespace WasmBind;

/// <summary>
/// Thrown by a host function to suspend the resumable call (<see cref="Function.CallResumable"/>) that called it: the
/// call stops at once, and the embedder resumes it with the host function's results
/// (<see cref="ResumableCall.Resume"/>). Derive from it to carry what the embedder needs to know. In a call that
/// cannot suspend (a synchronous or async call), it is a trap like any other host error.
/// </summary>
public class SuspendCallException : Exception
{
    /// <summary>Creates the signal with a default message.</summary>
    public SuspendCallException() : base("The host function asked to suspend the call.") { }

    /// <summary>Creates the signal with <paramref name="message"/>.</summary>
    public SuspendCallException(string message) : base(message) { }

    /// <summary>Creates the signal with <paramref name="message"/> and the exception that caused it.</summary>
    public SuspendCallException(string message, Exception? innerException) : base(message, innerException) { }
}
