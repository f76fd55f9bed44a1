namespace WasmBind.Execution;

/// <summary>How a call may behave when it cannot go on at once.</summary>
internal enum CallMode : byte
{
    /// <summary>Runs to completion on the caller's thread; async imports are an error.</summary>
    Sync,
    /// <summary>May suspend at async imports and yield points, resumed by <see cref="ExecutionStack.InvokeAsync"/>.</summary>
    Async,
    /// <summary>May suspend when a host function fails or fuel runs out, resumed by the embedder.</summary>
    Resumable,
}
