using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using WasmBind.Analyzers.Analysis;

namespace WasmBind.Analyzers.Rules;

/// <summary>
/// WB1005: a span over a Memory's bytes read after a call that can grow the memory. The flow analysis and its
/// precision are described on <see cref="SpanFlow"/>. The control flow graph is built only for members that read a
/// Memory's span at all, so the rule costs nothing elsewhere.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MemorySpanHeldAcrossGrowthAnalyzer : WasmBindAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.MemorySpanHeldAcrossGrowth);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, WellKnownTypes types) =>
        context.RegisterOperationBlockStartAction(start =>
        {
            // Operation actions of one block run before its end action, so a plain flag is enough.
            var readsMemorySpan = false;
            start.RegisterOperationAction(
                c => readsMemorySpan |= c.Operation switch
                {
                    IPropertyReferenceOperation property => types.IsMemorySpanAccessor(property.Property),
                    IInvocationOperation invocation => types.IsMemorySpanAccessor(invocation.TargetMethod),
                    _ => false,
                },
                OperationKind.PropertyReference,
                OperationKind.Invocation);
            start.RegisterOperationBlockEndAction(end =>
            {
                if (readsMemorySpan) Analyze(end, types);
            });
        });

    private static void Analyze(OperationBlockAnalysisContext context, WellKnownTypes types)
    {
        var roots = new HashSet<IOperation>();
        foreach (var block in context.OperationBlocks)
        {
            if (block.Kind is not (OperationKind.MethodBody or OperationKind.ConstructorBody or OperationKind.Block
                or OperationKind.FieldInitializer or OperationKind.PropertyInitializer))
            {
                continue;
            }
            // The graph is built for the block's root (a method body): do each root once.
            if (!roots.Add(block.Root())) continue;
            var graph = context.GetControlFlowGraph(block);
            foreach (var stale in SpanFlow.Analyze(graph, types))
            {
                var growth = stale.Growth is IInvocationOperation call
                    ? call.TargetMethod.ContainingType.Name + "." + call.TargetMethod.Name
                    : stale.Growth.Syntax.ToString();
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.MemorySpanHeldAcrossGrowth,
                    stale.Use.Syntax.GetLocation(),
                    additionalLocations: new[] { stale.Growth.Syntax.GetLocation() },
                    stale.Use.Local.Name,
                    growth));
            }
        }
    }
}
