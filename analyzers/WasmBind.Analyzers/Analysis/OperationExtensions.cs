using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace WasmBind.Analyzers.Analysis;

/// <summary>Small walks over the operation tree that several rules share.</summary>
internal static class OperationExtensions
{
    /// <summary>The operation under implicit and explicit conversions and delegate creations.</summary>
    public static IOperation Unwrap(this IOperation operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation conversion: operation = conversion.Operand; break;
                case IDelegateCreationOperation creation: operation = creation.Target; break;
                case IParenthesizedOperation parenthesized: operation = parenthesized.Operand; break;
                default: return operation;
            }
        }
    }

    /// <summary>The first ancestor that is not a conversion or delegate creation, and the child it was reached from.</summary>
    public static IOperation? ParentSkippingConversions(this IOperation operation, out IOperation child)
    {
        child = operation;
        var parent = operation.Parent;
        while (parent is IConversionOperation or IDelegateCreationOperation or IParenthesizedOperation)
        {
            child = parent;
            parent = parent.Parent;
        }
        return parent;
    }

    /// <summary>The top of the operation tree: a method body, a field initializer, and so on.</summary>
    public static IOperation Root(this IOperation operation)
    {
        while (operation.Parent is { } parent) operation = parent;
        return operation;
    }

    /// <summary>
    /// Descendants that run as part of this function: nested lambdas and local functions are their own functions
    /// (they run at another time, or never), so their bodies are skipped.
    /// </summary>
    public static IEnumerable<IOperation> DescendantsInFunction(this IOperation operation)
    {
        var stack = new Stack<IOperation>();
        foreach (var child in operation.ChildOperations) stack.Push(child);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            yield return current;
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation) continue;
            foreach (var child in current.ChildOperations) stack.Push(child);
        }
    }

    /// <summary>The innermost lambda, anonymous method or local function around <paramref name="operation"/>, or the member body.</summary>
    public static FunctionScope EnclosingFunction(this IOperation operation, ISymbol containingSymbol)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case IAnonymousFunctionOperation lambda: return new FunctionScope(lambda, lambda.Symbol, lambda.Body);
                case ILocalFunctionOperation local: return new FunctionScope(local, local.Symbol, local.Body ?? (IOperation)local);
            }
        }
        return new FunctionScope(null, containingSymbol as IMethodSymbol, operation.Root());
    }

    /// <summary>The operation that is a statement of a block (or the root), containing <paramref name="operation"/>.</summary>
    public static IOperation ContainingStatement(this IOperation operation, out IBlockOperation? block)
    {
        var current = operation;
        while (current.Parent is { } parent and not IBlockOperation)
        {
            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation) break;
            current = parent;
        }
        block = current.Parent as IBlockOperation;
        return current;
    }

    /// <summary>True when <paramref name="reference"/> is the target of a simple assignment (a write, not a read).</summary>
    public static bool IsAssignmentTarget(this IOperation reference) =>
        reference.Parent is ISimpleAssignmentOperation assignment && assignment.Target == reference;

    /// <summary>The symbol a local, parameter or field reference names; null for anything else.</summary>
    public static ISymbol? ReferencedSymbol(this IOperation operation) => operation switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        IFieldReferenceOperation field => field.Field,
        _ => null,
    };

    /// <summary>True when a symbol's declaration lies inside <paramref name="span"/> of the same tree.</summary>
    public static bool IsDeclaredWithin(this ISymbol symbol, SyntaxTree tree, TextSpan span)
    {
        foreach (var reference in symbol.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree == tree && span.Contains(reference.Span)) return true;
        }
        return false;
    }

    /// <summary>Where a symbol is declared in <paramref name="tree"/>, or -1.</summary>
    public static int DeclarationPosition(this ISymbol symbol, SyntaxTree tree)
    {
        foreach (var reference in symbol.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree == tree) return reference.Span.Start;
        }
        return -1;
    }

    /// <summary>The body of the local function <paramref name="symbol"/> declared somewhere under <paramref name="root"/>.</summary>
    public static ILocalFunctionOperation? FindLocalFunction(this IOperation root, IMethodSymbol symbol)
    {
        foreach (var descendant in root.Descendants())
        {
            if (descendant is ILocalFunctionOperation local && SymbolEqualityComparer.Default.Equals(local.Symbol, symbol.OriginalDefinition))
                return local;
        }
        return null;
    }

    /// <summary>The lambda or local function a delegate-typed value stands for, when it is one written in this code.</summary>
    public static IOperation? DelegateBody(this IOperation value, IOperation root)
    {
        switch (value.Unwrap())
        {
            case IAnonymousFunctionOperation lambda:
                return lambda;
            case IMethodReferenceOperation { Method.MethodKind: MethodKind.LocalFunction } reference:
                return root.FindLocalFunction(reference.Method);
            default:
                return null;
        }
    }
}

/// <summary>A function body as the rules see it: a lambda, an anonymous method, a local function, or a member.</summary>
internal readonly struct FunctionScope
{
    public FunctionScope(IOperation? node, IMethodSymbol? symbol, IOperation body)
    {
        Node = node;
        Symbol = symbol;
        Body = body;
    }

    /// <summary>The lambda or local function operation; null for the member itself.</summary>
    public IOperation? Node { get; }

    public IMethodSymbol? Symbol { get; }

    public IOperation Body { get; }

    public bool IsAsync => Symbol?.IsAsync == true;

    /// <summary>"method", "lambda" or "local function", for messages.</summary>
    public string Describe() => Node switch
    {
        IAnonymousFunctionOperation => Node.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.AnonymousMethodExpressionSyntax ? "anonymous method" : "lambda",
        ILocalFunctionOperation => "local function",
        _ => "method",
    };
}
