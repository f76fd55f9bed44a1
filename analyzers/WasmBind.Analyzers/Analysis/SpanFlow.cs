using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace WasmBind.Analyzers.Analysis;

/// <summary>A read of a span local that may point at memory bytes from before a growth, and the call that grew it.</summary>
internal readonly struct StaleSpanUse
{
    public StaleSpanUse(ILocalReferenceOperation use, IOperation growth)
    {
        Use = use;
        Growth = growth;
    }

    public ILocalReferenceOperation Use { get; }

    public IOperation Growth { get; }
}

/// <summary>
/// WB1005's data flow over one function's control flow graph (Roslyn's <see cref="ControlFlowGraph"/>, so branches,
/// loops, <c>goto</c> and <c>using</c> are followed exactly).
/// Tracked: <c>Span&lt;T&gt;</c>/<c>ReadOnlySpan&lt;T&gt;</c> locals assigned from an expression that reads
/// <c>Memory.Span</c> or <c>Memory.GetSpan</c>, or another tracked local (slices, conversions, conditionals).
/// State: for each tracked local, the growth that made it stale, if any — a may-analysis (stale on some path).
/// An assignment to the local makes it fresh; any wasm call or instantiation makes every tracked local stale; a
/// <c>Memory.Grow</c> on a variable makes stale the spans of that variable's memory (and of memories not known by
/// variable). Operands are evaluated before the operation, and an assignment's value before its target, as at run
/// time, so <c>span[0] = f.Call()</c> is a stale write.
/// Not followed: calls into other methods (a helper that calls wasm), spans passed in as parameters, ref locals,
/// spans held in ref struct fields, paths through exception handlers.
/// </summary>
internal sealed class SpanFlow
{
    private readonly WellKnownTypes types;
    private readonly List<ILocalSymbol> tracked = new();
    private readonly Dictionary<ILocalSymbol, int> index = new(SymbolEqualityComparer.Default);

    // Per tracked local, the memory variable its bytes came from; null when not known by variable.
    private readonly List<ISymbol?> memoryOf = new();
    private readonly Dictionary<(int Local, IOperation Growth), ILocalReferenceOperation> firstStaleUse = new();
    private bool recording;

    private SpanFlow(WellKnownTypes types) => this.types = types;

    /// <summary>Every stale use in <paramref name="graph"/> and the graphs of the lambdas and local functions in it.</summary>
    public static List<StaleSpanUse> Analyze(ControlFlowGraph graph, WellKnownTypes types)
    {
        var result = new List<StaleSpanUse>();
        AnalyzeRecursive(graph, types, result, depth: 0);
        return result;
    }

    private static void AnalyzeRecursive(ControlFlowGraph graph, WellKnownTypes types, List<StaleSpanUse> result, int depth)
    {
        new SpanFlow(types).Run(graph, result);
        if (depth > 16) return;
        foreach (var local in graph.LocalFunctions)
            AnalyzeRecursive(graph.GetLocalFunctionControlFlowGraph(local), types, result, depth + 1);
        foreach (var block in graph.Blocks)
        {
            foreach (var operation in BlockOperations(block))
            {
                foreach (var descendant in operation.DescendantsAndSelf())
                {
                    if (descendant is IFlowAnonymousFunctionOperation lambda)
                        AnalyzeRecursive(graph.GetAnonymousFunctionControlFlowGraph(lambda), types, result, depth + 1);
                }
            }
        }
    }

    private void Run(ControlFlowGraph graph, List<StaleSpanUse> result)
    {
        FindTracked(graph);
        if (tracked.Count == 0) return;

        var blocks = graph.Blocks;
        var exits = new IOperation?[blocks.Length][];
        var changed = true;
        // A may-analysis over a finite lattice with monotone transfers: this converges. The bound is a safety net.
        for (var pass = 0; changed && pass < 64; pass++)
        {
            changed = false;
            foreach (var block in blocks)
            {
                var state = Entry(block, exits);
                foreach (var operation in block.Operations) Visit(operation, state);
                if (block.BranchValue is { } branch) Visit(branch, state);
                if (exits[block.Ordinal] is not { } previous || !SameState(previous, state))
                {
                    exits[block.Ordinal] = state;
                    changed = true;
                }
            }
        }

        // Uses are recorded in one last pass over the settled states, so each read is judged once, by its final state.
        recording = true;
        foreach (var block in blocks)
        {
            var state = Entry(block, exits);
            foreach (var operation in block.Operations) Visit(operation, state);
            if (block.BranchValue is { } branch) Visit(branch, state);
        }
        foreach (var pair in firstStaleUse) result.Add(new StaleSpanUse(pair.Value, pair.Key.Growth));
    }

    private IOperation?[] Entry(BasicBlock block, IOperation?[]?[] exits)
    {
        var state = new IOperation?[tracked.Count];
        foreach (var branch in block.Predecessors)
        {
            if (exits[branch.Source.Ordinal] is not { } exit) continue;
            for (var i = 0; i < state.Length; i++) state[i] = Earlier(state[i], exit[i]);
        }
        return state;
    }

    private static IOperation? Earlier(IOperation? a, IOperation? b)
    {
        if (a is null) return b;
        if (b is null) return a;
        return b.Syntax.SpanStart < a.Syntax.SpanStart ? b : a;
    }

    private static bool SameState(IOperation?[] a, IOperation?[] b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i]) return false;
        }
        return true;
    }

    /// <summary>Evaluates <paramref name="operation"/> in run-time order: operands first, then the operation.</summary>
    private void Visit(IOperation operation, IOperation?[] state)
    {
        switch (operation)
        {
            case IFlowAnonymousFunctionOperation:
                return;
            case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when index.TryGetValue(target.Local, out var assigned):
                Visit(assignment.Value, state);
                state[assigned] = null;
                return;
            case ISimpleAssignmentOperation assignment:
                Visit(assignment.Value, state);
                Visit(assignment.Target, state);
                return;
            case ILocalReferenceOperation reference when index.TryGetValue(reference.Local, out var used):
                if (recording && state[used] is { } growth)
                {
                    var key = (used, growth);
                    if (!firstStaleUse.TryGetValue(key, out var earlier) || reference.Syntax.SpanStart < earlier.Syntax.SpanStart)
                        firstStaleUse[key] = reference;
                }
                return;
        }

        foreach (var child in operation.ChildOperations) Visit(child, state);

        if (operation is IInvocationOperation invocation && types.CanGrowMemory(invocation.TargetMethod))
        {
            var grown = SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, types.Memory)
                ? invocation.Instance?.Unwrap().ReferencedSymbolOrProperty()
                : null;
            for (var i = 0; i < state.Length; i++)
            {
                if (grown is null || memoryOf[i] is null || SymbolEqualityComparer.Default.Equals(memoryOf[i], grown)) state[i] = invocation;
            }
        }
    }

    /// <summary>Finds the span locals that hold memory bytes, iterating until slices of slices are found too.</summary>
    private void FindTracked(ControlFlowGraph graph)
    {
        var derivedCaptures = new HashSet<CaptureId>();
        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var block in graph.Blocks)
            {
                foreach (var operation in BlockOperations(block))
                {
                    foreach (var descendant in operation.DescendantsAndSelf())
                    {
                        switch (descendant)
                        {
                            case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment
                                when types.IsSpan(target.Local.Type) && !index.ContainsKey(target.Local)
                                    && FromMemory(assignment.Value, derivedCaptures, out var memory):
                                index[target.Local] = tracked.Count;
                                tracked.Add(target.Local);
                                memoryOf.Add(memory);
                                changed = true;
                                break;
                            case IFlowCaptureOperation capture when !derivedCaptures.Contains(capture.Id)
                                && FromMemory(capture.Value, derivedCaptures, out _):
                                derivedCaptures.Add(capture.Id);
                                changed = true;
                                break;
                        }
                    }
                }
            }
        }
    }

    /// <summary>True when <paramref name="value"/> reads a Memory's span or a tracked local; <paramref name="memory"/> names the memory when it is a variable.</summary>
    private bool FromMemory(IOperation value, HashSet<CaptureId> derivedCaptures, out ISymbol? memory)
    {
        memory = null;
        var found = false;
        foreach (var operation in value.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IPropertyReferenceOperation property when types.IsMemorySpanAccessor(property.Property):
                    found = true;
                    memory = property.Instance?.Unwrap().ReferencedSymbolOrProperty();
                    break;
                case IInvocationOperation invocation when types.IsMemorySpanAccessor(invocation.TargetMethod):
                    found = true;
                    memory = invocation.Instance?.Unwrap().ReferencedSymbolOrProperty();
                    break;
                case ILocalReferenceOperation local when index.TryGetValue(local.Local, out var source):
                    found = true;
                    memory = memoryOf[source];
                    break;
                case IFlowCaptureReferenceOperation capture when derivedCaptures.Contains(capture.Id):
                    found = true;
                    break;
            }
        }
        return found;
    }

    private static IEnumerable<IOperation> BlockOperations(BasicBlock block)
    {
        foreach (var operation in block.Operations) yield return operation;
        if (block.BranchValue is { } branch) yield return branch;
    }
}

internal static class SpanFlowExtensions
{
    /// <summary>A local, parameter, field or property a receiver names (the memory a span came from); null otherwise.</summary>
    public static ISymbol? ReferencedSymbolOrProperty(this IOperation operation) =>
        operation.ReferencedSymbol() ?? (operation as IPropertyReferenceOperation)?.Property;
}
