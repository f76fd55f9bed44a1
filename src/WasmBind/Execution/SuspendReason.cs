namespace WasmBind.Execution;

/// <summary>Why the suspended call stopped.</summary>
internal enum SuspendReason : byte { None, AsyncHost, HostError, OutOfFuel, Yield }
