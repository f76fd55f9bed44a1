using WasmBind.Runtime;

namespace WasmBind.Bindings;

public static partial class CanonicalAbi
{
    /// <summary>
    /// Defines an async import whose result travels through guest memory (a string, bytes, or anything else the
    /// Canonical ABI returns through a return pointer). <paramref name="start"/> lifts the arguments and starts the
    /// implementation; <paramref name="store"/> lowers the result, and runs only when the guest call resumes and owns
    /// the store again: at once when the task has already completed, otherwise after the runtime has re-acquired the
    /// store and seen that the call was not cancelled. A cancelled or abandoned call therefore never calls the guest's
    /// allocator or writes its memory, however late the implementation finishes.
    /// </summary>
    /// <typeparam name="TResult">The implementation's result.</typeparam>
    /// <param name="linker">The linker to define the import on.</param>
    /// <param name="module">The import's module name.</param>
    /// <param name="name">The import's name.</param>
    /// <param name="type">The import's core type; its last parameter is the <c>i32</c> return pointer, and it has no results.</param>
    /// <param name="start">Lifts the arguments and returns the implementation's task.</param>
    /// <param name="store">Lowers the result into the guest's memory.</param>
    /// <exception cref="ArgumentException"><paramref name="type"/> does not end in an <c>i32</c> parameter or has results.</exception>
    /// <exception cref="InvalidOperationException">The name is already defined and the linker does not allow shadowing.</exception>
    public static void DefineAsyncImport<TResult>(Linker linker, string module, string name, FunctionType type,
        AsyncImportStart<TResult> start, AsyncImportStore<TResult> store)
    {
        ArgumentNullException.ThrowIfNull(linker);
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(store);
        var parameters = type.ParameterSpan;
        if (parameters.Length == 0 || parameters[^1] != ValueType.I32 || type.ResultSpan.Length != 0)
            throw new ArgumentException($"An import returning through memory has a last i32 parameter (the return pointer) and no results; got {type}.", nameof(type));
        linker.DefineHost(module, name, type, (t, n) => new DeferredLoweringImport<TResult>(t, n, start, store));
    }

    /// <summary>Stores an async import's string result, as <see cref="StoreStringResult"/> does, into the caller's memory <paramref name="memoryName"/>.</summary>
    /// <exception cref="TrapException">The memory or allocator is missing, the return area is bad, or the allocator misbehaves.</exception>
    /// <exception cref="InvalidOperationException">The implementation returned null.</exception>
    public static void StoreAsyncResult(Caller caller, string memoryName, string allocatorName, string value, int returnPointer) =>
        StoreStringResult(caller, GetMemory(caller, memoryName), allocatorName, value, returnPointer);

    /// <summary>Stores an async import's bytes result, as <see cref="StoreBytesResult"/> does, into the caller's memory <paramref name="memoryName"/>.</summary>
    /// <exception cref="TrapException">The memory or allocator is missing, the return area is bad, or the allocator misbehaves.</exception>
    /// <exception cref="InvalidOperationException">The implementation returned null.</exception>
    public static void StoreAsyncResult(Caller caller, string memoryName, string allocatorName, byte[] value, int returnPointer) =>
        StoreBytesResult(caller, GetMemory(caller, memoryName), allocatorName, value ?? throw NullResult("byte[]"), returnPointer);

    /// <summary>Stores an async import's bytes result, as <see cref="StoreBytesResult"/> does, into the caller's memory <paramref name="memoryName"/>.</summary>
    /// <exception cref="TrapException">The memory or allocator is missing, the return area is bad, or the allocator misbehaves.</exception>
    public static void StoreAsyncResult(Caller caller, string memoryName, string allocatorName, ReadOnlyMemory<byte> value, int returnPointer) =>
        StoreBytesResult(caller, GetMemory(caller, memoryName), allocatorName, value.Span, returnPointer);

    /// <summary>
    /// An async host function that keeps its result in .NET until the interpreter resumes the guest call, and only
    /// then writes it into guest memory (see <see cref="DefineAsyncImport{TResult}"/>).
    /// </summary>
    private sealed class DeferredLoweringImport<TResult>(FunctionType type, string name,
        AsyncImportStart<TResult> start, AsyncImportStore<TResult> lower) : AsyncHostFunctionCode(type, name)
    {
        public override bool TryStart(Caller caller, Span<ulong> slots, out PendingHostCall? pending)
        {
            var count = Type.ParameterSpan.Length;
            var returnPointer = (int)(uint)slots[count - 1];
            var task = start(caller, new CoreArguments(slots[..count]));
            if (task.IsCompletedSuccessfully)
            {
                lower(caller, task.Result, returnPointer);
                pending = null;
                return true;
            }
            // Faulted or cancelled already: throw here, so the interpreter traps as for a synchronous host function.
            if (task.IsCompleted) task.GetAwaiter().GetResult();
            pending = new Pending(task, caller, returnPointer, lower);
            return false;
        }

        private sealed class Pending(ValueTask<TResult> task, Caller caller, int returnPointer, AsyncImportStore<TResult> lower) : PendingHostCall
        {
            private TResult result = default!;

            // Only keeps the value: the store may be in use by someone else, or the call cancelled, when the task completes.
            public override async ValueTask WaitAsync() => result = await task.ConfigureAwait(false);

            // Called by the interpreter after it has re-acquired the store for this call and checked its cancellation.
            public override void WriteResults(Store store, Span<ulong> slots) => lower(caller, result, returnPointer);
        }
    }
}
