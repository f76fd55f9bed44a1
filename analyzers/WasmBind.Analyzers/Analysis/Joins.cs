using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace WasmBind.Analyzers.Analysis;

internal enum JoinKind
{
    /// <summary>Nothing in this function waits for it: it runs alongside whatever comes next.</summary>
    NotJoined,

    /// <summary>Awaited or waited for where it is made (<c>await Task.Run(..)</c>): the code that made it waits.</summary>
    Joined,

    /// <summary>Awaited or waited for together with other tasks (<c>await Task.WhenAll(a, b)</c>): it runs alongside them.</summary>
    JoinedWithSiblings,

    /// <summary>Kept in a local that a later statement of the same block awaits, waits for or joins.</summary>
    LocalJoin,

    /// <summary>Returned from a method or local function: its caller decides, and this code cannot see it.</summary>
    Returned,
}

/// <summary>What happens to a task (or thread) after it is made, as far as this function shows.</summary>
internal readonly struct Join
{
    public Join(JoinKind kind, ImmutableArray<IOperation> siblings = default, IOperation? statement = null, IOperation? joinStatement = null)
    {
        Kind = kind;
        Siblings = siblings.IsDefault ? ImmutableArray<IOperation>.Empty : siblings;
        Statement = statement;
        JoinStatement = joinStatement;
    }

    public JoinKind Kind { get; }

    /// <summary>For <see cref="JoinKind.JoinedWithSiblings"/>: the other tasks waited for with it.</summary>
    public ImmutableArray<IOperation> Siblings { get; }

    /// <summary>For <see cref="JoinKind.LocalJoin"/>: the statement that makes the task, and the one that waits for it.</summary>
    public IOperation? Statement { get; }

    public IOperation? JoinStatement { get; }
}

internal static class Joins
{
    /// <summary>
    /// Follows a task-valued operation up the tree: through <c>ConfigureAwait</c> and conversions, into an
    /// <c>await</c>, a blocking wait, a <c>WhenAll</c>/<c>WaitAll</c>, a return, or a local that a later statement of
    /// the same block joins (<paramref name="followLocals"/>).
    /// </summary>
    public static Join Analyze(IOperation task, WellKnownTypes types, bool followLocals = true)
    {
        var current = task;
        while (true)
        {
            var parent = current.Parent;
            switch (parent)
            {
                case IConversionOperation or IParenthesizedOperation:
                    current = parent;
                    continue;
                case IAwaitOperation:
                    return new Join(JoinKind.Joined);
                case IPropertyReferenceOperation property when property.Instance == current:
                    return new Join(types.TryGetBlockingWait(property.Property, out var resultKind) && resultKind == BlockingWaitKind.Result
                        ? JoinKind.Joined : JoinKind.NotJoined);
                case IInvocationOperation invocation when invocation.Instance == current:
                    if (types.IsTaskPassThrough(invocation.TargetMethod))
                    {
                        current = invocation;
                        continue;
                    }
                    return new Join(IsWaitOn(invocation, types) ? JoinKind.Joined : JoinKind.NotJoined);
                case IReturnOperation:
                    // From a lambda, the task goes to whoever runs the lambda (a Select, say): nothing known.
                    return new Join(IsInLambda(parent) ? JoinKind.NotJoined : JoinKind.Returned);
                case IArgumentOperation or IArrayInitializerOperation or IArrayCreationOperation or ICollectionExpressionOperation:
                    return Combined(current, parent, types, followLocals);
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } when followLocals:
                    return KeptInLocal(declarator.Symbol, parent, types);
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when followLocals && assignment.Value == current:
                    return KeptInLocal(target.Local, parent, types);
                default:
                    return new Join(JoinKind.NotJoined);
            }
        }
    }

    /// <summary><c>t.Wait()</c>, <c>t.GetAwaiter().GetResult()</c> or <c>thread.Join()</c>.</summary>
    private static bool IsWaitOn(IInvocationOperation invocation, WellKnownTypes types)
    {
        if (types.IsThreadJoin(invocation.TargetMethod)) return true;
        if (types.TryGetBlockingWait(invocation.TargetMethod, out var kind) && kind == BlockingWaitKind.Wait) return true;
        return types.IsGetAwaiter(invocation.TargetMethod)
            && invocation.Parent is IInvocationOperation getResult && getResult.Instance == invocation
            && types.TryGetBlockingWait(getResult.TargetMethod, out var awaiterKind) && awaiterKind == BlockingWaitKind.GetResult;
    }

    private static bool IsInLambda(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation) return true;
            if (current is ILocalFunctionOperation) return false;
        }
        return false;
    }

    /// <summary>An element of <c>Task.WhenAll(..)</c> (joined if the WhenAll is) or <c>Task.WaitAll(..)</c>.</summary>
    private static Join Combined(IOperation element, IOperation parent, WellKnownTypes types, bool followLocals)
    {
        var owner = parent;
        while (owner is IArgumentOperation or IArrayInitializerOperation or IArrayCreationOperation or ICollectionExpressionOperation or IConversionOperation)
            owner = owner.Parent;
        if (owner is not IInvocationOperation combinator) return new Join(JoinKind.NotJoined);
        bool joined;
        if (types.IsWhenAll(combinator.TargetMethod))
            joined = Analyze(combinator, types, followLocals).Kind != JoinKind.NotJoined;
        else
            joined = types.TryGetBlockingWait(combinator.TargetMethod, out var kind) && kind == BlockingWaitKind.WaitAll;
        if (!joined) return new Join(JoinKind.NotJoined);

        var siblings = ImmutableArray.CreateBuilder<IOperation>();
        foreach (var other in Elements(combinator))
        {
            if (!other.Syntax.Span.Contains(element.Syntax.Span) && !element.Syntax.Span.Contains(other.Syntax.Span)) siblings.Add(other);
        }
        return new Join(JoinKind.JoinedWithSiblings, siblings.ToImmutable());
    }

    /// <summary>The task expressions given to a WhenAll/WaitAll, whether as separate arguments, an array, or a collection.</summary>
    public static IEnumerable<IOperation> Elements(IInvocationOperation combinator)
    {
        foreach (var argument in combinator.Arguments)
        {
            if (argument.IsImplicit && argument.ArgumentKind == ArgumentKind.DefaultValue) continue;
            switch (argument.Value.Unwrap())
            {
                case IArrayCreationOperation { Initializer: { } initializer }:
                    foreach (var value in initializer.ElementValues) yield return value;
                    break;
                case ICollectionExpressionOperation collection:
                    foreach (var value in collection.Elements) yield return value;
                    break;
                default:
                    yield return argument.Value;
                    break;
            }
        }
    }

    /// <summary>A task kept in a local: joined when a later statement of the same block awaits or waits for it.</summary>
    private static Join KeptInLocal(ILocalSymbol local, IOperation declaration, WellKnownTypes types)
    {
        var statement = declaration.ContainingStatement(out var block);
        if (block is null) return new Join(JoinKind.NotJoined);
        var index = block.Operations.IndexOf(statement);
        for (var i = index + 1; i < block.Operations.Length; i++)
        {
            var later = block.Operations[i];
            foreach (var operation in later.Descendants())
            {
                if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local)
                    && Analyze(reference, types, followLocals: false).Kind is JoinKind.Joined or JoinKind.JoinedWithSiblings)
                {
                    return new Join(JoinKind.LocalJoin, statement: statement, joinStatement: later);
                }
            }
        }
        return new Join(JoinKind.NotJoined);
    }
}
