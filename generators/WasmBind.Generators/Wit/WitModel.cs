using WasmBind.Generators.Model;

namespace WasmBind.Generators.Wit;

/// <summary>The kinds of WIT type expressions.</summary>
internal enum WitTypeKind : byte
{
    /// <summary>No type: a missing <c>result</c> case, written <c>_</c>.</summary>
    Unit,
    Bool,
    S8,
    U8,
    S16,
    U16,
    S32,
    U32,
    S64,
    U64,
    F32,
    F64,
    Char,
    String,
    List,
    Option,
    Result,
    Tuple,

    /// <summary>A reference to a named type (<see cref="WitType.Name"/>): a record, variant, enum, flags or alias.</summary>
    Named,
}

/// <summary>A WIT type expression, as plain data.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Name">The referenced type's name for <see cref="WitTypeKind.Named"/>; empty otherwise.</param>
/// <param name="Arguments">
/// The element of a list or option, the ok and err types of a result (each possibly <see cref="WitTypeKind.Unit"/>),
/// the members of a tuple.
/// </param>
internal sealed record WitType(WitTypeKind Kind, string Name, EquatableArray<WitType> Arguments)
{
    public static WitType Of(WitTypeKind kind) => new(kind, "", EquatableArray<WitType>.Empty);

    public static WitType Named(string name) => new(WitTypeKind.Named, name, EquatableArray<WitType>.Empty);

    public static WitType Generic(WitTypeKind kind, params WitType[] arguments) => new(kind, "", new EquatableArray<WitType>(arguments));
}

/// <summary>The kinds of WIT type definitions.</summary>
internal enum WitTypeDefKind : byte
{
    Record,
    Variant,
    Enum,
    Flags,

    /// <summary><c>type name = T;</c></summary>
    Alias,
}

/// <summary>A named field of a record, a case of a variant (its type <see cref="WitTypeKind.Unit"/> when it has no payload), or a parameter.</summary>
internal sealed record WitField(string Name, WitType Type);

/// <summary>A type definition in an interface.</summary>
/// <param name="Kind">Record, variant, enum, flags or alias.</param>
/// <param name="Name">Its WIT name (kebab-case).</param>
/// <param name="Fields">A record's fields or a variant's cases.</param>
/// <param name="Cases">An enum's cases or a flags' names.</param>
/// <param name="Target">An alias's type.</param>
internal sealed record WitTypeDef(WitTypeDefKind Kind, string Name, EquatableArray<WitField> Fields, EquatableArray<string> Cases, WitType? Target = null);

/// <summary>A function of an interface; <see cref="Result"/> is null when it returns nothing.</summary>
internal sealed record WitFunction(string Name, EquatableArray<WitField> Parameters, WitType? Result);

/// <summary><c>use other.{a, b};</c></summary>
internal sealed record WitUse(string Interface, EquatableArray<string> Names);

/// <summary>A WIT interface: its <c>use</c>s, type definitions and functions, in order.</summary>
internal sealed record WitInterface(string Name, EquatableArray<WitUse> Uses, EquatableArray<WitTypeDef> Types, EquatableArray<WitFunction> Functions);

/// <summary>A world: the interfaces it imports (the host provides them) and exports (the guest provides them).</summary>
internal sealed record WitWorld(string Name, EquatableArray<string> Imports, EquatableArray<string> Exports);

/// <summary>One WIT package: its name (<c>namespace:name</c>), interfaces and worlds.</summary>
internal sealed record WitPackage(string Name, EquatableArray<WitInterface> Interfaces, EquatableArray<WitWorld> Worlds);
