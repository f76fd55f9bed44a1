using System.Collections.Concurrent;

namespace WasmBind.Runtime;

/// <summary>
/// Interns function types engine-wide. Two functions have the same canonical id exactly when their types are equal,
/// across modules, so an indirect call's type check is an integer comparison.
/// </summary>
internal sealed class TypeRegistry
{
    private readonly ConcurrentDictionary<FunctionType, int> ids = new();
    private int next;

    public int GetId(FunctionType type) => ids.GetOrAdd(type, static (_, self) => Interlocked.Increment(ref self.next), this);
}
