using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using WasmBind.Analyzers.Analysis;

namespace WasmBind.Analyzers.Rules;

/// <summary>
/// WB1001: a Store, or something that belongs to one (Instance, Memory, Function, Global, Table, typed function,
/// Caller), used by a delegate that runs on another thread while the store may be in use elsewhere. The thread
/// sinks and the join approximation are in <see cref="ThreadCrossing"/>. Also <c>Task.WhenAll</c> over tasks that
/// share a store: a task-returning lambda inside its arguments (the <c>items.Select(async i => ..)</c> shape makes
/// one task per item, all on the same store), and two arguments that mention the same store's objects.
/// A Caller in a delegate that outlives its host function (a timer callback, a task not awaited) is WB1006's, not
/// reported here. PLINQ operators count as Parallel.ForEach, <c>System.Timers.Timer.Elapsed</c> handlers as timers.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class StoreUsedAcrossThreadsAnalyzer : WasmBindAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.StoreUsedAcrossThreads);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, WellKnownTypes types)
    {
        context.RegisterOperationAction(c => Analyze(c, types), OperationKind.Invocation, OperationKind.ObjectCreation);
        if (types.TimerElapsed is not null) context.RegisterOperationAction(c => AnalyzeTimerHandler(c, types), OperationKind.EventAssignment);
    }

    /// <summary>
    /// <c>timer.Elapsed += handler</c> (System.Timers.Timer): the handler runs on thread-pool threads, overlapping
    /// itself when a tick outlasts the interval. A Caller in it outlives its host function: WB1006's.
    /// </summary>
    private static void AnalyzeTimerHandler(OperationAnalysisContext context, WellKnownTypes types)
    {
        var assignment = (IEventAssignmentOperation)context.Operation;
        if (!assignment.Adds || assignment.EventReference is not IEventReferenceOperation reference
            || !SymbolEqualityComparer.Default.Equals(reference.Event.OriginalDefinition, types.TimerElapsed))
        {
            return;
        }

        var root = assignment.Root();
        if (assignment.HandlerValue.DelegateBody(root) is not { } handler) return;
        foreach (var capture in Captures.Find(handler, root, types))
        {
            if (!types.IsCaller(capture.Type))
                Report(context, capture.FirstReference, capture.Symbol, "is used by a handler that 'Timer.Elapsed' runs on several threads at once");
        }
    }

    private static void Analyze(OperationAnalysisContext context, WellKnownTypes types)
    {
        var method = context.Operation switch
        {
            IInvocationOperation invocation => invocation.TargetMethod,
            IObjectCreationOperation creation => creation.Constructor,
            _ => null,
        };
        if (method is null) return;
        if (types.TryGetThreadSink(method, out var kind))
        {
            foreach (var finding in ThreadCrossing.Analyze(context.Operation, method, kind, types))
            {
                if (finding.Reason == CrossingReason.Concurrent) Report(context, finding.Capture.FirstReference, finding.Capture.Symbol, finding.How);
            }
        }
        else if (context.Operation is IInvocationOperation whenAll && types.IsWhenAll(method))
        {
            AnalyzeWhenAll(context, whenAll, types);
        }
    }

    private static void AnalyzeWhenAll(OperationAnalysisContext context, IInvocationOperation whenAll, WellKnownTypes types)
    {
        var elements = Joins.Elements(whenAll).ToList();
        var sinkSpans = ThreadCrossing.SinkDelegateSpans(whenAll, types);
        var root = whenAll.Root();
        var reported = new HashSet<int>();
        StoreFamilies? families = null;

        // A task-returning lambda in the arguments (a Select selector, typically) makes many tasks from one body.
        var lambdaSpans = new List<Microsoft.CodeAnalysis.Text.TextSpan>();
        foreach (var element in elements)
        {
            foreach (var operation in element.DescendantsAndSelf())
            {
                if (operation is not IAnonymousFunctionOperation lambda || !types.IsTaskLike(lambda.Symbol.ReturnType)) continue;
                if (sinkSpans.Any(span => span.Contains(lambda.Syntax.Span))) continue;
                lambdaSpans.Add(lambda.Syntax.Span);
                foreach (var capture in Captures.Find(lambda, root, types, sinkSpans))
                {
                    if (reported.Add(capture.FirstReference.Syntax.SpanStart))
                        Report(context, capture.FirstReference, capture.Symbol, "is used by every task this lambda makes, and 'Task.WhenAll' runs them at once");
                }
            }
        }

        // Two arguments that use the same store's objects (a task made by a thread sink is judged by the sink's rules).
        for (var j = 0; j < elements.Count; j++)
        {
            if (IsSink(elements[j], types)) continue;
            var seen = new List<ISymbol>();
            foreach (var operation in elements[j].DescendantsAndSelf().OrderBy(o => o.Syntax.SpanStart))
            {
                if (operation.ReferencedSymbol() is not { } symbol || !types.IsStoreBound(Captures.TypeOf(symbol))) continue;
                var span = operation.Syntax.Span;
                if (sinkSpans.Any(s => s.Contains(span)) || lambdaSpans.Any(s => s.Contains(span))) continue;
                families ??= StoreFamilies.Build(root, types);
                if (seen.Any(s => families.Same(s, symbol))) continue;
                seen.Add(symbol);
                for (var i = 0; i < elements.Count; i++)
                {
                    if (i == j || (i > j && !IsSink(elements[i], types)) || !families.Mentions(elements[i], symbol)) continue;
                    if (reported.Add(span.Start)) Report(context, operation, symbol, "is used by two tasks that 'Task.WhenAll' runs at once");
                    break;
                }
            }
        }
    }

    private static bool IsSink(IOperation element, WellKnownTypes types)
    {
        var method = element.Unwrap() switch
        {
            IInvocationOperation invocation => invocation.TargetMethod,
            IObjectCreationOperation creation => creation.Constructor,
            _ => null,
        };
        return method is not null && types.TryGetThreadSink(method, out _);
    }

    private static void Report(OperationAnalysisContext context, IOperation reference, ISymbol symbol, string how) =>
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.StoreUsedAcrossThreads, reference.Syntax.GetLocation(), symbol.Name, how));
}
