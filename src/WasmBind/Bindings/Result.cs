using System.Diagnostics.CodeAnalysis;

namespace WasmBind.Bindings;

/// <summary>
/// The Canonical ABI's <c>result&lt;T, E&gt;</c>: either a value (<see cref="IsOk"/>) or an error. Bound members
/// return it (or take it) where the contract says an operation can fail in an expected way, such as a plugin rejecting
/// its input. It is a struct: returning one allocates nothing beyond its payloads. Use <see cref="Unit"/> for a side
/// with no payload (<c>result&lt;_, string&gt;</c> is <c>Result&lt;Unit, string&gt;</c>).
/// </summary>
/// <remarks>
/// <c>default(Result&lt;TValue, TError&gt;)</c> is <see cref="IsOk"/> with the default value. <see cref="GetValueOrThrow"/>
/// surfaces the error as a <see cref="ResultException{TError}"/> for code that prefers exceptions; a
/// <c>[WasmExports]</c> member can also be declared to throw directly, with <see cref="WasmThrowsAttribute"/>.
/// </remarks>
/// <typeparam name="TValue">The value's type (<see cref="Unit"/> for none).</typeparam>
/// <typeparam name="TError">The error's type (<see cref="Unit"/> for none).</typeparam>
public readonly struct Result<TValue, TError> : IEquatable<Result<TValue, TError>>
{
    private readonly TValue value;
    private readonly TError error;
    private readonly bool isError;

    private Result(TValue value, TError error, bool isError)
    {
        this.value = value;
        this.error = error;
        this.isError = isError;
    }

    /// <summary>A successful result holding <paramref name="value"/>.</summary>
    /// <param name="value">The value.</param>
    public static Result<TValue, TError> Ok(TValue value) => new(value, default!, isError: false);

    /// <summary>A failed result holding <paramref name="error"/>.</summary>
    /// <param name="error">The error.</param>
    public static Result<TValue, TError> Err(TError error) => new(default!, error, isError: true);

    /// <summary>Wraps <paramref name="value"/> as a successful result.</summary>
    /// <param name="value">The value.</param>
    [SuppressMessage("Usage", "CA2225:Operator overloads have named alternates", Justification = "Ok is the named alternate.")]
    public static implicit operator Result<TValue, TError>(TValue value) => Ok(value);

    /// <summary>Whether this is a success; then <see cref="Value"/> holds the value.</summary>
    public bool IsOk => !isError;

    /// <summary>Whether this is a failure; then <see cref="Error"/> holds the error.</summary>
    public bool IsError => isError;

    /// <summary>The value of a successful result.</summary>
    /// <exception cref="InvalidOperationException">The result is an error.</exception>
    public TValue Value => !isError ? value : throw new InvalidOperationException($"The result is an error ({error}), not a value.");

    /// <summary>The error of a failed result.</summary>
    /// <exception cref="InvalidOperationException">The result is a success.</exception>
    public TError Error => isError ? error : throw new InvalidOperationException("The result is a success, not an error.");

    /// <summary>Gets the value of a successful result.</summary>
    /// <param name="value">The value, when the result is a success.</param>
    /// <returns>Whether the result is a success.</returns>
    public bool TryGetValue([MaybeNullWhen(false)] out TValue value)
    {
        value = this.value;
        return !isError;
    }

    /// <summary>Gets the error of a failed result.</summary>
    /// <param name="error">The error, when the result is a failure.</param>
    /// <returns>Whether the result is a failure.</returns>
    public bool TryGetError([MaybeNullWhen(false)] out TError error)
    {
        error = this.error;
        return isError;
    }

    /// <summary>The value, or a <see cref="ResultException{TError}"/> carrying the error.</summary>
    /// <exception cref="ResultException{TError}">The result is an error.</exception>
    public TValue GetValueOrThrow() => !isError ? value : throw new ResultException<TError>(error);

    /// <summary>Maps either side to one value.</summary>
    /// <typeparam name="TResult">What both sides map to.</typeparam>
    /// <param name="ok">Maps the value.</param>
    /// <param name="err">Maps the error.</param>
    public TResult Match<TResult>(Func<TValue, TResult> ok, Func<TError, TResult> err)
    {
        ArgumentNullException.ThrowIfNull(ok);
        ArgumentNullException.ThrowIfNull(err);
        return !isError ? ok(value) : err(error);
    }

    /// <inheritdoc/>
    public bool Equals(Result<TValue, TError> other) => isError == other.isError && (isError
        ? EqualityComparer<TError>.Default.Equals(error, other.error)
        : EqualityComparer<TValue>.Default.Equals(value, other.value));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Result<TValue, TError> other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => isError ? HashCode.Combine(1, error) : HashCode.Combine(0, value);

    /// <inheritdoc/>
    public override string ToString() => isError ? $"Err({error})" : $"Ok({value})";

    /// <summary>Whether two results are equal: the same side with equal payloads.</summary>
    public static bool operator ==(Result<TValue, TError> left, Result<TValue, TError> right) => left.Equals(right);

    /// <summary>Whether two results differ.</summary>
    public static bool operator !=(Result<TValue, TError> left, Result<TValue, TError> right) => !left.Equals(right);
}
