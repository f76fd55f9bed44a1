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
using Microsoft.CodeAnalysis.Editing;
using WasmBind.Analyzers.Rules;

namespace WasmBind.Analyzers.CodeFixes;

/// <summary>
/// WB1004, where the rewrite is mechanical and the analyzer found an <c>await</c> legal there:
/// <c>t.Result</c>, <c>t.Wait()</c>, <c>t.GetAwaiter().GetResult()</c> → <c>await t</c>;
/// <c>Thread.Sleep(x)</c> → <c>await Task.Delay(x, ct)</c> (<c>ct</c> the token in scope, when there is one and the
/// sleep is not in cleanup code); <c>Task.WaitAll(a, b)</c> → <c>await Task.WhenAll(a, b)</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BlockingWaitCodeFixProvider)), Shared]
public sealed class BlockingWaitCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.BlockingWaitOnAsyncPath);

    public override FixAllProvider GetFixAllProvider() => new FixAll();

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax node) continue;
            if (Rewrite(node, node, diagnostic) is null) continue;
            var title = diagnostic.Properties[BlockingWaitProperties.Fix] switch
            {
                BlockingWaitProperties.Delay => "Await Task.Delay",
                BlockingWaitProperties.WhenAll => "Await Task.WhenAll",
                _ => "Await the task",
            };
            context.RegisterCodeFix(
                CodeAction.Create(title, ct => FixDocumentAsync(context.Document, ImmutableArray.Create(diagnostic), ct), "WB1004." + diagnostic.Properties[BlockingWaitProperties.Fix]),
                diagnostic);
        }
    }

    private static async Task<Document> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null) return document;
        var targets = diagnostics
            .Select(d => (Diagnostic: d, Node: root.FindNode(d.Location.SourceSpan, getInnermostNodeForTie: true) as ExpressionSyntax))
            .Where(t => t.Node is not null && Rewrite(t.Node, t.Node, t.Diagnostic) is not null)
            .OrderBy(t => t.Node!.Span.Length)
            .ToList();
        var editor = new SyntaxEditor(root, document.Project.Solution.Services);
        foreach (var (diagnostic, node) in targets)
        {
            var original = node!;
            editor.ReplaceNode(original, (current, _) => Rewrite((ExpressionSyntax)current, original, diagnostic) ?? current);
        }
        return document.WithSyntaxRoot(editor.GetChangedRoot());
    }

    /// <summary>The replacement for <paramref name="current"/>, or null when its shape is not one this fix knows.</summary>
    private static ExpressionSyntax? Rewrite(ExpressionSyntax current, ExpressionSyntax original, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(BlockingWaitProperties.Fix, out var fix)) return null;
        switch (fix)
        {
            case BlockingWaitProperties.Await:
                var task = current switch
                {
                    // t.Result
                    MemberAccessExpressionSyntax { Expression: var receiver } => receiver,
                    // t.GetAwaiter().GetResult()
                    InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax getAwaiter } } }
                        when getAwaiter.Name.Identifier.ValueText == "GetAwaiter" => getAwaiter.Expression,
                    // t.Wait()
                    InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: var receiver }, ArgumentList.Arguments.Count: 0 } => receiver,
                    _ => null,
                };
                return task is null ? null : AwaitSyntax.Replace(original, task);

            case BlockingWaitProperties.Delay when current is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 1 } sleep:
                var delayArguments = sleep.ArgumentList;
                if (diagnostic.Properties.TryGetValue(BlockingWaitProperties.Token, out var token) && token is not null)
                    delayArguments = delayArguments.AddArguments(SyntaxFactory.Argument(SyntaxFactory.IdentifierName(token)));
                var delay = SyntaxFactory.InvocationExpression(
                    AwaitSyntax.Qualified("System.Threading.Tasks.Task.Delay"),
                    delayArguments);
                return AwaitSyntax.Replace(original, delay);

            case BlockingWaitProperties.WhenAll when current is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax waitAll } invocation:
                var whenAll = invocation.WithExpression(waitAll.WithName(SyntaxFactory.IdentifierName("WhenAll").WithTriviaFrom(waitAll.Name)));
                return AwaitSyntax.Replace(original, whenAll);

            default:
                return null;
        }
    }

    private sealed class FixAll : DocumentBasedFixAllProvider
    {
        protected override string GetFixAllTitle(FixAllContext fixAllContext) => "Await instead of blocking";

        protected override async Task<Document?> FixAllAsync(FixAllContext fixAllContext, Document document, ImmutableArray<Diagnostic> diagnostics) =>
            await FixDocumentAsync(document, diagnostics, fixAllContext.CancellationToken).ConfigureAwait(false);
    }
}
