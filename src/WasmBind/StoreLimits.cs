namespace WasmBind;

/// <summary>
/// Bounds on what code running in a store may allocate. Growth past a bound fails as the spec allows
/// (<c>memory.grow</c> and <c>table.grow</c> return -1) unless <see cref="TrapOnGrowFailure"/> is set; creating more
/// than allowed fails instantiation with <see cref="ResourceLimitExceededException"/>.
/// </summary>
public sealed record class StoreLimits
{
    /// <summary>The most pages any one memory may have (null: no bound beyond the memory's own maximum).</summary>
    public ulong? MemoryPages { get; init; }

    /// <summary>The most elements any one table may have.</summary>
    public ulong? TableElements { get; init; }

    /// <summary>The most instances the store may hold.</summary>
    public int? Instances { get; init; }

    /// <summary>The most tables the store may hold (defined by modules or the host).</summary>
    public int? Tables { get; init; }

    /// <summary>The most memories the store may hold.</summary>
    public int? Memories { get; init; }

    /// <summary>Trap with <see cref="TrapCode.ResourceLimitExceeded"/> when a memory or table cannot grow, instead of returning -1.</summary>
    public bool TrapOnGrowFailure { get; init; }
}

/// <summary>
/// Decides, case by case, whether a memory or table may grow. Consulted after <see cref="StoreLimits"/> and the
/// object's own maximum allow it; return false to make the growth fail.
/// </summary>
public interface IResourceLimiter
{
    /// <summary>A memory wants to grow from <paramref name="currentPages"/> to <paramref name="desiredPages"/>.</summary>
    bool MemoryGrowing(Memory memory, ulong currentPages, ulong desiredPages);

    /// <summary>A table wants to grow from <paramref name="currentElements"/> to <paramref name="desiredElements"/>.</summary>
    bool TableGrowing(Table table, ulong currentElements, ulong desiredElements);
}

/// <summary>Creating a memory, table or instance would exceed the store's <see cref="StoreLimits"/> or this runtime's limits.</summary>
public sealed class ResourceLimitExceededException : WasmException
{
    /// <summary>Creates the exception.</summary>
    public ResourceLimitExceededException(string message) : base(message) { }
}
