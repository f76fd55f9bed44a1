using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using WasmBind.Analyzers.Analysis;

namespace WasmBind.Analyzers.Rules;

/// <summary>
/// WB1003: <c>Function.Invoke</c> or a typed <c>Call</c> in an async method, lambda or local function, where
/// <c>CallAsync</c> exists. Only the innermost function counts: a sync lambda inside an async method is sync code.
/// Not reported where C# forbids <c>await</c> (a <c>lock</c>, an unsafe context, a catch filter).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SyncCallInAsyncCodeAnalyzer : WasmBindAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.SyncCallInAsyncCode);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, WellKnownTypes types) =>
        context.RegisterOperationAction(c => Analyze(c, types), OperationKind.Invocation);

    private static void Analyze(OperationAnalysisContext context, WellKnownTypes types)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (!types.TryGetAsyncCounterpart(invocation.TargetMethod, out var asyncForm)) return;
        var scope = invocation.EnclosingFunction(context.ContainingSymbol);
        if (!AwaitContext.CanAwait(invocation, scope)) return;

        var properties = ImmutableDictionary.CreateBuilder<string, string?>();
        var shape = FixShape(invocation, scope, types);
        properties[SyncCallProperties.Shape] = shape;
        properties[SyncCallProperties.AsyncName] = asyncForm.Name;
        // Pass the token in scope, when the async form takes one; not to cleanup in a finally block or catch clause,
        // which must run to the end on cancellation too (the token would make it throw at once instead).
        foreach (var parameter in asyncForm.Parameters)
        {
            if (AwaitContext.IsInCleanup(invocation)) break;
            if (!types.IsCancellationToken(parameter.Type)) continue;
            if (AwaitContext.CancellationTokenInScope(invocation, context.ContainingSymbol, types) is { } token)
            {
                properties[SyncCallProperties.Token] = token.Name;
                properties[SyncCallProperties.TokenParameter] = parameter.Name;
            }
            break;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.SyncCallInAsyncCode,
            invocation.Syntax.GetLocation(),
            properties.ToImmutable(),
            invocation.TargetMethod.ContainingType.Name + "." + invocation.TargetMethod.Name,
            scope.Describe(),
            asyncForm.Name));
    }

    /// <summary>How the fix rewrites the arguments, decided here where the types are known; see <see cref="SyncCallProperties"/>.</summary>
    private static string FixShape(IInvocationOperation invocation, FunctionScope scope, WellKnownTypes types)
    {
        // `f?.Call(x)` would become an await of a nullable ValueTask; a span live across the new await would not compile.
        if (invocation.Syntax is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax }) return SyncCallProperties.NoFix;
        if (AwaitContext.RefStructLiveAcross(invocation, scope)) return SyncCallProperties.NoFix;
        if (!SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, types.Function)) return SyncCallProperties.Typed;

        // Function.Invoke(params ReadOnlySpan<Value>) -> CallAsync(Value[]); the (arguments, results) overload has no
        // mechanical rewrite (its results go to a caller-owned span).
        if (invocation.TargetMethod.Parameters.Length != 1 || invocation.Arguments.Length != 1) return SyncCallProperties.NoFix;
        var argument = invocation.Arguments[0];
        // Expanded arguments need C# 13 (params spans), so a collection expression (C# 12) is always available.
        if (argument.ArgumentKind == ArgumentKind.ParamCollection || argument.Value.Unwrap() is ICollectionExpressionOperation)
        {
            var syntaxArguments = ((InvocationExpressionSyntax)invocation.Syntax).ArgumentList.Arguments;
            return syntaxArguments.Count == 1 && syntaxArguments[0].Expression is CollectionExpressionSyntax
                ? SyncCallProperties.Typed
                : SyncCallProperties.ValuesCollection;
        }
        // One argument that converts to ReadOnlySpan<Value>: an array passes as is, a span needs ToArray().
        return argument.Value.Unwrap().Type is IArrayTypeSymbol ? SyncCallProperties.Typed : SyncCallProperties.ValuesToArray;
    }
}

/// <summary>The diagnostic properties WB1003 hands to its code fix.</summary>
public static class SyncCallProperties
{
    /// <summary>The async method's name (<c>CallAsync</c>).</summary>
    public const string AsyncName = "AsyncName";

    /// <summary>A CancellationToken parameter in scope, by name; absent when there is none.</summary>
    public const string Token = "Token";

    /// <summary>The async method's CancellationToken parameter, for a named argument.</summary>
    public const string TokenParameter = "TokenParameter";

    /// <summary>One of the shapes below.</summary>
    public const string Shape = "Shape";

    /// <summary>No mechanical fix.</summary>
    public const string NoFix = "NoFix";

    /// <summary>Same arguments, renamed method (typed calls, or Invoke given an array or a collection expression).</summary>
    public const string Typed = "Typed";

    /// <summary>Invoke's params arguments become one collection expression <c>[a, b]</c>.</summary>
    public const string ValuesCollection = "ValuesCollection";

    /// <summary>Invoke's one span argument becomes <c>span.ToArray()</c>.</summary>
    public const string ValuesToArray = "ValuesToArray";
}
