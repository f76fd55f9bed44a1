using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace WasmBind.Analyzers.Analysis;

/// <summary>Whether an <c>await</c> could stand where an operation is, so a fix that inserts one still compiles.</summary>
internal static class AwaitContext
{
    /// <summary>
    /// True inside an async function, outside a <c>lock</c>, an unsafe context, a catch filter and the non-lambda
    /// parts of a query: the places C# accepts <c>await</c>.
    /// </summary>
    public static bool CanAwait(IOperation operation, FunctionScope scope)
    {
        if (!scope.IsAsync) return false;
        for (var current = operation.Parent; current is not null && current != scope.Node; current = current.Parent)
        {
            if (current is ILockOperation) return false;
        }
        var stop = scope.Node?.Syntax;
        for (var node = operation.Syntax.Parent; node is not null && node != stop; node = node.Parent)
        {
            switch (node)
            {
                case UnsafeStatementSyntax:
                case CatchFilterClauseSyntax:
                case QueryExpressionSyntax:
                    return false;
                case MemberDeclarationSyntax member when member.Modifiers.Any(SyntaxKind.UnsafeKeyword):
                    return false;
            }
        }
        return true;
    }

    /// <summary>
    /// True when a ref struct local (a span) is declared before <paramref name="operation"/> and used after it:
    /// an <c>await</c> there would not compile (CS4007), so no fix is offered. Textual order, which is exact for
    /// straight-line code and misses only a span declared before a loop and used at its top.
    /// </summary>
    public static bool RefStructLiveAcross(IOperation operation, FunctionScope scope)
    {
        var start = operation.Syntax.SpanStart;
        var end = operation.Syntax.Span.End;
        var tree = operation.Syntax.SyntaxTree;
        foreach (var descendant in scope.Body.DescendantsInFunction())
        {
            if (descendant is ILocalReferenceOperation { Local.Type.IsRefLikeType: true } reference
                && reference.Syntax.SpanStart >= end)
            {
                var declared = reference.Local.DeclarationPosition(tree);
                if (declared >= 0 && declared < start) return true;
            }
        }
        return false;
    }

    /// <summary>The innermost <see cref="System.Threading.CancellationToken"/> parameter visible at <paramref name="operation"/>, if any.</summary>
    public static IParameterSymbol? CancellationTokenInScope(IOperation operation, ISymbol containingSymbol, WellKnownTypes types)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            var symbol = current switch
            {
                IAnonymousFunctionOperation lambda => lambda.Symbol,
                ILocalFunctionOperation local => local.Symbol,
                _ => null,
            };
            if (symbol is not null && FindToken(symbol, types) is { } token) return token;
        }
        return containingSymbol is IMethodSymbol method ? FindToken(method, types) : null;
    }

    private static IParameterSymbol? FindToken(IMethodSymbol method, WellKnownTypes types)
    {
        foreach (var parameter in method.Parameters)
        {
            // A discard (`_`) parameter cannot be named in the fix.
            if (types.IsCancellationToken(parameter.Type) && !parameter.IsDiscard && parameter.Name.Length > 0) return parameter;
        }
        return null;
    }

    /// <summary>
    /// True inside a <c>finally</c> block or a <c>catch</c> clause of the enclosing function: cleanup that must run to
    /// the end even when the operation was cancelled, so a fix must not hand it the operation's token.
    /// </summary>
    public static bool IsInCleanup(IOperation operation)
    {
        var child = operation;
        for (var current = operation.Parent; current is not null; child = current, current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation) return false;
            if (current is ITryOperation tryOperation && (child == tryOperation.Finally || child is ICatchClauseOperation)) return true;
        }
        return false;
    }
}
