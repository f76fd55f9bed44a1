using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace WasmBind.Analyzers.Analysis;

/// <summary>
/// Which store-bound variables of one member probably share a store: a variable initialized or assigned from an
/// expression that mentions another (<c>var inst = linker.Instantiate(store, m)</c>, <c>var f = inst.GetFunction(..)</c>)
/// joins its family. Two parameters, or two variables made from different <c>new Store(..)</c>, stay apart. This is
/// what lets "one store per task" pass while "the task uses the function, this thread uses the memory" is caught.
/// </summary>
internal sealed class StoreFamilies
{
    private readonly Dictionary<ISymbol, ISymbol> parents = new(SymbolEqualityComparer.Default);
    private readonly WellKnownTypes types;

    private StoreFamilies(WellKnownTypes types) => this.types = types;

    public static StoreFamilies Build(IOperation root, WellKnownTypes types)
    {
        var families = new StoreFamilies(types);
        foreach (var operation in root.Descendants())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when types.IsStoreBound(declarator.Symbol.Type):
                    if (declarator.GetVariableInitializer()?.Value is { } initial) families.UnionAll(declarator.Symbol, initial);
                    break;
                case ISimpleAssignmentOperation assignment when assignment.Target.ReferencedSymbol() is { } target
                    && types.IsStoreBound(Captures.TypeOf(target)):
                    families.UnionAll(target, assignment.Value);
                    break;
            }
        }
        return families;
    }

    public bool Same(ISymbol a, ISymbol b) => SymbolEqualityComparer.Default.Equals(Find(a), Find(b));

    /// <summary>
    /// The first reference, in <paramref name="scope"/> between <paramref name="from"/> and <paramref name="to"/> and
    /// outside <paramref name="excluded"/>, to a variable in <paramref name="symbol"/>'s family; null when none.
    /// </summary>
    public IOperation? FirstUse(IOperation scope, ISymbol symbol, int from, int to, TextSpan excluded)
    {
        IOperation? first = null;
        foreach (var operation in scope.Descendants())
        {
            var start = operation.Syntax.SpanStart;
            if (start < from || start >= to || excluded.Contains(operation.Syntax.Span)) continue;
            if (operation.ReferencedSymbol() is not { } referenced || !types.IsStoreBound(Captures.TypeOf(referenced))) continue;
            if (!Same(referenced, symbol)) continue;
            if (first is null || start < first.Syntax.SpanStart) first = operation;
        }
        return first;
    }

    /// <summary>True when anything under <paramref name="operation"/> refers to <paramref name="symbol"/>'s family.</summary>
    public bool Mentions(IOperation operation, ISymbol symbol) =>
        FirstUse(operation, symbol, int.MinValue, int.MaxValue, default) is not null
        || (operation.ReferencedSymbol() is { } self && types.IsStoreBound(Captures.TypeOf(self)) && Same(self, symbol));

    private void UnionAll(ISymbol target, IOperation value)
    {
        if (value.ReferencedSymbol() is { } direct && types.IsStoreBound(Captures.TypeOf(direct))) Union(target, direct);
        foreach (var operation in value.Descendants())
        {
            if (operation.ReferencedSymbol() is { } source && types.IsStoreBound(Captures.TypeOf(source))) Union(target, source);
        }
    }

    private ISymbol Find(ISymbol symbol)
    {
        while (parents.TryGetValue(symbol, out var parent) && !SymbolEqualityComparer.Default.Equals(parent, symbol)) symbol = parent;
        return symbol;
    }

    private void Union(ISymbol a, ISymbol b)
    {
        var rootA = Find(a);
        var rootB = Find(b);
        if (!SymbolEqualityComparer.Default.Equals(rootA, rootB)) parents[rootA] = rootB;
    }
}
