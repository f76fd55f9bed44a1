using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace WasmBind.Analyzers.Analysis;

/// <summary>A store-bound variable that a delegate uses but did not declare, and where the delegate first uses it.</summary>
internal readonly struct Capture
{
    public Capture(ISymbol symbol, ITypeSymbol type, IOperation firstReference)
    {
        Symbol = symbol;
        Type = type;
        FirstReference = firstReference;
    }

    public ISymbol Symbol { get; }

    public ITypeSymbol Type { get; }

    public IOperation FirstReference { get; }
}

internal static class Captures
{
    /// <summary>
    /// The store-bound locals, parameters and instance fields (through <c>this</c>) that <paramref name="function"/>
    /// (a lambda or local function) reads but does not declare, following calls to local functions declared outside
    /// it. A variable whose first use in the delegate is an assignment is the delegate's own (it made the store
    /// itself) and is left out. References inside <paramref name="excluded"/> spans are ignored.
    /// </summary>
    public static List<Capture> Find(IOperation function, IOperation root, WellKnownTypes types, IReadOnlyList<TextSpan>? excluded = null)
    {
        var first = new Dictionary<ISymbol, IOperation>(SymbolEqualityComparer.Default);
        var visited = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        Collect(function, root, types, excluded, first, visited);

        var result = new List<Capture>();
        foreach (var pair in first)
        {
            if (pair.Value.IsAssignmentTarget()) continue;
            result.Add(new Capture(pair.Key, TypeOf(pair.Key)!, pair.Value));
        }
        result.Sort((a, b) => a.FirstReference.Syntax.SpanStart.CompareTo(b.FirstReference.Syntax.SpanStart));
        return result;
    }

    private static void Collect(
        IOperation function, IOperation root, WellKnownTypes types, IReadOnlyList<TextSpan>? excluded,
        Dictionary<ISymbol, IOperation> first, HashSet<ISymbol> visited)
    {
        var tree = function.Syntax.SyntaxTree;
        var span = function.Syntax.Span;
        foreach (var operation in function.Descendants())
        {
            if (IsExcluded(operation.Syntax.Span, excluded)) continue;

            // A local function declared outside the delegate runs as part of it when the delegate calls it.
            var called = operation switch
            {
                IInvocationOperation { TargetMethod.MethodKind: MethodKind.LocalFunction } call => call.TargetMethod,
                IMethodReferenceOperation { Method.MethodKind: MethodKind.LocalFunction } reference => reference.Method,
                _ => null,
            };
            if (called is not null && !called.IsDeclaredWithin(tree, span) && visited.Add(called.OriginalDefinition)
                && root.FindLocalFunction(called) is { } localFunction)
            {
                Collect(localFunction, root, types, excluded, first, visited);
                continue;
            }

            var symbol = operation switch
            {
                ILocalReferenceOperation local => (ISymbol)local.Local,
                IParameterReferenceOperation parameter => parameter.Parameter,
                IFieldReferenceOperation { Field.IsStatic: false, Instance: IInstanceReferenceOperation } field => field.Field,
                _ => null,
            };
            if (symbol is null || !types.IsStoreBound(TypeOf(symbol))) continue;
            if (symbol is not IFieldSymbol && symbol.IsDeclaredWithin(tree, span)) continue;
            if (!first.TryGetValue(symbol, out var earlier) || operation.Syntax.SpanStart < earlier.Syntax.SpanStart)
                first[symbol] = operation;
        }
    }

    private static bool IsExcluded(TextSpan span, IReadOnlyList<TextSpan>? excluded)
    {
        if (excluded is null) return false;
        foreach (var region in excluded)
        {
            if (region.Contains(span)) return true;
        }
        return false;
    }

    public static ITypeSymbol? TypeOf(ISymbol symbol) => symbol switch
    {
        ILocalSymbol local => local.Type,
        IParameterSymbol parameter => parameter.Type,
        IFieldSymbol field => field.Type,
        IPropertySymbol property => property.Type,
        _ => null,
    };
}
