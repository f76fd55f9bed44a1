namespace WasmBind;

/// <summary>Which tier runs one of a module's functions now (see <see cref="Module.GetFunctionTiers"/>).</summary>
/// <param name="FunctionIndex">The index in the module's function index space (imports first).</param>
/// <param name="Name">The function's name from the name section, if any.</param>
/// <param name="IsCompiled">True when calls of the function run compiled code (in synchronous calls).</param>
/// <param name="NotCompiledReason">
/// Why the function stays interpreted although the engine compiles code: the first instruction the compiled tier does
/// not handle, or the reason dynamic code is unavailable. Null when compiled, or not (yet) attempted.
/// </param>
public readonly record struct FunctionTierInfo(int FunctionIndex, string? Name, bool IsCompiled, string? NotCompiledReason);
