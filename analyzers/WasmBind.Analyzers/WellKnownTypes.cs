using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace WasmBind.Analyzers;

/// <summary>
/// The runtime's and the BCL's types and members the rules look for, resolved once per compilation and shared by
/// every analyzer (a <see cref="ConditionalWeakTable{TKey,TValue}"/> keyed by the compilation, so six analyzers do
/// not resolve them six times). Rules compare symbols (<see cref="SymbolEqualityComparer"/>), never names: a
/// renamed local or an unrelated <c>Call</c> method cannot confuse them. The member names below are the only place
/// a name is spelled; a rename in the runtime shows up here as a rule that stops reporting, caught by the tests.
/// </summary>
internal sealed class WellKnownTypes
{
    private static readonly ConditionalWeakTable<Compilation, WellKnownTypes> Cache = new();

    /// <summary>The types for <paramref name="compilation"/>, or null when it does not reference the runtime (every rule is then off).</summary>
    public static WellKnownTypes? Get(Compilation compilation)
    {
        var types = Cache.GetValue(compilation, static c => new WellKnownTypes(c));
        return types.Store is null ? null : types;
    }

    private readonly HashSet<ISymbol> syncWasmCalls = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ISymbol, IMethodSymbol> asyncCounterparts = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ISymbol> asyncWasmCalls = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ISymbol> memoryGrowers = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ISymbol> memorySpanAccessors = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ISymbol> asyncHostDefiners = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ISymbol, ThreadSinkKind> threadSinks = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ISymbol, BlockingWaitKind> blockingWaits = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ISymbol> taskPassThrough = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ISymbol> getAwaiters = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ISymbol> whenAll = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ISymbol> threadJoin = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ISymbol> completionChecks = new(SymbolEqualityComparer.Default);

    // Filled lazily from many analyzer threads; the sets above are filled once in the constructor and only read.
    private readonly ConcurrentDictionary<INamedTypeSymbol, bool> boundExports = new(SymbolEqualityComparer.Default);

    private WellKnownTypes(Compilation compilation)
    {
        INamedTypeSymbol? Type(string metadataName) => compilation.GetTypeByMetadataName(metadataName);

        Store = Type("WasmBind.Store");
        if (Store is null) return;
        StoreOfT = Type("WasmBind.Store`1");
        Instance = Type("WasmBind.Instance");
        Extern = Type("WasmBind.Extern");
        Memory = Type("WasmBind.Memory");
        Function = Type("WasmBind.Function");
        TypedFunction = Type("WasmBind.TypedFunction");
        ResumableCall = Type("WasmBind.ResumableCall");
        Caller = Type("WasmBind.Caller");
        CallerOfT = Type("WasmBind.Caller`1");
        // Generated bindings: an object implementing a [WasmExports] interface wraps an Instance, and each of its
        // members calls an export. Null in a runtime without the binding attributes.
        WasmExportsAttribute = Type("WasmBind.WasmExportsAttribute");
        WasmImportsAttribute = Type("WasmBind.WasmImportsAttribute");
        var linker = Type("WasmBind.Linker");
        var linkerOfT = Type("WasmBind.Linker`1");
        var instancePre = Type("WasmBind.InstancePre");

        Task = Type("System.Threading.Tasks.Task");
        TaskOfT = Type("System.Threading.Tasks.Task`1");
        ValueTask = Type("System.Threading.Tasks.ValueTask");
        ValueTaskOfT = Type("System.Threading.Tasks.ValueTask`1");
        CancellationToken = Type("System.Threading.CancellationToken");
        ThreadStaticAttribute = Type("System.ThreadStaticAttribute");
        Span = Type("System.Span`1");
        ReadOnlySpan = Type("System.ReadOnlySpan`1");
        Lazy = Type("System.Lazy`1");
        IEnumerable = Type("System.Collections.IEnumerable");
        var thread = Type("System.Threading.Thread");

        // Wasm calls. Function.Invoke is sync with CallAsync as its async form; every typed wrapper (TypedFunc<...>,
        // TypedAction<...>, whatever arities the runtime generates) is found by walking the namespace for types
        // deriving from TypedFunction, so a new arity needs no change here.
        var callAsync = Members(Function, "CallAsync").OfType<IMethodSymbol>().FirstOrDefault();
        foreach (var invoke in Members(Function, "Invoke")) AddSyncCall(invoke, callAsync);
        AddAll(asyncWasmCalls, Members(Function, "CallAsync"));
        foreach (var typed in TypedFunctionTypes())
        {
            var asyncForm = Members(typed, "CallAsync").OfType<IMethodSymbol>().FirstOrDefault();
            foreach (var call in Members(typed, "Call")) AddSyncCall(call, asyncForm);
            AddAll(asyncWasmCalls, Members(typed, "CallAsync"));
            AddAll(memoryGrowers, Members(typed, "CallResumable"));
        }
        foreach (var type in new[] { linker, linkerOfT, instancePre }) AddAll(asyncWasmCalls, Members(type, "InstantiateAsync"));

        // Anything that runs WebAssembly (which may execute memory.grow) or grows a memory directly.
        AddAll(memoryGrowers, syncWasmCalls);
        AddAll(memoryGrowers, asyncWasmCalls);
        AddAll(memoryGrowers, Members(Function, "CallResumable"));
        AddAll(memoryGrowers, Members(ResumableCall, "Resume"));
        foreach (var type in new[] { linker, linkerOfT, instancePre }) AddAll(memoryGrowers, Members(type, "Instantiate"));
        AddAll(memoryGrowers, Members(Memory, "Grow"));
        AddAll(memorySpanAccessors, Members(Memory, "Span"));
        AddAll(memorySpanAccessors, Members(Memory, "GetSpan"));

        AddAll(asyncHostDefiners, Members(linker, "DefineAsyncFunction"));
        AddAll(asyncHostDefiners, Members(linkerOfT, "DefineAsyncFunction"));

        // Where a delegate starts running on another thread.
        AddSinks(Members(Task, "Run"), ThreadSinkKind.Task);
        AddSinks(Members(Type("System.Threading.Tasks.TaskFactory"), "StartNew"), ThreadSinkKind.Task);
        AddSinks(Members(Type("System.Threading.Tasks.TaskFactory`1"), "StartNew"), ThreadSinkKind.Task);
        AddSinks(Members(Task, "ContinueWith"), ThreadSinkKind.Task);
        AddSinks(Members(TaskOfT, "ContinueWith"), ThreadSinkKind.Task);
        AddSinks(Constructors(Task), ThreadSinkKind.Task);
        AddSinks(Constructors(TaskOfT), ThreadSinkKind.Task);
        AddSinks(Constructors(thread), ThreadSinkKind.Thread);
        var threadPool = Type("System.Threading.ThreadPool");
        AddSinks(Members(threadPool, "QueueUserWorkItem"), ThreadSinkKind.Detached);
        AddSinks(Members(threadPool, "UnsafeQueueUserWorkItem"), ThreadSinkKind.Detached);
        AddSinks(Constructors(Type("System.Threading.Timer")), ThreadSinkKind.Timer);
        TimerElapsed = Members(Type("System.Timers.Timer"), "Elapsed").OfType<IEventSymbol>().FirstOrDefault();
        // PLINQ: every ParallelEnumerable operator that takes a delegate runs it on several threads at once.
        foreach (var member in Type("System.Linq.ParallelEnumerable")?.GetMembers() ?? ImmutableArray<ISymbol>.Empty)
        {
            if (member is IMethodSymbol plinq && plinq.Parameters.Any(p => p.Type.TypeKind == TypeKind.Delegate)) threadSinks[plinq] = ThreadSinkKind.Repeated;
        }
        var parallel = Type("System.Threading.Tasks.Parallel");
        foreach (var name in new[] { "For", "ForEach", "ForAsync", "ForEachAsync" }) AddSinks(Members(parallel, name), ThreadSinkKind.Repeated);
        AddSinks(Members(parallel, "Invoke"), ThreadSinkKind.Siblings);

        // Blocking waits, and the task plumbing around them.
        AddWaits(Members(Task, "Wait"), BlockingWaitKind.Wait);
        AddWaits(Members(TaskOfT, "Result"), BlockingWaitKind.Result);
        AddWaits(Members(ValueTaskOfT, "Result"), BlockingWaitKind.Result);
        AddWaits(Members(Task, "WaitAll"), BlockingWaitKind.WaitAll);
        AddWaits(Members(Task, "WaitAny"), BlockingWaitKind.WaitAny);
        AddWaits(Members(thread, "Sleep"), BlockingWaitKind.Sleep);
        foreach (var awaiter in new[]
        {
            "System.Runtime.CompilerServices.TaskAwaiter",
            "System.Runtime.CompilerServices.TaskAwaiter`1",
            "System.Runtime.CompilerServices.ValueTaskAwaiter",
            "System.Runtime.CompilerServices.ValueTaskAwaiter`1",
            "System.Runtime.CompilerServices.ConfiguredTaskAwaitable+ConfiguredTaskAwaiter",
            "System.Runtime.CompilerServices.ConfiguredTaskAwaitable`1+ConfiguredTaskAwaiter",
            "System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable+ConfiguredValueTaskAwaiter",
            "System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable`1+ConfiguredValueTaskAwaiter",
        })
        {
            AddWaits(Members(Type(awaiter), "GetResult"), BlockingWaitKind.GetResult);
        }
        foreach (var awaitable in new[]
        {
            Task, TaskOfT, ValueTask, ValueTaskOfT,
            Type("System.Runtime.CompilerServices.ConfiguredTaskAwaitable"),
            Type("System.Runtime.CompilerServices.ConfiguredTaskAwaitable`1"),
            Type("System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable"),
            Type("System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable`1"),
        })
        {
            AddAll(getAwaiters, Members(awaitable, "GetAwaiter"));
        }
        foreach (var task in new[] { Task, TaskOfT, ValueTask, ValueTaskOfT })
        {
            AddAll(taskPassThrough, Members(task, "ConfigureAwait"));
            AddAll(taskPassThrough, Members(task, "AsTask"));
            AddAll(completionChecks, Members(task, "IsCompleted"));
            AddAll(completionChecks, Members(task, "IsCompletedSuccessfully"));
        }
        AddAll(whenAll, Members(Task, "WhenAll"));
        AddAll(threadJoin, Members(thread, "Join"));
    }

    public INamedTypeSymbol? Store { get; }
    public INamedTypeSymbol? StoreOfT { get; }
    public INamedTypeSymbol? Instance { get; }
    public INamedTypeSymbol? Extern { get; }
    public INamedTypeSymbol? Memory { get; }
    public INamedTypeSymbol? Function { get; }
    public INamedTypeSymbol? TypedFunction { get; }
    public INamedTypeSymbol? ResumableCall { get; }
    public INamedTypeSymbol? Caller { get; }
    public INamedTypeSymbol? CallerOfT { get; }
    public INamedTypeSymbol? WasmExportsAttribute { get; }
    public INamedTypeSymbol? WasmImportsAttribute { get; }

    /// <summary><c>System.Timers.Timer.Elapsed</c>: its handlers run on thread-pool threads, several at once when a tick is slow.</summary>
    public IEventSymbol? TimerElapsed { get; }
    public INamedTypeSymbol? Task { get; }
    public INamedTypeSymbol? TaskOfT { get; }
    public INamedTypeSymbol? ValueTask { get; }
    public INamedTypeSymbol? ValueTaskOfT { get; }
    public INamedTypeSymbol? CancellationToken { get; }
    public INamedTypeSymbol? ThreadStaticAttribute { get; }
    public INamedTypeSymbol? Span { get; }
    public INamedTypeSymbol? ReadOnlySpan { get; }
    public INamedTypeSymbol? Lazy { get; }
    public INamedTypeSymbol? IEnumerable { get; }

    /// <summary>A synchronous wasm call that has an async form (<c>Function.Invoke</c>, <c>TypedFunc.Call</c>, ...), and that form.</summary>
    public bool TryGetAsyncCounterpart(IMethodSymbol method, out IMethodSymbol asyncForm) =>
        asyncCounterparts.TryGetValue(method.OriginalDefinition, out asyncForm!);

    public bool IsSyncWasmCall(IMethodSymbol method) => syncWasmCalls.Contains(method.OriginalDefinition);

    /// <summary>A call that returns the task of a wasm call: CallAsync, InstantiateAsync, an async member of a bound [WasmExports] interface.</summary>
    public bool IsAsyncWasmCall(IMethodSymbol method) =>
        asyncWasmCalls.Contains(method.OriginalDefinition) || (IsBoundExportMember(method) && IsTaskLike(method.ReturnType));

    /// <summary>Runs WebAssembly (sync, async, resumable, instantiation, a bound export) or grows a memory.</summary>
    public bool CanGrowMemory(ISymbol member) =>
        memoryGrowers.Contains(member.OriginalDefinition) || (member is IMethodSymbol method && IsBoundExportMember(method));

    /// <summary>Runs WebAssembly: everything in <see cref="CanGrowMemory"/> except <c>Memory.Grow</c>.</summary>
    public bool RunsWasm(IMethodSymbol method) =>
        CanGrowMemory(method) && !SymbolEqualityComparer.Default.Equals(method.ContainingType, Memory);

    /// <summary>
    /// An instance member of a <c>[WasmExports]</c> interface: the generated implementation calls the guest's export.
    /// (Its static members, such as the generated <c>Bind</c>, do not.) WB1003 does not use these yet: the generator
    /// gives an export one member, sync or async, so "an async form exists" has no meaning for bindings today.
    /// </summary>
    public bool IsBoundExportMember(IMethodSymbol method) =>
        !method.IsStatic && method.MethodKind == MethodKind.Ordinary && IsBoundExports(method.ContainingType);

    /// <summary>A <c>[WasmExports]</c> interface, whose implementations belong to the store of the instance they were bound to.</summary>
    public bool IsBoundExports(ITypeSymbol? type)
    {
        if (WasmExportsAttribute is null || type is not INamedTypeSymbol { TypeKind: TypeKind.Interface } named) return false;
        return boundExports.GetOrAdd(named.OriginalDefinition, HasWasmExportsAttribute);
    }

    private bool HasWasmExportsAttribute(INamedTypeSymbol type) => HasAttribute(type, WasmExportsAttribute);

    private static bool HasAttribute(INamedTypeSymbol type, INamedTypeSymbol? attribute)
    {
        if (attribute is null) return false;
        foreach (var data in type.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(data.AttributeClass, attribute)) return true;
        }
        return false;
    }

    /// <summary>
    /// A method that implements a task-returning member of a <c>[WasmImports]</c> interface: the bindings run it as an
    /// async host function, so it is on the async path of a WebAssembly call.
    /// </summary>
    public bool ImplementsAsyncImport(IMethodSymbol method)
    {
        if (WasmImportsAttribute is null || method.MethodKind is not (MethodKind.Ordinary or MethodKind.ExplicitInterfaceImplementation)
            || method.IsStatic || !IsTaskLike(method.ReturnType) || method.ContainingType is not { } type)
        {
            return false;
        }
        foreach (var implemented in type.AllInterfaces)
        {
            if (!HasAttribute(implemented.OriginalDefinition, WasmImportsAttribute)) continue;
            foreach (var member in implemented.GetMembers(method.ExplicitInterfaceImplementations.Length > 0 ? method.ExplicitInterfaceImplementations[0].Name : method.Name))
            {
                if (member is IMethodSymbol && SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(member), method)) return true;
            }
        }
        return false;
    }

    /// <summary><c>Memory.Span</c> or <c>Memory.GetSpan</c>.</summary>
    public bool IsMemorySpanAccessor(ISymbol member) => memorySpanAccessors.Contains(member.OriginalDefinition);

    public bool IsAsyncHostDefiner(IMethodSymbol method) => asyncHostDefiners.Contains(method.OriginalDefinition);

    public bool TryGetThreadSink(IMethodSymbol method, out ThreadSinkKind kind) => threadSinks.TryGetValue(method.OriginalDefinition, out kind);

    public bool TryGetBlockingWait(ISymbol member, out BlockingWaitKind kind) => blockingWaits.TryGetValue(member.OriginalDefinition, out kind);

    /// <summary><c>ConfigureAwait</c> or <c>AsTask</c>: the same operation, seen through another awaitable.</summary>
    public bool IsTaskPassThrough(IMethodSymbol method) => taskPassThrough.Contains(method.OriginalDefinition);

    public bool IsGetAwaiter(IMethodSymbol method) => getAwaiters.Contains(method.OriginalDefinition);

    /// <summary><c>IsCompleted</c> or <c>IsCompletedSuccessfully</c> of a task or value task.</summary>
    public bool IsCompletionCheck(IPropertySymbol property) => completionChecks.Contains(property.OriginalDefinition);

    public bool IsWhenAll(IMethodSymbol method) => whenAll.Contains(method.OriginalDefinition);

    public bool IsThreadJoin(IMethodSymbol method) => threadJoin.Contains(method.OriginalDefinition);

    public bool IsCancellationToken(ITypeSymbol? type) => SymbolEqualityComparer.Default.Equals(type, CancellationToken);

    /// <summary><c>Caller</c> or <c>Caller&lt;T&gt;</c> (or a nullable one).</summary>
    public bool IsCaller(ITypeSymbol? type)
    {
        type = UnwrapNullable(type);
        return type is not null
            && (SymbolEqualityComparer.Default.Equals(type, Caller) || SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, CallerOfT));
    }

    /// <summary>
    /// A type whose instances belong to one store, other than a Caller: Store, Store&lt;T&gt;, Instance, Extern and its
    /// kinds (Memory, Function, Global, Table), the typed function wrappers, ResumableCall, a bound [WasmExports] interface.
    /// </summary>
    public bool IsStoreOwned(ITypeSymbol? type)
    {
        if (IsBoundExports(UnwrapNullable(type))) return true;
        for (var t = UnwrapNullable(type); t is not null; t = t.BaseType)
        {
            var definition = t.OriginalDefinition;
            if (SymbolEqualityComparer.Default.Equals(definition, Store)
                || SymbolEqualityComparer.Default.Equals(definition, Instance)
                || SymbolEqualityComparer.Default.Equals(definition, Extern)
                || SymbolEqualityComparer.Default.Equals(definition, TypedFunction)
                || SymbolEqualityComparer.Default.Equals(definition, ResumableCall))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary><see cref="IsStoreOwned"/> or <see cref="IsCaller"/>: anything tied to one store's single thread.</summary>
    public bool IsStoreBound(ITypeSymbol? type) => IsStoreOwned(type) || IsCaller(type);

    /// <summary><c>Span&lt;T&gt;</c> or <c>ReadOnlySpan&lt;T&gt;</c>.</summary>
    public bool IsSpan(ITypeSymbol? type) =>
        type is not null
        && (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, Span) || SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, ReadOnlySpan));

    public bool IsTaskLike(ITypeSymbol? type)
    {
        var definition = type?.OriginalDefinition;
        return SymbolEqualityComparer.Default.Equals(definition, Task) || SymbolEqualityComparer.Default.Equals(definition, TaskOfT)
            || SymbolEqualityComparer.Default.Equals(definition, ValueTask) || SymbolEqualityComparer.Default.Equals(definition, ValueTaskOfT)
            || (type is not null && type.BaseType is { } b && IsTaskLike(b));
    }

    private static ITypeSymbol? UnwrapNullable(ITypeSymbol? type) =>
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : type;

    private IEnumerable<INamedTypeSymbol> TypedFunctionTypes()
    {
        foreach (var type in Store!.ContainingNamespace.GetTypeMembers())
        {
            for (var t = type.BaseType; t is not null; t = t.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(t, TypedFunction))
                {
                    yield return type;
                    break;
                }
            }
        }
    }

    private void AddSyncCall(ISymbol call, IMethodSymbol? asyncForm)
    {
        syncWasmCalls.Add(call);
        if (asyncForm is not null) asyncCounterparts[call] = asyncForm;
    }

    private void AddSinks(IEnumerable<ISymbol> members, ThreadSinkKind kind)
    {
        foreach (var member in members) threadSinks[member] = kind;
    }

    private void AddWaits(IEnumerable<ISymbol> members, BlockingWaitKind kind)
    {
        foreach (var member in members) blockingWaits[member] = kind;
    }

    private static void AddAll(HashSet<ISymbol> set, IEnumerable<ISymbol> members)
    {
        foreach (var member in members) set.Add(member);
    }

    private static ImmutableArray<ISymbol> Members(INamedTypeSymbol? type, string name) =>
        type is null ? ImmutableArray<ISymbol>.Empty : type.GetMembers(name);

    private static IEnumerable<ISymbol> Constructors(INamedTypeSymbol? type) =>
        type is null ? ImmutableArray<ISymbol>.Empty : type.InstanceConstructors.CastArray<ISymbol>();
}

/// <summary>How a thread-crossing API runs the delegates it is given.</summary>
internal enum ThreadSinkKind
{
    /// <summary>Once, as a task the caller can await (<c>Task.Run</c>, <c>StartNew</c>, <c>ContinueWith</c>, <c>new Task</c>).</summary>
    Task,

    /// <summary>Once, on a new thread the caller can <c>Join</c>.</summary>
    Thread,

    /// <summary>Many times, concurrently with itself, and returns when done (<c>Parallel.For</c>/<c>ForEach</c>, PLINQ operators).</summary>
    Repeated,

    /// <summary>Many times, concurrently with itself, long after the call that set it up returned (timer callbacks).</summary>
    Timer,

    /// <summary>Each delegate once, all concurrently, and the call returns when all finish (<c>Parallel.Invoke</c>).</summary>
    Siblings,

    /// <summary>Once, with nothing the caller can wait on (<c>ThreadPool.QueueUserWorkItem</c>).</summary>
    Detached,
}

/// <summary>What a blocking wait looks like, which decides its mechanical fix.</summary>
internal enum BlockingWaitKind
{
    Result,
    Wait,
    GetResult,
    WaitAll,
    WaitAny,
    Sleep,
}
