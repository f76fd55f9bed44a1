namespace WasmBind;

/// <summary>Something that can be imported or exported: a <see cref="Function"/>, <see cref="Table"/>, <see cref="Memory"/> or <see cref="Global"/>.</summary>
public abstract class Extern
{
    private protected Extern(Store store)
    {
        ArgumentNullException.ThrowIfNull(store);
        Store = store;
    }

    /// <summary>The store this object belongs to. It may be used only with that store.</summary>
    public Store Store { get; }

    /// <summary>What kind of external this is.</summary>
    public abstract ExternKind Kind { get; }

    /// <summary>This object's type, as an import would declare it.</summary>
    public abstract ExternType ExternType { get; }
}
