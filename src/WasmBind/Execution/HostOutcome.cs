namespace WasmBind.Execution;

/// <summary>What became of a host call made by the interpreter (<see cref="HostCalls"/>).</summary>
internal enum HostOutcome : byte { Done, Suspend }
