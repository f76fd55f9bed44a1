using WasmBind.Linking;

namespace WasmBind;

/// <summary>
/// The shared part of <see cref="TypedFunc{TResult}"/>, <see cref="TypedAction"/> and their other arities: a function
/// whose signature was checked once, when the wrapper was made, so each call converts nothing and allocates nothing.
/// </summary>
public abstract class TypedFunction
{
    private protected readonly Store store;

    private protected TypedFunction(Function function, string? exportName, ReadOnlySpan<ValueType> parameters, ReadOnlySpan<ValueType> results)
    {
        ArgumentNullException.ThrowIfNull(function);
        var actual = function.Type;
        if (!actual.ParameterSpan.SequenceEqual(parameters) || !actual.ResultSpan.SequenceEqual(results))
        {
            var expected = new FunctionType(parameters, results);
            var subject = exportName is null ? "The function" : $"The export `{exportName}`";
            throw new InvalidOperationException($"{subject} has the wrong signature for this typed call: expected {expected}, found {actual}.");
        }
        Function = function;
        store = function.Store;
    }

    /// <summary>The underlying function.</summary>
    public Function Function { get; }

    /// <inheritdoc />
    public override string ToString() => Function.ToString();

    /// <summary>The exported function <paramref name="name"/> of <paramref name="instance"/>, or a clear error naming the export.</summary>
    internal static Function RequireExport(Instance instance, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return instance.GetExport(name) switch
        {
            Function function => function,
            null => throw new KeyNotFoundException($"The instance has no export named `{name}`."),
            var other => throw new InvalidOperationException($"The export `{name}` is a {other.Kind.ToString().ToLowerInvariant()} {other.ExternType}, not a function."),
        };
    }

    /// <summary>Forwards to <see cref="ValueCodec.Require{T}"/> so generated code outside <c>WasmBind.Linking</c> stays short.</summary>
    private protected static ValueType TypeOf<T>() => ValueCodec.Require<T>();
}
