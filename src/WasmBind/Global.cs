namespace WasmBind;

/// <summary>A global variable.</summary>
public sealed class Global : Extern
{
    // The value as a slot: numbers as bits, references as store handles.
    internal ulong Bits;

    // The high 64 bits of a v128 global (Bits holds the low ones); unused by every other type.
    internal ulong HighBits;

    /// <summary>Creates a global in <paramref name="store"/> with an initial value of its type.</summary>
    public Global(Store store, GlobalType type, Value initial) : base(store)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (initial.Type != type.ValueType)
            throw new ArgumentException($"The initial value is {initial.Type.ToWatName()}, the global is {type.ValueType.ToWatName()}.", nameof(initial));
        Type = type;
        Bits = initial.ToSlot(store);
        HighBits = initial.HighSlot;
    }

    internal Global(Store store, GlobalType type, ulong bits) : base(store)
    {
        Type = type;
        Bits = bits;
    }

    /// <summary>The global's type.</summary>
    public GlobalType Type { get; }

    /// <inheritdoc />
    public override ExternKind Kind => ExternKind.Global;

    /// <inheritdoc />
    public override ExternType ExternType => Type;

    /// <summary>The current value. Setting it requires a mutable global and a value of its type.</summary>
    public Value Value
    {
        get => Type.ValueType == ValueType.V128 ? Value.V128(System.Runtime.Intrinsics.Vector128.Create(Bits, HighBits)) : Value.FromSlot(Store, Type.ValueType, Bits);
        set
        {
            if (!Type.Mutable) throw new InvalidOperationException("The global is immutable.");
            if (value.Type != Type.ValueType)
                throw new ArgumentException($"The value is {value.Type.ToWatName()}, the global is {Type.ValueType.ToWatName()}.", nameof(value));
            Bits = value.ToSlot(Store);
            HighBits = value.HighSlot;
        }
    }
}
