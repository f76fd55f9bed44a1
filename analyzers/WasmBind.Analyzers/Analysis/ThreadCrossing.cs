using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace WasmBind.Analyzers.Analysis;

internal enum CrossingReason
{
    /// <summary>The delegate may run while this code, or another delegate, uses the same store (WB1001).</summary>
    Concurrent,

    /// <summary>The delegate may run after the function that owns the Caller has returned (WB1006).</summary>
    Escapes,
}

/// <summary>One store-bound variable used by a delegate that runs on another thread, and why that is a problem.</summary>
internal readonly struct CrossingFinding
{
    public CrossingFinding(Capture capture, string sink, string how, CrossingReason reason)
    {
        Capture = capture;
        Sink = sink;
        How = how;
        Reason = reason;
    }

    public Capture Capture { get; }

    /// <summary>The API that runs the delegate, as written for people: <c>Task.Run</c>, <c>new Thread</c>.</summary>
    public string Sink { get; }

    /// <summary>The end of the message: how the use overlaps.</summary>
    public string How { get; }

    public CrossingReason Reason { get; }
}

/// <summary>
/// The analysis WB1001 and WB1006 share: given a call that runs delegates on another thread (<c>Task.Run</c>,
/// <c>new Thread</c>, <c>Parallel.For</c>, ...), which store-bound variables those delegates use while the store
/// may be in use elsewhere. The approximation, per captured variable (its "family" is every variable of the member
/// made from it or it from them, see <see cref="StoreFamilies"/>):
/// <list type="bullet">
/// <item>Parallel.For/ForEach and timers run the delegate concurrently with itself: always reported.</item>
/// <item>Parallel.Invoke, or tasks awaited together by WhenAll/WaitAll: reported when another of them uses the family.</item>
/// <item>Awaited or waited for where made (<c>await Task.Run(..)</c>), or returned from a method: a hand-off, not reported.</item>
/// <item>Kept in a local awaited or joined by a later statement of the block: reported when a statement in between uses the family.</item>
/// <item>Otherwise (fire and forget, added to a list): reported when the variable is a field, when the family is used
/// after the call in this member, or when the call sits in a loop or lambda that can run it again and the variable
/// is declared outside it. A store made for the task and not touched again is a hand-off.</item>
/// </list>
/// A Caller is different: it dies when its host function returns, so any delegate not joined before then is an escape.
/// </summary>
internal static class ThreadCrossing
{
    public static List<CrossingFinding> Analyze(IOperation sink, IMethodSymbol method, ThreadSinkKind kind, WellKnownTypes types)
    {
        var findings = new List<CrossingFinding>();
        var root = sink.Root();
        var delegates = DelegatesOf(sink, root);
        if (delegates.Count == 0) return findings;

        var captures = new List<List<Capture>>();
        var any = false;
        foreach (var function in delegates)
        {
            var found = Captures.Find(function, root, types);
            any |= found.Count > 0;
            captures.Add(found);
        }
        if (!any) return findings;

        var name = SinkName(method);
        var families = StoreFamilies.Build(root, types);
        switch (kind)
        {
            case ThreadSinkKind.Repeated:
            case ThreadSinkKind.Timer:
                foreach (var list in captures)
                {
                    foreach (var capture in list)
                    {
                        // A timer calls back after the host function that received a Caller has returned: an escape.
                        findings.Add(kind == ThreadSinkKind.Timer && types.IsCaller(capture.Type)
                            ? new CrossingFinding(capture, name, $"is captured by a callback that '{name}' runs later, on another thread", CrossingReason.Escapes)
                            : new CrossingFinding(capture, name, $"is used by a delegate that '{name}' runs on several threads at once", CrossingReason.Concurrent));
                    }
                }
                return findings;

            case ThreadSinkKind.Siblings:
                for (var i = 0; i < delegates.Count; i++)
                {
                    foreach (var capture in captures[i])
                    {
                        for (var j = 0; j < delegates.Count; j++)
                        {
                            if (j == i || !families.Mentions(delegates[j], capture.Symbol)) continue;
                            findings.Add(new CrossingFinding(capture, name, $"is used by two delegates that '{name}' runs at once", CrossingReason.Concurrent));
                            break;
                        }
                    }
                }
                return findings;
        }

        var join = kind == ThreadSinkKind.Detached ? new Join(JoinKind.NotJoined) : Joins.Analyze(sink, types);
        for (var i = 0; i < delegates.Count; i++)
        {
            foreach (var capture in captures[i])
            {
                if (Classify(capture, join, sink, delegates[i], root, families, types, name) is { } finding) findings.Add(finding);
            }
        }
        return findings;
    }

    private static CrossingFinding? Classify(
        Capture capture, Join join, IOperation sink, IOperation function, IOperation root, StoreFamilies families, WellKnownTypes types, string name)
    {
        var concurrent = $"is used by a delegate that '{name}' runs on another thread while this code can still use the store";
        switch (join.Kind)
        {
            case JoinKind.Joined:
            case JoinKind.Returned:
                return null;

            case JoinKind.JoinedWithSiblings:
                foreach (var sibling in join.Siblings)
                {
                    if (families.Mentions(sibling, capture.Symbol))
                        return new CrossingFinding(capture, name, $"is used by this and another task that run at once", CrossingReason.Concurrent);
                }
                return null;

            case JoinKind.LocalJoin:
                var from = join.Statement!.Syntax.Span.End;
                var to = join.JoinStatement!.Syntax.SpanStart;
                return families.FirstUse(root, capture.Symbol, from, to, function.Syntax.Span) is null
                    ? null
                    : new CrossingFinding(capture, name, concurrent, CrossingReason.Concurrent);
        }

        // Not joined here. A Caller is dead once its host function returns, whatever this code does next.
        if (types.IsCaller(capture.Type))
            return new CrossingFinding(capture, name, $"is captured by a delegate that '{name}' runs later, on another thread", CrossingReason.Escapes);
        if (capture.Symbol is IFieldSymbol
            || families.FirstUse(root, capture.Symbol, sink.Syntax.Span.End, int.MaxValue, function.Syntax.Span) is not null
            || SharedWithRepeatedRun(capture, sink))
        {
            return new CrossingFinding(capture, name, concurrent, CrossingReason.Concurrent);
        }
        return null;
    }

    /// <summary>
    /// True when the sink sits in a loop or lambda that can run it again while the captured variable stays the same
    /// (declared outside that loop or lambda): two delegates then share it. A variable declared in the loop body is
    /// a new one each iteration, so "a store per iteration" passes; so is a lambda's own parameter, which is a different
    /// item (a different plugin, in its own store) each time the lambda runs: <c>plugins.Select(p => Task.Run(() => p.Render()))</c>.
    /// </summary>
    private static bool SharedWithRepeatedRun(Capture capture, IOperation sink)
    {
        for (var current = sink.Parent; current is not null; current = current.Parent)
        {
            if (current is ILocalFunctionOperation) return false;
            if (current is ILoopOperation or IAnonymousFunctionOperation)
                return capture.Symbol is not (ILocalSymbol or IParameterSymbol) || !capture.Symbol.IsDeclaredWithin(current.Syntax.SyntaxTree, current.Syntax.Span);
        }
        return false;
    }

    /// <summary>The lambdas and local functions passed to a sink (including inside a <c>params</c> array).</summary>
    public static List<IOperation> DelegatesOf(IOperation sink, IOperation root)
    {
        var result = new List<IOperation>();
        var arguments = sink switch
        {
            IInvocationOperation invocation => invocation.Arguments,
            IObjectCreationOperation creation => creation.Arguments,
            _ => default,
        };
        if (arguments.IsDefault) return result;
        foreach (var argument in arguments)
        {
            var value = argument.Value.Unwrap();
            if (value is IArrayCreationOperation { Initializer: { } initializer })
            {
                foreach (var element in initializer.ElementValues)
                {
                    if (element.DelegateBody(root) is { } body) result.Add(body);
                }
            }
            else if (value is ICollectionExpressionOperation collection)
            {
                foreach (var element in collection.Elements)
                {
                    if (element.DelegateBody(root) is { } body) result.Add(body);
                }
            }
            else if (argument.Value.DelegateBody(root) is { } body)
            {
                result.Add(body);
            }
        }
        return result;
    }

    /// <summary>The spans of every delegate passed to a thread sink under <paramref name="operation"/>.</summary>
    public static List<TextSpan> SinkDelegateSpans(IOperation operation, WellKnownTypes types)
    {
        var spans = new List<TextSpan>();
        var root = operation.Root();
        foreach (var descendant in operation.DescendantsAndSelf())
        {
            var method = descendant switch
            {
                IInvocationOperation invocation => invocation.TargetMethod,
                IObjectCreationOperation creation => creation.Constructor,
                _ => null,
            };
            if (method is null || !types.TryGetThreadSink(method, out _)) continue;
            foreach (var function in DelegatesOf(descendant, root)) spans.Add(function.Syntax.Span);
        }
        return spans;
    }

    public static string SinkName(IMethodSymbol method) =>
        method.MethodKind == MethodKind.Constructor ? "new " + method.ContainingType.Name : method.ContainingType.Name + "." + method.Name;
}
