using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace WasmBind.Analyzers.CodeFixes;

/// <summary>Builds <c>await expr</c> to stand where another expression stood.</summary>
internal static class AwaitSyntax
{
    /// <summary>
    /// <c>await <paramref name="operand"/></c>, parenthesized when <paramref name="original"/> is the receiver of a
    /// member access, an indexer, an invocation or a postfix operator (which bind tighter than <c>await</c>).
    /// </summary>
    public static ExpressionSyntax Replace(ExpressionSyntax original, ExpressionSyntax operand)
    {
        ExpressionSyntax awaited = SyntaxFactory.AwaitExpression(operand.WithoutTrivia());
        if (NeedsParentheses(original)) awaited = SyntaxFactory.ParenthesizedExpression(awaited);
        return awaited.WithTriviaFrom(original).WithAdditionalAnnotations(Formatter.Annotation);
    }

    private static bool NeedsParentheses(ExpressionSyntax original) => original.Parent switch
    {
        MemberAccessExpressionSyntax access => access.Expression == original,
        ElementAccessExpressionSyntax element => element.Expression == original,
        ConditionalAccessExpressionSyntax conditional => conditional.Expression == original,
        InvocationExpressionSyntax invocation => invocation.Expression == original,
        PostfixUnaryExpressionSyntax => true,
        _ => false,
    };

    /// <summary>A fully qualified type or member name that the simplifier shortens where a using allows it.</summary>
    public static ExpressionSyntax Qualified(string name) =>
        SyntaxFactory.ParseExpression(name).WithAdditionalAnnotations(Simplifier.Annotation);
}
