using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using WasmBind.Analyzers.Rules;

namespace WasmBind.Analyzers.CodeFixes;

/// <summary>
/// WB1003: <c>f.Call(a)</c> → <c>await f.CallAsync(a, ct)</c>, and <c>f.Invoke(a, b)</c> →
/// <c>await f.CallAsync([a, b], ct)</c>, with <c>ct</c> the CancellationToken parameter in scope when there is one.
/// The analyzer decides the argument shape (it knows the types); this only rewrites syntax.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SyncCallCodeFixProvider)), Shared]
public sealed class SyncCallCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.SyncCallInAsyncCode);

    public override FixAllProvider GetFixAllProvider() => new FixAll();

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!CanFix(diagnostic) || root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax) continue;
            var name = diagnostic.Properties[SyncCallProperties.AsyncName];
            context.RegisterCodeFix(
                CodeAction.Create($"Await {name}", ct => FixDocumentAsync(context.Document, ImmutableArray.Create(diagnostic), ct), "WB1003.AwaitAsyncForm"),
                diagnostic);
        }
    }

    private static bool CanFix(Diagnostic diagnostic) =>
        diagnostic.Properties.TryGetValue(SyncCallProperties.Shape, out var shape) && shape != SyncCallProperties.NoFix
        && diagnostic.Properties.ContainsKey(SyncCallProperties.AsyncName);

    private static async Task<Document> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null) return document;
        // Innermost first, so `a.Call(b.Call(1))` rewrites both: the outer edit sees the inner one.
        var targets = diagnostics.Where(CanFix)
            .Select(d => (Diagnostic: d, Node: root.FindNode(d.Location.SourceSpan, getInnermostNodeForTie: true) as InvocationExpressionSyntax))
            .Where(t => t.Node is not null)
            .OrderBy(t => t.Node!.Span.Length)
            .ToList();
        var editor = new Microsoft.CodeAnalysis.Editing.SyntaxEditor(root, document.Project.Solution.Services);
        foreach (var (diagnostic, node) in targets)
        {
            var original = node!;
            editor.ReplaceNode(original, (current, _) => Rewrite((InvocationExpressionSyntax)current, original, diagnostic));
        }
        return document.WithSyntaxRoot(editor.GetChangedRoot());
    }

    private static SyntaxNode Rewrite(InvocationExpressionSyntax current, InvocationExpressionSyntax original, Diagnostic diagnostic)
    {
        var properties = diagnostic.Properties;
        if (current.Expression is not MemberAccessExpressionSyntax access) return current;
        var renamed = access.WithName(SyntaxFactory.IdentifierName(properties[SyncCallProperties.AsyncName]!).WithTriviaFrom(access.Name));

        var arguments = current.ArgumentList.Arguments;
        switch (properties[SyncCallProperties.Shape])
        {
            case SyncCallProperties.ValuesCollection:
                arguments = SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(SyntaxFactory.CollectionExpression(
                    SyntaxFactory.SeparatedList<CollectionElementSyntax>(arguments.Select(a => SyntaxFactory.ExpressionElement(a.Expression.WithoutTrivia()))))));
                break;
            case SyncCallProperties.ValuesToArray:
                var span = arguments[0].Expression.WithoutTrivia();
                arguments = SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, span, SyntaxFactory.IdentifierName("ToArray")))));
                break;
        }

        if (properties.TryGetValue(SyncCallProperties.Token, out var token) && token is not null)
        {
            var argument = SyntaxFactory.Argument(SyntaxFactory.IdentifierName(token));
            // After a named argument a positional one is an error unless in position; name the token to be safe.
            if (arguments.Any(a => a.NameColon is not null) && properties.TryGetValue(SyncCallProperties.TokenParameter, out var parameter) && parameter is not null)
                argument = argument.WithNameColon(SyntaxFactory.NameColon(parameter));
            arguments = arguments.Add(argument);
        }

        var call = current.WithExpression(renamed).WithArgumentList(current.ArgumentList.WithArguments(arguments));
        return AwaitSyntax.Replace(original, call);
    }

    /// <summary>Fix all in a document at once, so nested and neighbouring calls are rewritten together.</summary>
    private sealed class FixAll : DocumentBasedFixAllProvider
    {
        protected override string GetFixAllTitle(FixAllContext fixAllContext) => "Await the async forms of synchronous wasm calls";

        protected override async Task<Document?> FixAllAsync(FixAllContext fixAllContext, Document document, ImmutableArray<Diagnostic> diagnostics) =>
            await FixDocumentAsync(document, diagnostics, fixAllContext.CancellationToken).ConfigureAwait(false);
    }
}
