namespace WasmBind.Execution;

/// <summary>What the interpreter does after a fuel or epoch slow path (<see cref="FuelAndEpochChecks"/>).</summary>
internal enum CheckOutcome : byte { Continue, SuspendHere, SuspendAfter }
