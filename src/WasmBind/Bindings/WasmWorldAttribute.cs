namespace WasmBind;

/// <summary>
/// Puts a <see cref="WasmImportsAttribute"/> or <see cref="WasmExportsAttribute"/> interface into a named WIT world
/// in the WIT the binding generator writes for the assembly (see docs/bindings.md, "WIT"). Interfaces without it go
/// into the assembly's default world, named after the assembly.
/// </summary>
/// <example>
/// <code>
/// [WasmWorld("acme:plugins/text-plugin")]   // package acme:plugins, world text-plugin
/// [WasmExports] public partial interface ITextPlugin { ... }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Interface, AllowMultiple = false, Inherited = false)]
public sealed class WasmWorldAttribute : Attribute
{
    /// <summary>Names the interface's world.</summary>
    /// <param name="name">A world name (<c>text-plugin</c>), or a package and world (<c>acme:plugins/text-plugin</c>).</param>
    public WasmWorldAttribute(string name) => Name = name;

    /// <summary>The world's name, with its package when one was given.</summary>
    public string Name { get; }
}
