using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using WasmBind.Generators.Diagnostics;
using WasmBind.Generators.Emitting;
using WasmBind.Generators.Model;
using WasmBind.Generators.Parsing;

namespace WasmBind.Generators;

/// <summary>The names of the pipeline's tracked steps, for incrementality tests.</summary>
public static class TrackingNames
{
    /// <summary>The attributed types, turned into models and diagnostics (one step per attribute).</summary>
    public const string ImportsResults = "WasmBind.ImportsResults";

    /// <summary>As <see cref="ImportsResults"/>, for <c>[WasmExports]</c>.</summary>
    public const string ExportsResults = "WasmBind.ExportsResults";

    /// <summary>The models alone (no locations), which the source output depends on.</summary>
    public const string Models = "WasmBind.Models";

    /// <summary>The diagnostics alone.</summary>
    public const string Diagnostics = "WasmBind.Diagnostics";

    /// <summary>Whether the WasmBind analyzers report the WB2xxx conditions in this build (see <see cref="WasmBindGenerator.AnalyzersReportProperty"/>).</summary>
    public const string AnalyzersReport = "WasmBind.AnalyzersReport";

    /// <summary>WIT out: whether the build asks for it (<c>WasmBindGenerateWit</c>).</summary>
    public const string WitEnabled = "WasmBind.Wit.Enabled";

    /// <summary>WIT out: the compilation's assembly name (the default world's name).</summary>
    public const string WitAssemblyName = "WasmBind.Wit.AssemblyName";

    /// <summary>WIT out: each <c>[WasmImports]</c> interface's WIT.</summary>
    public const string WitImports = "WasmBind.Wit.Imports";

    /// <summary>WIT out: each <c>[WasmExports]</c> interface's WIT.</summary>
    public const string WitExports = "WasmBind.Wit.Exports";

    /// <summary>WIT out: the assembled package.</summary>
    public const string WitPackage = "WasmBind.Wit.Package";

    /// <summary>WIT in: each .wit file, parsed.</summary>
    public const string WitParsed = "WasmBind.Wit.Parsed";

    /// <summary>WIT in: the project's references (compared by identity), which the WIT's C# is compiled against.</summary>
    public const string WitReferences = "WasmBind.Wit.References";

    /// <summary>Guest check: each guest description with its contract.</summary>
    public const string Guests = "WasmBind.Contract.Guests";

    /// <summary>Guest check: each guest's diagnostics.</summary>
    public const string GuestDiagnostics = "WasmBind.Contract.Diagnostics";

    /// <summary>WIT in: each .wit file's C# and binding models.</summary>
    public const string WitBound = "WasmBind.Wit.Bound";
}

/// <summary>
/// The binding generator. Pipeline: <c>ForAttributeWithMetadataName</c> finds each <c>[WasmImports]</c> and
/// <c>[WasmExports]</c> type → <see cref="BindingModelBuilder"/> (Parsing/) turns it into a value-equatable
/// <see cref="BindingResult"/> (Model/) → the model goes to <see cref="SourceEmitter"/> (Emitting/), the diagnostics
/// (Diagnostics/) are reported. Models hold no symbols, syntax or locations, so an edit elsewhere leaves every step
/// cached and an edit to one interface regenerates only that interface.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class WasmBindGenerator : IIncrementalGenerator
{
    /// <summary>
    /// The MSBuild property (made compiler-visible by the WasmBind package's build targets) that says the WasmBind
    /// analyzers run in this build and report WB2001-WB2012 themselves. The generator then reports only what no
    /// analyzer can (WB2000, its own failure), so each diagnostic appears once; without it (the generator alone),
    /// the generator reports everything.
    /// </summary>
    public const string AnalyzersReportProperty = "WasmBindAnalyzersReportBindingDiagnostics";

    private const string AnalyzersReportOption = "build_property." + AnalyzersReportProperty;

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var imports = context.SyntaxProvider.ForAttributeWithMetadataName(
                KnownNames.WasmImportsAttribute,
                static (node, _) => node is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax,
                static (syntax, cancellationToken) => Build(syntax, cancellationToken))
            .WithTrackingName(TrackingNames.ImportsResults);
        var exports = context.SyntaxProvider.ForAttributeWithMetadataName(
                KnownNames.WasmExportsAttribute,
                static (node, _) => node is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax,
                static (syntax, cancellationToken) => Build(syntax, cancellationToken))
            .WithTrackingName(TrackingNames.ExportsResults);
        Register(context, imports);
        Register(context, exports);
        var fromWit = Wit.WitInPipeline.Register(context, out var witModels);
        Wit.WitOutPipeline.Register(context, fromWit);
        var handWritten = imports.Collect().Combine(exports.Collect())
            .SelectMany(static (pair, _) => pair.Left.AddRange(pair.Right).Where(r => r.Interface is not null).Select(r => r.Interface!));
        Wit.ContractPipeline.Register(context, handWritten.Collect().Combine(witModels.Collect()).SelectMany(static (pair, _) => pair.Left.AddRange(pair.Right)));
    }

    private static readonly BindingResult Nothing = new BindingResult(null, EquatableArray<DiagnosticInfo>.Empty);

    /// <summary>
    /// The model of the attributed type, built once per type: when the attribute is (wrongly) repeated on several
    /// partial declarations, each declaration is a separate match, and only the one that carries the type's first
    /// such attribute builds it.
    /// </summary>
    private static BindingResult Build(GeneratorAttributeSyntaxContext syntax, System.Threading.CancellationToken cancellationToken)
    {
        if (syntax.TargetSymbol is not INamedTypeSymbol type || syntax.Attributes.IsEmpty) return Nothing;
        var attribute = syntax.Attributes[0];
        var kind = BindingModelBuilder.GetKind(attribute);
        var first = type.GetAttributes().FirstOrDefault(a => BindingModelBuilder.GetKind(a) == kind)?.ApplicationSyntaxReference;
        if (first is not null && (first.SyntaxTree != syntax.TargetNode.SyntaxTree || !syntax.TargetNode.Span.Contains(first.Span))) return Nothing;
        return BindingModelBuilder.Build(type, attribute, cancellationToken);
    }

    private static void Register(IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<BindingResult> results)
    {
        var models = results
            .Where(static result => result.Interface is not null)
            .Select(static (result, _) => result.Interface!)
            .WithTrackingName(TrackingNames.Models);
        context.RegisterSourceOutput(models, static (output, model) =>
            output.AddSource(model.HintName, SourceText.From(SourceEmitter.Emit(model), System.Text.Encoding.UTF8)));

        var analyzersReport = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) =>
                options.GlobalOptions.TryGetValue(AnalyzersReportOption, out var value)
                && string.Equals(value.Trim(), "true", System.StringComparison.OrdinalIgnoreCase))
            .WithTrackingName(TrackingNames.AnalyzersReport);
        var diagnostics = results
            .Where(static result => result.Diagnostics.Count > 0)
            .Select(static (result, _) => result.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics)
            .Combine(analyzersReport);
        context.RegisterSourceOutput(diagnostics, static (output, pair) =>
        {
            var (list, analyzersReportThem) = pair;
            foreach (var diagnostic in list)
            {
                if (analyzersReportThem && diagnostic.Id != DiagnosticDescriptors.GeneratorFailure.Id) continue;
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        });
    }
}
