using WasmBind.Execution;

namespace WasmBind;

/// <summary>
/// Owns every instance, function, memory, table and global created in it, plus the interpreter's stacks.
/// Not thread-safe: use a store from one thread at a time.
/// </summary>
public partial class Store
{
    // Reference values (funcref, externref) live in 64-bit value slots as handles: 0 is null,
    // otherwise the index in these lists plus one. This keeps every slot unboxed.
    private readonly List<Function> functions = new();
    private readonly List<object> externObjects = new();
    private readonly Dictionary<object, int> externHandles = new(ReferenceEqualityComparer.Instance);
    private ExecutionStack? stack;

    /// <summary>Creates an empty store for modules of <paramref name="engine"/>.</summary>
    public Store(Engine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        Engine = engine;
    }

    /// <summary>The engine this store runs modules of.</summary>
    public Engine Engine { get; }

    /// <summary>The host data attached to this store, for <see cref="Store{T}"/>; null for a plain store.</summary>
    public virtual object? UntypedData => null;

    internal ExecutionStack Stack => stack ??= new ExecutionStack(this);

    private int instanceCount, tableCount, memoryCount;

    /// <summary>Bounds on what the store may allocate; null for none. Set before instantiating.</summary>
    public StoreLimits? Limits { get; set; }

    /// <summary>Consulted whenever a memory or table in this store grows; null for none.</summary>
    public IResourceLimiter? Limiter { get; set; }

    internal void CountInstance() => Count(ref instanceCount, Limits?.Instances, "instances");

    internal void CountTable() => Count(ref tableCount, Limits?.Tables, "tables");

    internal void CountMemory() => Count(ref memoryCount, Limits?.Memories, "memories");

    private static void Count(ref int count, int? limit, string what)
    {
        if (count >= limit) throw new ResourceLimitExceededException($"The store's limit of {limit} {what} is reached.");
        count++;
    }

    internal int RegisterFunction(Function function)
    {
        functions.Add(function);
        return functions.Count - 1;
    }

    internal Function GetFunctionByHandle(int handle) => functions[handle];

    internal ulong EncodeFunctionReference(Function? function)
    {
        if (function is null) return 0;
        if (!ReferenceEquals(function.Store, this)) throw new ArgumentException("The function belongs to another store.", nameof(function));
        return (ulong)function.Handle + 1;
    }

    internal Function? DecodeFunctionReference(ulong value) => value == 0 ? null : functions[(int)(value - 1)];

    internal ulong EncodeExternReference(object? value)
    {
        if (value is null) return 0;
        if (!externHandles.TryGetValue(value, out var handle))
        {
            externObjects.Add(value);
            handle = externObjects.Count - 1;
            externHandles.Add(value, handle);
        }
        return (ulong)handle + 1;
    }

    internal object? DecodeExternReference(ulong value) => value == 0 ? null : externObjects[(int)(value - 1)];

    internal ulong EncodeReference(ValueType type, object? value) => type switch
    {
        ValueType.FuncRef => EncodeFunctionReference(value switch
        {
            null => null,
            Function f => f,
            _ => throw new ArgumentException($"A funcref value must be a {nameof(Function)} or null, not {value.GetType().Name}.", nameof(value)),
        }),
        ValueType.ExternRef => EncodeExternReference(value),
        _ => throw new ArgumentException($"{type} is not a reference type.", nameof(type)),
    };

    internal object? DecodeReference(ValueType type, ulong value) =>
        type == ValueType.FuncRef ? DecodeFunctionReference(value) : DecodeExternReference(value);
}

/// <summary>A <see cref="Store"/> that carries host data of type <typeparamref name="T"/>, reachable from host functions through <see cref="Caller"/>.</summary>
public sealed class Store<T> : Store
{
    /// <summary>Creates a store holding <paramref name="data"/>.</summary>
    public Store(Engine engine, T data) : base(engine) => Data = data;

    /// <summary>The host data.</summary>
    public T Data { get; set; }

    /// <inheritdoc />
    public override object? UntypedData => Data;
}
