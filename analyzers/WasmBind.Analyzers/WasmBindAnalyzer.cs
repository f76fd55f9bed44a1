using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace WasmBind.Analyzers;

/// <summary>
/// The base of every WasmBind analyzer: the settings each must have (concurrent execution, generated code skipped)
/// in one sealed place, and no work at all in a compilation that does not reference the runtime.
/// </summary>
public abstract class WasmBindAnalyzer : DiagnosticAnalyzer
{
    public sealed override void Initialize(AnalysisContext context)
    {
        // Generated code (bindings from the WasmBind generator, designer files) is not the user's to fix.
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (WellKnownTypes.Get(start.Compilation) is { } types) OnCompilationStart(start, types);
        });
    }

    /// <summary>Registers the rule's actions for a compilation that references the runtime.</summary>
    private protected abstract void OnCompilationStart(CompilationStartAnalysisContext context, WellKnownTypes types);
}
