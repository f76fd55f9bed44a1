namespace WasmBind.Bindings;

/// <summary>
/// The error of a <c>result&lt;T, E&gt;</c> surfaced as an exception: thrown by
/// <see cref="Result{TValue, TError}.GetValueOrThrow"/>, and by a bound <c>[WasmExports]</c> member declared with
/// <see cref="WasmThrowsAttribute"/> when the guest returns an error.
/// </summary>
/// <typeparam name="TError">The error's type.</typeparam>
public sealed class ResultException<TError> : Exception
{
    /// <summary>Creates the exception for <paramref name="error"/>.</summary>
    /// <param name="error">The error the guest returned.</param>
    public ResultException(TError error)
        : base($"The call returned an error: {error}.") => Error = error;

    /// <summary>The error the guest returned.</summary>
    public TError Error { get; }
}
