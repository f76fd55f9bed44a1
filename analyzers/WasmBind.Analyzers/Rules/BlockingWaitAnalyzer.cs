using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using WasmBind.Analyzers.Analysis;

namespace WasmBind.Analyzers.Rules;

/// <summary>
/// WB1004: a blocking wait (<c>.Result</c>, <c>.Wait()</c>, <c>GetAwaiter().GetResult()</c>, <c>Task.WaitAll</c>,
/// <c>Task.WaitAny</c>, <c>Thread.Sleep</c>) where it hurts WebAssembly:
/// (1) on the task of a wasm call (<c>CallAsync</c>, <c>InstantiateAsync</c>), anywhere, including among the tasks
/// given to <c>WaitAll</c>/<c>WaitAny</c>;
/// (2) in the body of an async host function (a lambda given to <c>Linker.DefineAsyncFunction</c>, or a method that
/// implements a task-returning member of a <c>[WasmImports]</c> interface);
/// (3) in an async function that itself calls WebAssembly.
/// Not reported: <c>.Result</c>/<c>GetResult()</c> on a task local already awaited, or checked with
/// <c>IsCompleted</c>/<c>IsCompletedSuccessfully</c>, earlier in the function (the task is finished; no thread blocks).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BlockingWaitAnalyzer : WasmBindAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.BlockingWaitOnAsyncPath);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, WellKnownTypes types) =>
        context.RegisterOperationAction(c => Analyze(c, types), OperationKind.Invocation, OperationKind.PropertyReference);

    private static void Analyze(OperationAnalysisContext context, WellKnownTypes types)
    {
        var operation = context.Operation;
        ISymbol? member = operation switch
        {
            IInvocationOperation invocation => invocation.TargetMethod,
            IPropertyReferenceOperation property => property.Property,
            _ => null,
        };
        if (member is null || !types.TryGetBlockingWait(member, out var kind)) return;

        var waited = WaitedTask(operation, kind, types);
        var scope = operation.EnclosingFunction(context.ContainingSymbol);
        string reason;
        if (waited is not null ? IsWasmCallTask(waited, types) : WaitsOnWasmCallTask(operation, kind, types))
        {
            reason = "on the task of a WebAssembly call";
        }
        else if (IsAsyncHostFunction(scope, types))
        {
            reason = "inside an async host function";
        }
        else if (scope.Node is null && context.ContainingSymbol is IMethodSymbol method && types.ImplementsAsyncImport(method))
        {
            reason = "inside the implementation of an async [WasmImports] member, which runs as an async host function";
        }
        else if (scope.IsAsync && CallsWasm(scope, types))
        {
            reason = "inside async code that calls WebAssembly";
        }
        else
        {
            return;
        }
        if (waited is not null && AlreadyComplete(waited, operation, scope, types)) return;

        var canAwait = AwaitContext.CanAwait(operation, scope) && !AwaitContext.RefStructLiveAcross(operation, scope);
        var fix = canAwait ? MechanicalFix(operation, kind) : null;
        var properties = ImmutableDictionary<string, string?>.Empty;
        if (fix is not null) properties = properties.Add(BlockingWaitProperties.Fix, fix);
        // Task.Delay takes the token in scope, so the delay ends when the operation is cancelled; not in cleanup code,
        // which must run to the end on cancellation too.
        if (fix == BlockingWaitProperties.Delay && !AwaitContext.IsInCleanup(operation)
            && AwaitContext.CancellationTokenInScope(operation, context.ContainingSymbol, types) is { } token)
        {
            properties = properties.Add(BlockingWaitProperties.Token, token.Name);
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.BlockingWaitOnAsyncPath,
            operation.Syntax.GetLocation(),
            properties,
            Describe(kind),
            reason,
            Advice(kind, canAwait)));
    }

    /// <summary>The task being waited on, for the waits that have one (not WaitAll, WaitAny, Sleep).</summary>
    private static IOperation? WaitedTask(IOperation operation, BlockingWaitKind kind, WellKnownTypes types)
    {
        switch (kind)
        {
            case BlockingWaitKind.Result when operation is IPropertyReferenceOperation { Instance: { } task }:
                return task;
            case BlockingWaitKind.Wait when operation is IInvocationOperation { Instance: { } task }:
                return task;
            case BlockingWaitKind.GetResult when operation is IInvocationOperation { Instance: IInvocationOperation getAwaiter }
                && types.IsGetAwaiter(getAwaiter.TargetMethod):
                return getAwaiter.Instance;
            default:
                return null;
        }
    }

    /// <summary><c>Task.WaitAll</c>/<c>WaitAny</c> with the task of a wasm call among its arguments.</summary>
    private static bool WaitsOnWasmCallTask(IOperation operation, BlockingWaitKind kind, WellKnownTypes types)
    {
        if (kind is not (BlockingWaitKind.WaitAll or BlockingWaitKind.WaitAny) || operation is not IInvocationOperation combinator) return false;
        foreach (var element in Joins.Elements(combinator))
        {
            if (IsWasmCallTask(element, types)) return true;
        }
        return false;
    }

    /// <summary>
    /// True when <paramref name="task"/> is the task of a wasm call: the call itself (through ConfigureAwait/AsTask),
    /// or a local initialized with one.
    /// </summary>
    private static bool IsWasmCallTask(IOperation task, WellKnownTypes types)
    {
        task = StripPassThrough(task.Unwrap(), types);
        if (task is ILocalReferenceOperation local)
        {
            // The initializer of the local's declaration, one step back; later reassignments are not followed.
            foreach (var descendant in task.Root().Descendants())
            {
                if (descendant is IVariableDeclaratorOperation declarator
                    && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local.Local))
                {
                    return declarator.GetVariableInitializer()?.Value is { } value
                        && StripPassThrough(value.Unwrap(), types) is IInvocationOperation call
                        && types.IsAsyncWasmCall(call.TargetMethod);
                }
            }
            return false;
        }
        return task is IInvocationOperation invocation && types.IsAsyncWasmCall(invocation.TargetMethod);
    }

    private static IOperation StripPassThrough(IOperation operation, WellKnownTypes types)
    {
        while (operation is IInvocationOperation { Instance: { } inner } invocation && types.IsTaskPassThrough(invocation.TargetMethod))
            operation = inner.Unwrap();
        return operation;
    }

    private static bool IsAsyncHostFunction(FunctionScope scope, WellKnownTypes types) =>
        scope.Node is IAnonymousFunctionOperation lambda
        && lambda.ParentSkippingConversions(out _) is IArgumentOperation { Parent: IInvocationOperation definer }
        && types.IsAsyncHostDefiner(definer.TargetMethod);

    private static bool CallsWasm(FunctionScope scope, WellKnownTypes types)
    {
        foreach (var descendant in scope.Body.DescendantsInFunction())
        {
            if (descendant is IInvocationOperation invocation && types.RunsWasm(invocation.TargetMethod)) return true;
        }
        return false;
    }

    /// <summary>A task local that was awaited, or tested for completion, before this wait: the wait does not block.</summary>
    private static bool AlreadyComplete(IOperation waited, IOperation wait, FunctionScope scope, WellKnownTypes types)
    {
        if (StripPassThrough(waited.Unwrap(), types) is not ILocalReferenceOperation local) return false;
        var position = wait.Syntax.SpanStart;
        foreach (var descendant in scope.Body.DescendantsInFunction())
        {
            if (descendant.Syntax.SpanStart >= position) continue;
            switch (descendant)
            {
                case IAwaitOperation awaited when References(awaited.Operation, local.Local):
                    return true;
                case IPropertyReferenceOperation { Instance: { } instance } property
                    when types.IsCompletionCheck(property.Property) && References(instance, local.Local):
                    return true;
            }
        }
        return false;
    }

    private static bool References(IOperation operation, ILocalSymbol local)
    {
        if (operation is ILocalReferenceOperation direct && SymbolEqualityComparer.Default.Equals(direct.Local, local)) return true;
        foreach (var descendant in operation.Descendants())
        {
            if (descendant is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local)) return true;
        }
        return false;
    }

    /// <summary>Which rewrite the code fix applies; null when none is mechanical.</summary>
    private static string? MechanicalFix(IOperation operation, BlockingWaitKind kind) => kind switch
    {
        BlockingWaitKind.Result or BlockingWaitKind.GetResult => BlockingWaitProperties.Await,
        BlockingWaitKind.Wait when operation is IInvocationOperation { Arguments.Length: 0 } => BlockingWaitProperties.Await,
        BlockingWaitKind.Sleep when operation is IInvocationOperation { Arguments.Length: 1 } => BlockingWaitProperties.Delay,
        // WaitAll(params Task[]) and WaitAll(params ReadOnlySpan<Task>) map onto WhenAll; the timeout forms do not.
        BlockingWaitKind.WaitAll when operation is IInvocationOperation { TargetMethod.Parameters.Length: 1 } => BlockingWaitProperties.WhenAll,
        _ => null,
    };

    private static string Describe(BlockingWaitKind kind) => kind switch
    {
        BlockingWaitKind.Result => ".Result",
        BlockingWaitKind.Wait => ".Wait()",
        BlockingWaitKind.GetResult => "GetAwaiter().GetResult()",
        BlockingWaitKind.WaitAll => "Task.WaitAll",
        BlockingWaitKind.WaitAny => "Task.WaitAny",
        _ => "Thread.Sleep",
    };

    private static string Advice(BlockingWaitKind kind, bool canAwait)
    {
        if (!canAwait) return "make the function async and await instead, or call the synchronous form";
        return kind switch
        {
            BlockingWaitKind.Sleep => "await Task.Delay instead",
            BlockingWaitKind.WaitAll => "await Task.WhenAll instead",
            BlockingWaitKind.WaitAny => "await Task.WhenAny instead",
            _ => "await the task instead",
        };
    }
}

/// <summary>The diagnostic properties WB1004 hands to its code fix.</summary>
public static class BlockingWaitProperties
{
    /// <summary>Present when a mechanical fix exists: one of the values below.</summary>
    public const string Fix = "Fix";

    /// <summary><c>t.Result</c>, <c>t.Wait()</c>, <c>t.GetAwaiter().GetResult()</c> → <c>await t</c>.</summary>
    public const string Await = "Await";

    /// <summary><c>Thread.Sleep(x)</c> → <c>await Task.Delay(x)</c>.</summary>
    public const string Delay = "Delay";

    /// <summary><c>Task.WaitAll(a, b)</c> → <c>await Task.WhenAll(a, b)</c>.</summary>
    public const string WhenAll = "WhenAll";

    /// <summary>For <see cref="Delay"/>: the CancellationToken in scope, by name, passed to <c>Task.Delay</c>; absent when none (or in cleanup code).</summary>
    public const string Token = "Token";
}
