namespace WasmBind.Bindings;

/// <summary>
/// No value: the side of a <see cref="Result{TValue, TError}"/> that carries no payload (<c>result&lt;_, E&gt;</c> is
/// <c>Result&lt;Unit, E&gt;</c>, <c>result</c> is <c>Result&lt;Unit, Unit&gt;</c>). It has no Canonical ABI
/// representation: no core values, no bytes.
/// </summary>
public readonly struct Unit : IEquatable<Unit>
{
    /// <summary>The one value.</summary>
    public static Unit Value => default;

    /// <inheritdoc/>
    public bool Equals(Unit other) => true;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Unit;

    /// <inheritdoc/>
    public override int GetHashCode() => 0;

    /// <inheritdoc/>
    public override string ToString() => "()";

    /// <summary>Always true: there is one unit.</summary>
    public static bool operator ==(Unit left, Unit right) => true;

    /// <summary>Always false: there is one unit.</summary>
    public static bool operator !=(Unit left, Unit right) => false;
}
