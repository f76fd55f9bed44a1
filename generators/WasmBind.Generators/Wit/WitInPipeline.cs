using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using WasmBind.Generators.Emitting;
using WasmBind.Generators.Model;
using WasmBind.Generators.Parsing;

namespace WasmBind.Generators.Wit;

/// <summary>What a .wit file generates: the C# declarations, the binding of each interface, and the diagnostics.</summary>
/// <param name="HintPrefix">The generated files' hint name prefix.</param>
/// <param name="Declarations">The C# declarations, or null when the file has errors.</param>
/// <param name="Bindings">The binding model of each interface.</param>
/// <param name="Diagnostics">What is wrong with the file.</param>
/// <param name="Wit">Each interface's WIT, for the assembly's WIT out (as a hand-written interface contributes it).</param>
internal sealed record WitFileOutput(string HintPrefix, string? Declarations, EquatableArray<InterfaceModel> Bindings, EquatableArray<WitDiagnostic> Diagnostics,
    EquatableArray<WitSource> Wit);

/// <summary>
/// WIT in: each <c>.wit</c> AdditionalFiles item → <see cref="WitParser"/> → C# declarations (<see cref="WitToCSharp"/>)
/// → the same binding models and code as hand-written interfaces get. A generator does not see its own output, so
/// the declarations are compiled alone (with the project's references, never its other sources: they cannot refer
/// to them) and the one <see cref="BindingModelBuilder"/> turns them into models. Each file is its own pipeline
/// item, so editing one .wit regenerates only its output.
/// </summary>
internal static class WitInPipeline
{
    /// <summary>AdditionalFiles metadata naming the namespace of a .wit file's C# (default: from the package name).</summary>
    public const string NamespaceMetadata = "WasmBindNamespace";

    /// <summary>Registers the outputs; returns each interface's WIT, for WIT out, and its binding model, for the guest check.</summary>
    public static IncrementalValuesProvider<WitSource> Register(IncrementalGeneratorInitializationContext context, out IncrementalValuesProvider<InterfaceModel> models)
    {
        var parsed = context.AdditionalTextsProvider
            .Where(static text => text.Path.EndsWith(".wit", StringComparison.OrdinalIgnoreCase))
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, cancellationToken) =>
            {
                var (text, options) = pair;
                options.GetOptions(text).TryGetValue("build_metadata.AdditionalFiles." + NamespaceMetadata, out var ns);
                var content = text.GetText(cancellationToken);
                var result = content is null
                    ? new WitParseResult(text.Path, null, EquatableArray<WitDiagnostic>.Empty, EquatableArray<WitFunctionLocation>.Empty)
                    : WitParser.Parse(text.Path, content);
                return (Parsed: result, Namespace: string.IsNullOrWhiteSpace(ns) ? null : ns!.Trim());
            })
            .WithTrackingName(TrackingNames.WitParsed);

        var references = context.CompilationProvider
            .Select(static (compilation, _) => new ReferenceSet(compilation.References.ToImmutableArray()))
            .WithTrackingName(TrackingNames.WitReferences);

        var outputs = parsed.Combine(references).Combine(context.ParseOptionsProvider)
            .Select(static (input, cancellationToken) => Bind(input.Left.Left.Parsed, input.Left.Left.Namespace, input.Left.Right, input.Right, cancellationToken))
            .WithTrackingName(TrackingNames.WitBound);

        context.RegisterSourceOutput(outputs, static (output, file) =>
        {
            foreach (var diagnostic in file.Diagnostics) output.ReportDiagnostic(diagnostic.ToDiagnostic());
            if (file.Declarations is null) return;
            output.AddSource(file.HintPrefix + ".g.cs", SourceText.From(file.Declarations, System.Text.Encoding.UTF8));
            foreach (var model in file.Bindings) output.AddSource(file.HintPrefix + "." + model.HintName, SourceText.From(SourceEmitter.Emit(model), System.Text.Encoding.UTF8));
        });
        models = outputs.SelectMany(static (file, _) => file.Bindings);
        return outputs.SelectMany(static (file, _) => file.Wit);
    }

    private static WitFileOutput Bind(WitParseResult parsed, string? ns, ReferenceSet references, ParseOptions parseOptions, CancellationToken cancellationToken)
    {
        var hintPrefix = "Wit." + Sanitize(Path.GetFileNameWithoutExtension(parsed.Path));
        if (parsed.Package is null) return new WitFileOutput(hintPrefix, null, EquatableArray<InterfaceModel>.Empty, parsed.Diagnostics, EquatableArray<WitSource>.Empty);
        var namespaceName = ns ?? WitToCSharp.DefaultNamespace(parsed.Package.Name);
        var declarations = WitToCSharp.Emit(parsed.Package, namespaceName);

        var tree = CSharpSyntaxTree.ParseText(declarations, (CSharpParseOptions)parseOptions, path: hintPrefix + ".g.cs", cancellationToken: cancellationToken);
        var compilation = CSharpCompilation.Create("WasmBind.Wit", new[] { tree }, references.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var semanticModel = compilation.GetSemanticModel(tree);
        var models = new List<InterfaceModel>();
        var wit = new List<WitSource>();
        var diagnostics = new List<WitDiagnostic>(parsed.Diagnostics);
        foreach (var declaration in tree.GetRoot(cancellationToken).DescendantNodes().OfType<InterfaceDeclarationSyntax>())
        {
            if (semanticModel.GetDeclaredSymbol(declaration, cancellationToken) is not { } type) continue;
            var attribute = BindingModelBuilder.FindBindingAttribute(type);
            if (attribute is null)
            {
                // The project does not reference WasmBind (the attributes do not bind): say so once, at the file.
                diagnostics.Add(WitDiagnostic.Create(WitDiagnostics.Unsupported, Start(parsed.Path),
                    "the project does not reference WasmBind, so the C# of this WIT cannot be bound"));
                break;
            }
            var result = BindingModelBuilder.Build(type, attribute, cancellationToken);
            if (result.Interface is { } model)
            {
                models.Add(model);
                if (WitFromSymbols.Build(type, model) is { } source) wit.Add(source);
            }
            // A C# binding problem (a shape the bindings do not carry yet) is the WIT function's problem.
            foreach (var problem in result.Diagnostics)
            {
                var method = declaration.Members.OfType<MethodDeclarationSyntax>()
                    .FirstOrDefault(m => problem.Location is { } l && m.FullSpan.Contains(l.Span));
                var witInterface = parsed.Package.Interfaces.FirstOrDefault(i => WitToCSharp.InterfaceName(i.Name) == type.Name)?.Name;
                var function = method is null ? null
                    : parsed.Functions.FirstOrDefault(f => f.Interface == witInterface && WitNames.ToPascal(f.Function) == method.Identifier.Text);
                var message = problem.ToDiagnostic().GetMessage(System.Globalization.CultureInfo.InvariantCulture);
                diagnostics.Add(WitDiagnostic.Create(WitDiagnostics.Unsupported, function?.Location ?? Start(parsed.Path),
                    (function is null ? "" : $"function '{function.Function}' of interface '{function.Interface}' cannot be bound: ") + problem.Id + ": " + message));
            }
        }
        return new WitFileOutput(hintPrefix, declarations, new EquatableArray<InterfaceModel>(models.ToArray()), new EquatableArray<WitDiagnostic>(diagnostics.ToArray()),
            new EquatableArray<WitSource>(wit.ToArray()));
    }

    private static LocationInfo Start(string path) => new(path, default, default);

    private static string Sanitize(string name) => new(name.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').ToArray());

    /// <summary>The project's references, equal when they are the same references (so a C# edit does not rebind a .wit).</summary>
    private sealed class ReferenceSet : IEquatable<ReferenceSet>
    {
        public ReferenceSet(ImmutableArray<MetadataReference> references) => References = references;

        public ImmutableArray<MetadataReference> References { get; }

        public bool Equals(ReferenceSet? other) => other is not null && References.SequenceEqual(other.References);

        public override bool Equals(object? obj) => Equals(obj as ReferenceSet);

        public override int GetHashCode() => References.Length;
    }
}
