using Microsoft.CodeAnalysis;

namespace WasmBind.Analyzers;

/// <summary>The descriptors of the WB1xxx rules. Titles and messages are in English only; the docs pages say more.</summary>
internal static class Descriptors
{
    /// <summary>
    /// Every rule's page is docs/rules/WBnnnn.md in the repository; the index is docs/rules/README.md. The repository's
    /// address is the build's RepositoryUrl (Directory.Build.props), compiled in as <see cref="RepositoryInfo.Url"/>.
    /// </summary>
    public const string HelpLinkBase = RepositoryInfo.Url + "/blob/main/docs/rules/";

    public const string ThreadingCategory = "WasmBind.Threading";
    public const string AsyncCategory = "WasmBind.Async";
    public const string MemoryCategory = "WasmBind.Memory";
    public const string LifetimeCategory = "WasmBind.Lifetime";

    public static readonly DiagnosticDescriptor StoreUsedAcrossThreads = new(
        DiagnosticIds.StoreUsedAcrossThreads,
        title: "A Store or an object that belongs to one is used from another thread",
        messageFormat: "'{0}' {1}; a Store and everything in it may be used by one thread at a time",
        ThreadingCategory,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A Store, and every Instance, Memory, Function, Global and Table in it, may be used by one thread at a time. A delegate run by Task.Run, a Thread, the thread pool, Parallel or a timer runs while the code that started it goes on.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.StoreUsedAcrossThreads + ".md");

    public static readonly DiagnosticDescriptor StoreInStaticField = new(
        DiagnosticIds.StoreInStaticField,
        title: "A Store or an object that belongs to one is kept in a static field",
        messageFormat: "'{0}' is a static {1} that holds {2}, which every thread can reach; keep stores per operation or per thread, or mark the field [ThreadStatic]",
        ThreadingCategory,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A static field is shared by every thread, but a Store and the objects in it may be used by one thread at a time.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.StoreInStaticField + ".md");

    public static readonly DiagnosticDescriptor SyncCallInAsyncCode = new(
        DiagnosticIds.SyncCallInAsyncCode,
        title: "Synchronous WebAssembly call in async code",
        messageFormat: "'{0}' runs WebAssembly synchronously inside an async {1}; await '{2}' instead",
        AsyncCategory,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A synchronous call blocks the thread for the whole WebAssembly call and fails when the code reaches an async host function. The async form suspends at async imports and yield points without blocking a thread.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.SyncCallInAsyncCode + ".md");

    public static readonly DiagnosticDescriptor BlockingWaitOnAsyncPath = new(
        DiagnosticIds.BlockingWaitOnAsyncPath,
        title: "Blocking wait on an async WebAssembly path",
        messageFormat: "'{0}' blocks a thread {1}; {2}",
        AsyncCategory,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Blocking a thread on a task in an async host function, in async code that calls WebAssembly, or on the task of a WebAssembly call wastes the thread for the whole call and can deadlock when the task needs the blocked thread to finish.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.BlockingWaitOnAsyncPath + ".md");

    public static readonly DiagnosticDescriptor MemorySpanHeldAcrossGrowth = new(
        DiagnosticIds.MemorySpanHeldAcrossGrowth,
        title: "Span over linear memory used after a call that can grow the memory",
        messageFormat: "'{0}' was taken from a Memory before '{1}', which can grow the memory and leave the span over the old bytes; take the span again after the call",
        MemoryCategory,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Growing a memory moves its bytes. A span taken before any WebAssembly call or Memory.Grow may point at the old bytes afterwards: reads see stale data and writes are lost.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.MemorySpanHeldAcrossGrowth + ".md");

    public static readonly DiagnosticDescriptor CallerEscapes = new(
        DiagnosticIds.CallerEscapes,
        title: "A Caller escapes its host function",
        messageFormat: "'{0}' is a Caller, valid only while its host function runs, and {1}",
        LifetimeCategory,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A Caller is valid only while the host function that received it runs (for an async host function, until its task completes). Keeping it in a field or collection, returning it, or handing it to a delegate that runs later uses it after that.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.CallerEscapes + ".md");
}
