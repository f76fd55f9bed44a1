namespace WasmBind;

/// <summary>
/// Gives a member of a <see cref="WasmImportsAttribute"/> or <see cref="WasmExportsAttribute"/> interface its
/// WebAssembly import or export name, instead of the default snake_case of the member name.
/// </summary>
/// <remarks>
/// The name must be non-empty and contain no control characters or unpaired surrogates (it must encode to UTF-8);
/// otherwise the generator reports WB2005. Two members of one interface may not share a name (WB2004).
/// </remarks>
/// <example>
/// <code>
/// [WasmName("compute-hash")] long Hash(ReadOnlySpan&lt;byte&gt; data);
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class WasmNameAttribute : Attribute
{
    /// <summary>Sets the member's WebAssembly name.</summary>
    /// <param name="name">The import or export name, exactly as the guest spells it.</param>
    public WasmNameAttribute(string name) => Name = name;

    /// <summary>The member's WebAssembly name.</summary>
    public string Name { get; }
}
