namespace WasmBind;

/// <summary>
/// Marks a <c>partial interface</c> whose members the host implements and a WebAssembly guest imports. The binding
/// generator adds <c>public static void AddTo(Linker linker, TInterface implementation)</c> to the interface: it
/// defines every member on the linker as a typed host function of module <see cref="Module"/>, lifting the guest's
/// arguments out of its linear memory and lowering results into it by the Component Model's Canonical ABI.
/// </summary>
/// <remarks>
/// <para>
/// Each member's import name is the member name in snake_case (<c>GetUserName</c> → <c>get_user_name</c>; a trailing
/// <c>Async</c> on a <c>Task</c>/<c>ValueTask</c> member is dropped) unless <see cref="WasmNameAttribute"/> gives one.
/// Supported types: <see cref="bool"/>, every integer type from <see cref="sbyte"/> to <see cref="ulong"/>,
/// <see cref="float"/>, <see cref="double"/>, enums (as their underlying type), <see cref="string"/> (UTF-8),
/// <c>byte[]</c>, <c>ReadOnlySpan&lt;byte&gt;</c> (parameters only) and <c>ReadOnlyMemory&lt;byte&gt;</c>, and
/// <c>Task</c>/<c>ValueTask</c> forms of the results, which become async host functions
/// (<see cref="Linker.DefineAsyncFunction(string, string, FunctionType, AsyncHostCallback)"/>).
/// </para>
/// <para>See docs/bindings.md for the ABI and docs/rules/WB2001.md onwards for the diagnostics.</para>
/// </remarks>
/// <example>
/// <code>
/// [WasmImports("env")]
/// public partial interface IHostLog
/// {
///     void Log(string message);
/// }
///
/// IHostLog.AddTo(linker, new ConsoleLog());
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Interface, AllowMultiple = false, Inherited = false)]
public sealed class WasmImportsAttribute : Attribute
{
    /// <summary>Marks an interface whose members are imported by the guest from module <paramref name="module"/>.</summary>
    /// <param name="module">The import module name the guest uses, such as <c>env</c>.</param>
    public WasmImportsAttribute(string module) => Module = module;

    /// <summary>The import module name the guest uses.</summary>
    public string Module { get; }

    /// <summary>
    /// The name of the guest's exported allocator, <c>(func (param i32 i32 i32 i32) (result i32))</c> with the
    /// Canonical ABI's <c>realloc(old_ptr, old_size, align, new_size)</c> contract. Host functions that return a string
    /// or bytes allocate the guest memory for them through it. Default <c>cabi_realloc</c>.
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
