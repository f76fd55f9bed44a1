namespace WasmBind.Testing;

/// <summary>
/// The rules a proposal's own scripts (in a <c>proposals/&lt;name&gt;/</c> folder of the spec test suite) were written
/// for, where those differ from the run's. The suite keeps copies of core scripts inside some proposal folders, written
/// against the spec that proposal branched from: run under later rules, they fail for reasons that are no defect (the
/// threads proposal's <c>memory.wast</c> expects a second memory to be invalid, which Wasm 3.0 allows). Wasmtime's spec
/// runner picks features per test folder the same way.
/// </summary>
internal static class ProposalRules
{
    /// <summary>The features to run <paramref name="scriptPath"/> with, given the run's <paramref name="runFeatures"/>.</summary>
    public static WasmFeatures For(string scriptPath, WasmFeatures runFeatures) => ProposalOf(scriptPath) switch
    {
        // Branched before reference types, SIMD, multi-memory and memory64.
        "threads" => (WasmFeatures.Wasm2Scalar & ~WasmFeatures.ReferenceTypes) | WasmFeatures.Threads,
        // Its scripts test nothing else; the feature is off by default (as in Wasmtime) because it is not in Wasm 3.0.
        "wide-arithmetic" => runFeatures | WasmFeatures.WideArithmetic,
        _ => runFeatures,
    };

    /// <summary>The proposal folder a script lives in (<c>proposals/&lt;name&gt;/…</c>), or null.</summary>
    public static string? ProposalOf(string scriptPath)
    {
        var parts = Path.GetFullPath(scriptPath).Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        for (var i = parts.Length - 3; i >= 0; i--)
        {
            if (parts[i] == "proposals") return parts[i + 1];
        }
        return null;
    }
}
