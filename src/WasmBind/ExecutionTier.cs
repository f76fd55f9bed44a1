namespace WasmBind;

/// <summary>How an engine runs WebAssembly functions (see <see cref="EngineConfig.Tier"/>).</summary>
public enum ExecutionTier
{
    /// <summary>Only the interpreter. The only tier where dynamic code is unavailable (NativeAOT).</summary>
    Interpreter,

    /// <summary>
    /// Functions start in the interpreter; a function called often is compiled to IL on a background thread and
    /// its later calls run the compiled code. The default.
    /// </summary>
    Tiered,

    /// <summary>Every function is compiled to IL when the module is loaded, before anything runs.</summary>
    Compiled,
}
