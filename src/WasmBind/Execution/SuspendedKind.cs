namespace WasmBind.Execution;

/// <summary>Which kind of call is suspended in a store.</summary>
internal enum SuspendedKind : byte { None, Async, Resumable }
