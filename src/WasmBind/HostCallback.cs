namespace WasmBind;

/// <summary>An untyped host function: reads <paramref name="arguments"/>, writes every element of <paramref name="results"/>.</summary>
/// <param name="caller">The calling instance and its store; valid only during the call.</param>
/// <param name="arguments">The arguments, typed as the function's parameters.</param>
/// <param name="results">Where to write the results; pre-filled with zero values of the right types.</param>
public delegate void HostCallback(Caller caller, ReadOnlySpan<Value> arguments, Span<Value> results);
