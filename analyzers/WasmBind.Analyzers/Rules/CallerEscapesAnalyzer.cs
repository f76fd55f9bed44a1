using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using WasmBind.Analyzers.Analysis;

namespace WasmBind.Analyzers.Rules;

/// <summary>
/// WB1006: a <c>Caller</c> (or <c>Caller&lt;T&gt;</c>) that outlives its host function call:
/// stored in a field, property, array element or indexer (a ref struct's field is fine: it cannot outlive the call);
/// added to a collection (also inside a tuple literal or anonymous object: <c>queue.Enqueue((caller, x))</c>) (a generic parameter of a method on an <c>IEnumerable</c> type: <c>Add</c>, <c>Enqueue</c>, ...);
/// returned; or captured by a delegate that is stored, subscribed to an event, added to a collection, returned, or
/// run on another thread without being awaited (see <see cref="ThreadCrossing"/>). Passing a Caller to a method as an
/// argument, or using it in a lambda that runs during the call (LINQ, a local helper), is not reported.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CallerEscapesAnalyzer : WasmBindAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.CallerEscapes);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, WellKnownTypes types)
    {
        context.RegisterOperationAction(c => AnalyzeCall(c, types), OperationKind.Invocation, OperationKind.ObjectCreation);
        context.RegisterOperationAction(c => AnalyzeAssignment(c, types), OperationKind.SimpleAssignment);
        context.RegisterOperationAction(c => AnalyzeReturn(c, types), OperationKind.Return, OperationKind.YieldReturn);
        context.RegisterOperationAction(c => AnalyzeDelegate(c, types), OperationKind.AnonymousFunction, OperationKind.MethodReference);
    }

    private static void AnalyzeCall(OperationAnalysisContext context, WellKnownTypes types)
    {
        var (method, arguments) = context.Operation switch
        {
            IInvocationOperation invocation => (invocation.TargetMethod, invocation.Arguments),
            IObjectCreationOperation creation => (creation.Constructor, creation.Arguments),
            _ => (null, default),
        };
        if (method is null) return;

        if (types.TryGetThreadSink(method, out var kind))
        {
            foreach (var finding in ThreadCrossing.Analyze(context.Operation, method, kind, types))
            {
                if (finding.Reason == CrossingReason.Escapes) Report(context, finding.Capture.FirstReference, finding.Capture.Symbol.Name, finding.How);
            }
            return;
        }
        // The argument check first: it is cheap and almost always false, unlike walking the type's interfaces.
        foreach (var argument in arguments)
        {
            if (argument.Parameter?.OriginalDefinition.Type is not ITypeParameterSymbol) continue;
            if (IsCallerValue(argument.Value, types, out var name))
            {
                if (IsCollectionAdd(method, types)) Report(context, argument.Value, name, "is added to a collection");
            }
            else if (argument.Value.Unwrap() is ITupleOperation or IAnonymousObjectCreationOperation && IsCollectionAdd(method, types))
            {
                foreach (var element in CallerElements(argument.Value, types))
                    Report(context, element, element.ReferencedSymbol()?.Name ?? element.Syntax.ToString(), "is added to a collection inside a tuple or anonymous object");
            }
        }
    }

    private static void AnalyzeAssignment(OperationAnalysisContext context, WellKnownTypes types)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (!OutlivesCall(assignment.Target)) return;
        if (IsCallerValue(assignment.Value, types, out var name))
        {
            Report(context, assignment.Value, name, "is stored in a field or property");
            return;
        }
        foreach (var element in CallerElements(assignment.Value, types))
            Report(context, element, element.ReferencedSymbol()?.Name ?? element.Syntax.ToString(), "is stored in a field or property inside a tuple or anonymous object");
    }

    /// <summary>The Caller values inside a tuple literal or an anonymous object (nested ones too): <c>(caller, x)</c>.</summary>
    private static IEnumerable<IOperation> CallerElements(IOperation value, WellKnownTypes types)
    {
        var elements = value.Unwrap() switch
        {
            ITupleOperation tuple => tuple.Elements,
            IAnonymousObjectCreationOperation anonymous => anonymous.Initializers,
            _ => ImmutableArray<IOperation>.Empty,
        };
        foreach (var element in elements)
        {
            // An anonymous object's members are assignments to its properties.
            var item = element is ISimpleAssignmentOperation member ? member.Value : element;
            if (IsCallerValue(item, types, out _)) yield return item.Unwrap();
            else foreach (var nested in CallerElements(item, types)) yield return nested;
        }
    }

    private static void AnalyzeReturn(OperationAnalysisContext context, WellKnownTypes types)
    {
        var returned = ((IReturnOperation)context.Operation).ReturnedValue?.Unwrap();
        if (returned is ILocalReferenceOperation or IParameterReferenceOperation && types.IsCaller(returned.Type))
            Report(context, returned, returned.ReferencedSymbol()!.Name, "is returned");
    }

    /// <summary>A lambda or local function reference that captures a Caller and is kept where it can run later.</summary>
    private static void AnalyzeDelegate(OperationAnalysisContext context, WellKnownTypes types)
    {
        var parent = context.Operation.ParentSkippingConversions(out var value);
        var how = parent switch
        {
            ISimpleAssignmentOperation assignment when assignment.Value == value && OutlivesCall(assignment.Target) => "is captured by a delegate that is stored",
            IEventAssignmentOperation { Adds: true } => "is captured by a delegate subscribed to an event",
            IReturnOperation => "is captured by a delegate that is returned",
            IArgumentOperation { Parent: IInvocationOperation add } argument
                when IsCollectionAdd(add.TargetMethod, types) && argument.Parameter?.OriginalDefinition.Type is ITypeParameterSymbol => "is captured by a delegate added to a collection",
            _ => null,
        };
        if (how is null) return;
        var root = context.Operation.Root();
        if (context.Operation.DelegateBody(root) is not { } function) return;
        foreach (var capture in Captures.Find(function, root, types))
        {
            if (types.IsCaller(capture.Type)) Report(context, capture.FirstReference, capture.Symbol.Name, how);
        }
    }

    /// <summary>A write that keeps the value beyond the current call: a field, property, indexer or array element of a non-ref-struct.</summary>
    private static bool OutlivesCall(IOperation target) => target switch
    {
        IFieldReferenceOperation field => field.Field.IsStatic || field.Instance?.Type?.IsRefLikeType != true,
        // An anonymous object's member initializer: judged where the object goes (CallerElements), not here.
        IPropertyReferenceOperation { Property.ContainingType.IsAnonymousType: true } => false,
        IPropertyReferenceOperation property => property.Property.IsStatic || property.Instance?.Type?.IsRefLikeType != true,
        IArrayElementReferenceOperation => true,
        _ => false,
    };

    /// <summary>A method that takes an element into a collection: a generic parameter of a member of an IEnumerable type.</summary>
    private static bool IsCollectionAdd(IMethodSymbol method, WellKnownTypes types)
    {
        var type = method.ContainingType;
        if (type is null || method.IsStatic || types.IEnumerable is null) return false;
        foreach (var implemented in type.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(implemented, types.IEnumerable)) return true;
        }
        return false;
    }

    /// <summary>A Caller-typed value worth reporting: anything but <c>default</c>.</summary>
    private static bool IsCallerValue(IOperation value, WellKnownTypes types, out string name)
    {
        var unwrapped = value.Unwrap();
        name = unwrapped.ReferencedSymbol()?.Name ?? unwrapped.Syntax.ToString();
        return types.IsCaller(unwrapped.Type) && unwrapped is not IDefaultValueOperation and not ILiteralOperation;
    }

    private static void Report(OperationAnalysisContext context, IOperation at, string name, string how) =>
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.CallerEscapes, at.Syntax.GetLocation(), name, how));
}
