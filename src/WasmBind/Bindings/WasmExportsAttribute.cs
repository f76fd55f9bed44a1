namespace WasmBind;

/// <summary>
/// Marks a <c>partial interface</c> that a WebAssembly guest implements through its exports, for the host to call.
/// The binding generator adds <c>public static TInterface Bind(Instance instance)</c> to the interface: it looks up and
/// type-checks every export once (throwing one <see cref="Bindings.BindingException"/> that lists every missing or
/// mismatched export) and returns an implementation whose methods call the typed exports, lowering arguments into the
/// guest's linear memory and lifting results out of it by the Component Model's Canonical ABI.
/// </summary>
/// <remarks>
/// <para>
/// Each member's export name is the member name in snake_case (<c>GetUserName</c> → <c>get_user_name</c>; a trailing
/// <c>Async</c> on a <c>Task</c>/<c>ValueTask</c> member is dropped) unless <see cref="WasmNameAttribute"/> gives one.
/// Members returning <c>Task</c>/<c>ValueTask</c> forms run through <c>CallAsync</c>, and a
/// <see cref="CancellationToken"/> parameter (not passed to the guest) cancels the call. Where the guest exports
/// <c>cabi_post_&lt;name&gt;</c>, it is called after each result of <c>&lt;name&gt;</c> has been read.
/// </para>
/// <para>See docs/bindings.md for the ABI and docs/rules/WB2001.md onwards for the diagnostics.</para>
/// </remarks>
/// <example>
/// <code>
/// [WasmExports]
/// public partial interface IGreeter
/// {
///     int Add(int a, int b);
///     string Greet(string name);
/// }
///
/// IGreeter greeter = IGreeter.Bind(instance);
/// Console.WriteLine(greeter.Greet("world"));
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Interface, AllowMultiple = false, Inherited = false)]
public sealed class WasmExportsAttribute : Attribute
{
    /// <summary>
    /// The name of the guest's exported allocator, <c>(func (param i32 i32 i32 i32) (result i32))</c> with the
    /// Canonical ABI's <c>realloc(old_ptr, old_size, align, new_size)</c> contract. String and byte arguments are copied
    /// into guest memory it allocates. Default <c>cabi_realloc</c>.
    /// </summary>
    public string Allocator { get; set; } = "cabi_realloc";

    /// <summary>The name of the guest's exported linear memory that strings and bytes live in. Default <c>memory</c>.</summary>
    public string Memory { get; set; } = "memory";

    /// <summary>
    /// How the guest encodes strings in its memory (the Canonical ABI's <c>string-encoding</c> option). Default
    /// <see cref="WasmStringEncoding.Utf8"/>.
    /// </summary>
    public WasmStringEncoding StringEncoding { get; set; } = WasmStringEncoding.Utf8;
}
