namespace WasmBind.Generators.Model;

/// <summary>Which side implements the interface.</summary>
internal enum BindingKind : byte
{
    /// <summary><c>[WasmImports]</c>: the host implements it; the guest imports its members.</summary>
    Imports,

    /// <summary><c>[WasmExports]</c>: the guest implements it through its exports; the host calls them.</summary>
    Exports,
}

/// <summary>How a .NET parameter or result type crosses the boundary.</summary>
internal enum ValueKind : byte
{
    Bool,
    SByte,
    Byte,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
    UInt64,
    Single,
    Double,

    /// <summary><see cref="string"/>, as UTF-8 (ptr, len).</summary>
    String,

    /// <summary><c>byte[]</c>, as (ptr, len).</summary>
    ByteArray,

    /// <summary><c>ReadOnlySpan&lt;byte&gt;</c> (parameters only), as (ptr, len).</summary>
    ReadOnlySpan,

    /// <summary><c>ReadOnlyMemory&lt;byte&gt;</c>, as (ptr, len).</summary>
    ReadOnlyMemory,

    /// <summary>A <see cref="System.Threading.CancellationToken"/>: not passed to the guest; it cancels an async export call.</summary>
    CancellationToken,

    /// <summary>
    /// <c>WasmBind.Caller</c> or <c>WasmBind.Caller&lt;TData&gt;</c> as an import's first parameter: not a guest
    /// value; the generated host function passes its own caller (the calling instance and its store).
    /// </summary>
    Caller,

    /// <summary><c>System.Text.Rune</c>: a Canonical ABI <c>char</c> (a Unicode scalar value) as one <c>i32</c>; lifting checks it.</summary>
    Rune,

    /// <summary>
    /// <c>T?</c> of a scalar <c>T</c>: the Canonical ABI's <c>option&lt;T&gt;</c>, flat as a discriminant <c>i32</c> and
    /// <c>T</c>'s core value, in memory as a discriminant byte and <c>T</c> at its alignment.
    /// </summary>
    Option,

    /// <summary>
    /// A <c>record</c>, <c>record struct</c> or <c>struct</c>: the Canonical ABI's <c>record</c>, flat as its fields' core
    /// values in order, in memory as its fields at their alignments (<see cref="TypeModel.Record"/> lists them).
    /// </summary>
    Record,

    /// <summary>
    /// A Canonical ABI <c>list&lt;T&gt;</c> of any element but the byte forms above: <c>T[]</c>, <c>IReadOnlyList&lt;T&gt;</c>,
    /// <c>List&lt;T&gt;</c> or <c>ReadOnlyMemory&lt;T&gt;</c> (<see cref="TypeModel.ListForm"/>), flat as (ptr, len).
    /// </summary>
    List,

    /// <summary>A <c>ValueTuple</c>: the Canonical ABI's <c>tuple</c>, laid out as a record of its elements (<see cref="TypeModel.Elements"/>).</summary>
    Tuple,

    /// <summary><c>WasmBind.Bindings.Result&lt;T, E&gt;</c>: a variant of two cases, ok and error (<see cref="TypeModel.Elements"/>).</summary>
    Result,

    /// <summary><c>WasmBind.Bindings.Unit</c>: no value (a result side without payload).</summary>
    Unit,

    /// <summary>An abstract record with sealed case records nested in it: the Canonical ABI's <c>variant</c> (<see cref="TypeModel.Cases"/>).</summary>
    Variant,

    /// <summary>A <c>[Flags]</c> enum: the Canonical ABI's <c>flags</c> of <see cref="TypeModel.Count"/> labels.</summary>
    Flags,
}

/// <summary>The .NET form of a <see cref="ValueKind.List"/>.</summary>
internal enum ListForm : byte
{
    /// <summary><c>T[]</c>.</summary>
    Array,

    /// <summary><c>IReadOnlyList&lt;T&gt;</c> (lifted as an array).</summary>
    ReadOnlyList,

    /// <summary><c>List&lt;T&gt;</c>.</summary>
    List,

    /// <summary><c>ReadOnlyMemory&lt;T&gt;</c> of a primitive <c>T</c>.</summary>
    Memory,
}

/// <summary>The await shape of a member's result.</summary>
internal enum AsyncKind : byte
{
    None,
    Task,
    ValueTask,
}

/// <summary>A core WebAssembly value type, with the .NET type generated code carries it in.</summary>
internal enum CoreType : byte
{
    /// <summary>i32, carried as int.</summary>
    I32,

    /// <summary>i64, carried as long.</summary>
    I64,

    /// <summary>f32, carried as float.</summary>
    F32,

    /// <summary>f64, carried as double.</summary>
    F64,
}

/// <summary>A supported type. For an enum, <see cref="Kind"/> is its underlying type's.</summary>
/// <param name="Kind">How the value crosses the boundary.</param>
/// <param name="DisplayName">The type as generated code spells it, fully qualified, e.g. <c>global::Demo.Color</c>.</param>
/// <param name="IsEnum">Whether the type is an enum (cast to and from its underlying type).</param>
/// <param name="Element">The payload type of an <see cref="ValueKind.Option"/>; null for every other kind.</param>
/// <param name="Record">The fields of a <see cref="ValueKind.Record"/>; null for every other kind.</param>
/// <param name="Elements">A tuple's element types; a result's ok and error types (<see cref="ValueKind.Unit"/> for none).</param>
/// <param name="Cases">A variant's cases, in discriminant order.</param>
/// <param name="Count">
/// For an enum whose members are 0..n-1, n (a Canonical ABI <c>enum</c>, whose discriminant is checked); 0 for an enum
/// bound as its underlying integer. For flags, the number of labels.
/// </param>
/// <param name="ListForm">A list's .NET form.</param>
/// <param name="IsReferenceOption">Whether an option is a nullable reference type (<c>string?</c>) rather than <c>Nullable&lt;T&gt;</c>.</param>
internal sealed record TypeModel(
    ValueKind Kind,
    string DisplayName,
    bool IsEnum,
    TypeModel? Element = null,
    RecordModel? Record = null,
    EquatableArray<TypeModel> Elements = default,
    EquatableArray<CaseModel> Cases = default,
    int Count = 0,
    ListForm ListForm = ListForm.Array,
    bool IsReferenceOption = false);

/// <summary>A variant's case: a sealed record derived from the variant, whose fields are its payload.</summary>
/// <param name="Name">The case type's simple name.</param>
/// <param name="Type">The case as a <see cref="ValueKind.Record"/> (possibly of no fields): its payload is laid out as that record.</param>
internal sealed record CaseModel(string Name, TypeModel Type);

/// <summary>A record's fields in declaration order (its Canonical ABI field order) and how generated code constructs it.</summary>
/// <param name="Fields">The public data members, in order.</param>
/// <param name="ConstructorFields">
/// The indices into <paramref name="Fields"/> of the chosen constructor's parameters, in parameter order; every other
/// field is set by an object initializer.
/// </param>
/// <param name="IsClass">Whether the record is a class (a <c>record</c>), so a value of it can be null.</param>
internal sealed record RecordModel(EquatableArray<FieldModel> Fields, EquatableArray<int> ConstructorFields, bool IsClass);

/// <summary>A field (or property) of a record.</summary>
/// <param name="Name">The member's name as declared.</param>
/// <param name="Type">Its type.</param>
internal sealed record FieldModel(string Name, TypeModel Type);

/// <summary>A parameter of a bound member.</summary>
/// <param name="Name">The parameter's name as declared (without <c>@</c>).</param>
/// <param name="Type">Its type.</param>
/// <param name="IsScoped">Whether it is declared <c>scoped</c> (repeated on the implementation).</param>
internal sealed record ParameterModel(string Name, TypeModel Type, bool IsScoped);

/// <summary>A member's result.</summary>
/// <param name="Async">Whether it is a Task or ValueTask form.</param>
/// <param name="Value">The (awaited) result type, or null for void, Task or ValueTask.</param>
/// <param name="DisplayName">The declared return type as generated code spells it.</param>
internal sealed record ReturnModel(AsyncKind Async, TypeModel? Value, string DisplayName);

/// <summary>A bindable method.</summary>
/// <param name="Name">The method's name.</param>
/// <param name="WasmName">The import or export name.</param>
/// <param name="Parameters">Its parameters, in order.</param>
/// <param name="Return">Its result.</param>
/// <param name="Throws">
/// For an export declared with <c>[WasmThrows(typeof(E))]</c>: the <c>Result&lt;T, E&gt;</c> the guest returns, whose error
/// the bound member throws as <c>ResultException&lt;E&gt;</c>; null otherwise.
/// </param>
internal sealed record MemberModel(string Name, string WasmName, EquatableArray<ParameterModel> Parameters, ReturnModel Return, TypeModel? Throws = null);

/// <summary>A type that contains a nested binding interface: its declaration keyword and name.</summary>
internal sealed record ContainingTypeModel(string Keyword, string Name);

/// <summary>Everything the emitter needs for one binding interface.</summary>
/// <param name="Kind">Imports or exports.</param>
/// <param name="Namespace">The containing namespace, or null for the global namespace.</param>
/// <param name="ContainingTypes">Types the interface is nested in, outermost first.</param>
/// <param name="Name">The interface's name.</param>
/// <param name="DisplayName">The interface's name as messages show it (namespace and containing types included).</param>
/// <param name="ModuleName">The import module name (imports only; empty for exports).</param>
/// <param name="MemoryName">The guest's memory export name.</param>
/// <param name="AllocatorName">The guest's allocator export name.</param>
/// <param name="Members">The members that can be bound.</param>
/// <param name="HasUnboundMembers">
/// Whether some abstract member was left out (it has an error the generator or the compiler reports). An exports
/// interface then gets a <c>Bind</c> that throws, since no class can implement it.
/// </param>
/// <param name="HintName">The generated file's hint name.</param>
/// <param name="CallerDataType">
/// The <c>TData</c> of the <c>Caller&lt;TData&gt;</c> parameters of an imports interface (its <c>AddTo</c> then takes a
/// <c>Linker&lt;TData&gt;</c>), or null when no member takes one.
/// </param>
internal sealed record InterfaceModel(
    BindingKind Kind,
    string? Namespace,
    EquatableArray<ContainingTypeModel> ContainingTypes,
    string Name,
    string DisplayName,
    string ModuleName,
    string MemoryName,
    string AllocatorName,
    EquatableArray<MemberModel> Members,
    bool HasUnboundMembers,
    string HintName,
    string? CallerDataType = null,
    StringEncoding StringEncoding = StringEncoding.Utf8);

/// <summary>The guest's Canonical ABI <c>string-encoding</c> (mirrors <c>WasmBind.WasmStringEncoding</c>).</summary>
internal enum StringEncoding : byte
{
    Utf8,
    Utf16,
    Latin1Utf16,
}

/// <summary>What the model builder made of one attributed type: the model (null when nothing can be generated) and its diagnostics.</summary>
internal sealed record BindingResult(InterfaceModel? Interface, EquatableArray<DiagnosticInfo> Diagnostics);
