namespace WasmBind;

/// <summary>
/// An untyped asynchronous host function. It may complete later; the WebAssembly call that made it is suspended
/// (no thread waits) and resumes with the values written into <paramref name="results"/>.
/// </summary>
/// <param name="caller">The calling instance and its store; valid until the returned task completes.</param>
/// <param name="arguments">The arguments, typed as the function's parameters.</param>
/// <param name="results">Where to write the results; pre-filled with zero values of the right types.</param>
public delegate ValueTask AsyncHostCallback(Caller caller, Value[] arguments, Value[] results);
