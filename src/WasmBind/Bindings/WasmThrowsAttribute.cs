namespace WasmBind.Bindings;

/// <summary>
/// On a <c>[WasmExports]</c> member: the export returns the Canonical ABI's <c>result&lt;T, E&gt;</c>, where <c>T</c>
/// is the member's declared (awaited) result (<see cref="Unit"/> when it returns nothing) and <c>E</c> is
/// <see cref="ErrorType"/>. The bound member returns the value, and throws <see cref="ResultException{TError}"/> of
/// <c>E</c> when the guest returns an error. Without this attribute, declare the member as returning
/// <see cref="Result{TValue, TError}"/> (the default form, which allocates nothing for the error path).
/// </summary>
/// <example>
/// <code>
/// [WasmExports]
/// public partial interface IParser
/// {
///     [WasmThrows(typeof(string))] int Parse(string text);   // parse: func(text: string) -> result&lt;s32, string&gt;
/// }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class WasmThrowsAttribute : Attribute
{
    /// <summary>Declares the error type of the member's <c>result</c>.</summary>
    /// <param name="errorType">The error's type, any type the bindings support.</param>
    public WasmThrowsAttribute(Type errorType) => ErrorType = errorType;

    /// <summary>The error's type.</summary>
    public Type ErrorType { get; }
}
