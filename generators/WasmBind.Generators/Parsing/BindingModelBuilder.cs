using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using WasmBind.Generators.Diagnostics;
using WasmBind.Generators.Model;

namespace WasmBind.Generators.Parsing;

/// <summary>
/// The one model of what is bindable: turns an attributed type into an <see cref="InterfaceModel"/> and the WB2xxx
/// diagnostics that explain what cannot be bound. Used by the generator and, compiled in, by the analyzers, so both
/// report the same conditions. It depends only on Roslyn, <c>Model/</c> and <c>Diagnostics/</c>, and never throws
/// (except to cancel): an unexpected failure becomes WB2000.
/// </summary>
internal static class BindingModelBuilder
{
    /// <summary>The binding kind <paramref name="attribute"/> declares, or null when it is neither binding attribute.</summary>
    public static BindingKind? GetKind(AttributeData attribute) =>
        IsAttribute(attribute.AttributeClass, KnownNames.WasmImportsAttribute) ? BindingKind.Imports
        : IsAttribute(attribute.AttributeClass, KnownNames.WasmExportsAttribute) ? BindingKind.Exports
        : null;

    /// <summary>The first <c>[WasmImports]</c> or <c>[WasmExports]</c> on <paramref name="type"/>, for callers that start from a symbol (analyzers).</summary>
    public static AttributeData? FindBindingAttribute(INamedTypeSymbol type) =>
        type.GetAttributes().FirstOrDefault(a => GetKind(a) is not null);

    /// <summary>
    /// Builds the model of <paramref name="type"/>, which carries the binding attribute <paramref name="attribute"/>.
    /// The model is null when nothing can be generated; the diagnostics say why, at the offending syntax. An
    /// interface with both attributes is reported once, from the first of them.
    /// </summary>
    public static BindingResult Build(INamedTypeSymbol type, AttributeData attribute, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        InterfaceModel? model;
        try
        {
            model = GetKind(attribute) is { } kind ? BuildInterface(type, attribute, kind, diagnostics, cancellationToken) : null;
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e)
        {
            model = null;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GeneratorFailure, TypeLocation(type), type.Name, e.GetType().Name + ": " + e.Message));
        }
        return new BindingResult(model, new EquatableArray<DiagnosticInfo>(diagnostics.ToArray()));
    }

    private static InterfaceModel? BuildInterface(
        INamedTypeSymbol type, AttributeData attribute, BindingKind kind, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        var attributeName = kind == BindingKind.Imports ? "[WasmImports]" : "[WasmExports]";
        var display = type.ToDisplayString(TypeClassifier.MessageFormat);

        if (type.TypeKind != TypeKind.Interface)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MisplacedAttribute, AttributeLocation(attribute, cancellationToken),
                display, $"is {Describe(type)}; {attributeName} applies only to interfaces"));
            return null;
        }

        var otherAttribute = kind == BindingKind.Imports ? KnownNames.WasmExportsAttribute : KnownNames.WasmImportsAttribute;
        if (type.GetAttributes().Any(a => IsAttribute(a.AttributeClass, otherAttribute)))
        {
            // Reported once: from whichever binding attribute comes first.
            if (FindBindingAttribute(type) is { } first && SameApplication(first, attribute))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MisplacedAttribute, TypeLocation(type), display,
                    "has both [WasmImports] and [WasmExports]; an interface is implemented either by the host or by the guest, not both"));
            }
            return null;
        }

        if (type.TypeParameters.Length > 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.Generic, TypeLocation(type), display, "has type parameters"));
            return null;
        }
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            if (outer.TypeParameters.Length > 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.Generic, TypeLocation(type), display,
                    $"is nested in the generic type '{outer.ToDisplayString(TypeClassifier.MessageFormat)}'"));
                return null;
            }
        }

        var generatedMember = kind == BindingKind.Imports ? $"{display}.AddTo(Linker, {type.Name})" : $"{display}.Bind(Instance)";
        var canGenerate = true;
        for (var declared = type; declared is not null; declared = declared.ContainingType)
        {
            foreach (var reference in declared.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration
                    && !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotPartial, LocationInfo.From(declaration.Identifier.GetLocation()),
                        declared.ToDisplayString(TypeClassifier.MessageFormat), generatedMember));
                    canGenerate = false;
                }
            }
        }
        if (!canGenerate) return null;

        // The attribute's names. A missing constructor argument is the compiler's error: generate nothing, say nothing.
        var moduleName = "";
        if (kind == BindingKind.Imports)
        {
            if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Kind == TypedConstantKind.Error) return null;
            moduleName = attribute.ConstructorArguments[0].Value as string ?? "";
            canGenerate &= CheckName(attribute.ConstructorArguments[0].Value as string, ConstructorArgumentLocation(attribute, cancellationToken), diagnostics);
        }
        var memoryName = KnownNames.DefaultMemory;
        var allocatorName = KnownNames.DefaultAllocator;
        var encoding = StringEncoding.Utf8;
        foreach (var named in attribute.NamedArguments)
        {
            if (named.Key == KnownNames.StringEncodingProperty && named.Value.Value is int encodingValue)
            {
                // WasmBind.WasmStringEncoding: Utf8 = 0, Utf16 = 1, Latin1Utf16 = 2.
                encoding = encodingValue switch { 1 => StringEncoding.Utf16, 2 => StringEncoding.Latin1Utf16, _ => StringEncoding.Utf8 };
                continue;
            }
            if (named.Key != KnownNames.MemoryProperty && named.Key != KnownNames.AllocatorProperty) continue;
            if (named.Value.Kind == TypedConstantKind.Error) return null;
            var value = named.Value.Value as string;
            canGenerate &= CheckName(value, NamedArgumentLocation(attribute, named.Key, cancellationToken), diagnostics);
            if (named.Key == KnownNames.MemoryProperty) memoryName = value ?? "";
            else allocatorName = value ?? "";
        }

        foreach (var inherited in type.AllInterfaces)
        {
            if (inherited.GetMembers().Any(m => m.IsAbstract || m.IsVirtual))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InheritedMembers, TypeLocation(type), display,
                    inherited.ToDisplayString(TypeClassifier.MessageFormat)));
                canGenerate = false;
            }
        }

        var members = new List<MemberModel>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var hasUnboundMembers = false;
        var callerData = new CallerDataChoice();
        foreach (var member in type.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member.IsImplicitlyDeclared) continue;
            switch (member)
            {
                case IMethodSymbol { MethodKind: MethodKind.Ordinary } method when !method.IsStatic:
                    if (!method.IsAbstract) continue; // a default implementation: nothing to bind
                    if (BuildMember(method, kind, names, callerData, diagnostics, cancellationToken) is { } model) members.Add(model);
                    else hasUnboundMembers = true;
                    break;
                case IMethodSymbol { MethodKind: MethodKind.PropertyGet or MethodKind.PropertySet or MethodKind.EventAdd or MethodKind.EventRemove or MethodKind.EventRaise }:
                    break; // reported with their property or event
                case IMethodSymbol or IPropertySymbol or IEventSymbol when member.IsStatic:
                    if (member.IsAbstract || member.IsVirtual)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedMember, MemberLocation(member), MemberName(member),
                            "a static abstract or virtual member"));
                        hasUnboundMembers = true;
                    }
                    break;
                case IPropertySymbol property when property.IsAbstract:
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedMember, MemberLocation(member), MemberName(member),
                        property.IsIndexer ? "an indexer" : "a property"));
                    hasUnboundMembers = true;
                    break;
                case IEventSymbol @event when @event.IsAbstract:
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedMember, MemberLocation(member), MemberName(member), "an event"));
                    hasUnboundMembers = true;
                    break;
            }
        }
        if (!canGenerate) return null;

        var containing = new List<ContainingTypeModel>();
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
            containing.Insert(0, new ContainingTypeModel(Keyword(outer), outer.Name));
        var ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : null;
        // Namespace parts joined by '.', nested types by '+' (as in metadata names), so no two types share a hint name.
        var typePath = string.Join("+", containing.Select(c => c.Name).Concat(new[] { type.Name }));
        var hintName = (ns is null ? typePath : ns + "." + typePath) + ".g.cs";

        return new InterfaceModel(
            kind, ns, new EquatableArray<ContainingTypeModel>(containing.ToArray()), type.Name, display,
            moduleName, memoryName, allocatorName, new EquatableArray<MemberModel>(members.ToArray()), hasUnboundMembers, hintName,
            callerData.DataType, encoding);
    }

    /// <summary>The model of one abstract method, or null (after reporting why, unless the compiler already does) when it cannot be bound.</summary>
    private static MemberModel? BuildMember(
        IMethodSymbol method, BindingKind kind, Dictionary<string, string> names, CallerDataChoice callerData, List<DiagnosticInfo> diagnostics,
        CancellationToken cancellationToken)
    {
        var memberName = MemberName(method);
        var valid = true;
        if (method.TypeParameters.Length > 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.Generic, MemberLocation(method), memberName, "has type parameters"));
            valid = false;
        }

        var returnModel = BuildReturn(method, diagnostics, cancellationToken);
        valid &= returnModel is not null;
        var isAsync = returnModel is { Async: not AsyncKind.None }
            || (returnModel is null && method.ReturnType is INamedTypeSymbol r && IsTaskLike(r));

        var parameters = new List<ParameterModel>();
        var sawToken = false;
        foreach (var parameter in method.Parameters)
        {
            if (parameter.RefKind != RefKind.None)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ByReferenceParameter, ParameterLocation(parameter, typeOnly: false, cancellationToken),
                    parameter.Name, memberName, RefKindText(parameter.RefKind)));
                valid = false;
                continue;
            }
            var classification = TypeClassifier.Classify(parameter.Type);
            if (classification.IsError)
            {
                valid = false;
                continue;
            }
            if (classification.Field is { } field)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedRecordField,
                    classification.FieldLocation ?? ParameterLocation(parameter, typeOnly: true, cancellationToken), field, memberName, classification.Reason ?? TypeClassifier.SupportedTypes));
                valid = false;
                continue;
            }
            if (classification.Type is not { } type)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedParameterType, ParameterLocation(parameter, typeOnly: true, cancellationToken),
                    parameter.Name, memberName, parameter.Type.ToDisplayString(TypeClassifier.MessageFormat), classification.Reason ?? TypeClassifier.SupportedTypes));
                valid = false;
                continue;
            }
            if (type.Kind == ValueKind.Caller)
            {
                var problem = CheckCaller(parameter, kind, callerData, memberName);
                if (problem is not null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MisplacedCaller, ParameterLocation(parameter, typeOnly: false, cancellationToken),
                        parameter.Name, memberName, problem));
                    valid = false;
                    continue;
                }
            }
            if (type.Kind == ValueKind.CancellationToken)
            {
                var problem = kind == BindingKind.Imports
                    ? "is not supported on a [WasmImports] member: the runtime does not pass a guest call's cancellation to host functions"
                    : !isAsync ? "needs an async member (returning Task or ValueTask) to cancel"
                    : sawToken ? "is a second CancellationToken; a member takes at most one"
                    : null;
                sawToken = true;
                if (problem is not null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MisplacedCancellationToken, ParameterLocation(parameter, typeOnly: false, cancellationToken),
                        parameter.Name, memberName, problem));
                    valid = false;
                    continue;
                }
            }
            parameters.Add(new ParameterModel(parameter.Name, type, parameter.ScopedKind == ScopedKind.ScopedValue));
        }

        // The wasm name: [WasmName] or the default. Duplicates are checked even for otherwise invalid members.
        string? wasmName;
        LocationInfo? nameLocation;
        var nameAttribute = method.GetAttributes().FirstOrDefault(a => IsAttribute(a.AttributeClass, KnownNames.WasmNameAttribute));
        if (nameAttribute is not null)
        {
            if (nameAttribute.ConstructorArguments.Length != 1 || nameAttribute.ConstructorArguments[0].Kind == TypedConstantKind.Error) return null;
            wasmName = nameAttribute.ConstructorArguments[0].Value as string;
            nameLocation = ConstructorArgumentLocation(nameAttribute, cancellationToken) ?? MemberLocation(method);
            if (!CheckName(wasmName, nameLocation, diagnostics))
            {
                wasmName = null;
                valid = false;
            }
        }
        else
        {
            wasmName = WasmNames.DefaultName(method.Name, isAsync);
            nameLocation = MemberLocation(method);
        }
        if (wasmName is not null)
        {
            if (names.TryGetValue(wasmName, out var owner))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateWasmName, nameLocation, memberName, wasmName, owner));
                valid = false;
            }
            else
            {
                names.Add(wasmName, memberName);
            }
        }

        TypeModel? throws = null;
        var throwsAttribute = method.GetAttributes().FirstOrDefault(a => IsAttribute(a.AttributeClass, KnownNames.WasmThrowsAttribute));
        if (throwsAttribute is not null && returnModel is not null)
        {
            if (throwsAttribute.ConstructorArguments.Length != 1 || throwsAttribute.ConstructorArguments[0].Value is not ITypeSymbol errorType) return null;
            var problem = kind == BindingKind.Imports
                ? "is not supported on a [WasmImports] member: a host implementation returns Result<T, E> for an error the guest should see"
                : returnModel.Value is { Kind: ValueKind.Result } ? "is redundant: the member already returns a Result; remove one of them"
                : null;
            var location = LocationInfo.From(throwsAttribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken)) ?? MemberLocation(method);
            if (problem is null)
            {
                var error = TypeClassifier.Classify(errorType);
                if (error.IsError) return null;
                if (error.Type is null || !TypeClassifier.IsValue(error.Type.Kind))
                {
                    problem = $"declares the error type '{errorType.ToDisplayString(TypeClassifier.MessageFormat)}', which cannot be bound: {error.Reason ?? TypeClassifier.SupportedTypes}";
                }
                else
                {
                    var ok = returnModel.Value ?? new TypeModel(ValueKind.Unit, "global::WasmBind.Bindings.Unit", false);
                    throws = new TypeModel(ValueKind.Result, $"global::WasmBind.Bindings.Result<{ok.DisplayName}, {error.Type.DisplayName}>", false,
                        Elements: new EquatableArray<TypeModel>(new[] { ok, error.Type }));
                }
            }
            if (problem is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MisplacedThrows, location, memberName, problem));
                valid = false;
            }
        }

        return valid && wasmName is not null && returnModel is not null
            ? new MemberModel(method.Name, wasmName, new EquatableArray<ParameterModel>(parameters.ToArray()), returnModel, throws)
            : null;
    }

    /// <summary>Why a <c>Caller</c> parameter cannot be bound, or null when it can (recording its store data type).</summary>
    private static string? CheckCaller(IParameterSymbol parameter, BindingKind kind, CallerDataChoice callerData, string memberName)
    {
        if (kind == BindingKind.Exports)
            return "is not supported on a [WasmExports] member: the host calls the guest, so there is no calling instance to pass";
        if (parameter.Ordinal != 0)
            return "must be the member's first parameter";
        if (parameter.Type is not INamedTypeSymbol { TypeArguments.Length: 1 } generic) return null;
        var data = generic.TypeArguments[0].ToDisplayString(TypeClassifier.CodeFormat);
        if (callerData.DataType is null)
        {
            callerData.DataType = data;
            callerData.Member = memberName;
            return null;
        }
        return callerData.DataType == data ? null
            : $"uses store data '{generic.TypeArguments[0].ToDisplayString(TypeClassifier.MessageFormat)}', but '{callerData.Member}' uses '{callerData.DataType}'; " +
              "AddTo takes one Linker<TData>, so every Caller<TData> of an interface has the same TData";
    }

    /// <summary>The store data type the first <c>Caller&lt;TData&gt;</c> parameter of an interface chose, and where.</summary>
    private sealed class CallerDataChoice
    {
        public string? DataType { get; set; }

        public string? Member { get; set; }
    }

    private static ReturnModel? BuildReturn(IMethodSymbol method, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        var returnType = method.ReturnType;
        var display = returnType.ToDisplayString(TypeClassifier.CodeFormat);
        if (TypeClassifier.ContainsError(returnType)) return null;
        if (method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedReturnType, ReturnTypeLocation(method, cancellationToken), MemberName(method),
                returnType.ToDisplayString(TypeClassifier.MessageFormat), "it returns by reference"));
            return null;
        }
        if (method.ReturnsVoid) return new ReturnModel(AsyncKind.None, null, "void");

        var async = AsyncKind.None;
        var valueType = returnType;
        if (returnType is INamedTypeSymbol named && IsTaskLike(named))
        {
            async = named.Name == "Task" ? AsyncKind.Task : AsyncKind.ValueTask;
            if (named.TypeArguments.Length == 0) return new ReturnModel(async, null, display);
            valueType = named.TypeArguments[0];
        }

        var classification = TypeClassifier.Classify(valueType);
        if (classification.IsError) return null;
        if (classification.Field is { } field)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedRecordField,
                classification.FieldLocation ?? ReturnTypeLocation(method, cancellationToken), field, MemberName(method), classification.Reason ?? TypeClassifier.SupportedTypes));
            return null;
        }
        var reason = classification.Type?.Kind switch
        {
            null => classification.Reason ?? TypeClassifier.SupportedTypes,
            ValueKind.ReadOnlySpan => "a span cannot outlive the call that fills it; return byte[] or ReadOnlyMemory<byte>",
            ValueKind.CancellationToken => "a CancellationToken is not a value the guest can produce",
            ValueKind.Caller => "a Caller is not a value the guest can produce",
            _ => null,
        };
        if (reason is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedReturnType, ReturnTypeLocation(method, cancellationToken), MemberName(method),
                returnType.ToDisplayString(TypeClassifier.MessageFormat), reason));
            return null;
        }
        return new ReturnModel(async, classification.Type, display);
    }

    /// <summary>Task, Task&lt;T&gt;, ValueTask or ValueTask&lt;T&gt; of System.Threading.Tasks.</summary>
    private static bool IsTaskLike(INamedTypeSymbol type) =>
        TypeClassifier.IsType(type, "System.Threading.Tasks", "Task") || TypeClassifier.IsType(type, "System.Threading.Tasks", "Task`1")
        || TypeClassifier.IsType(type, "System.Threading.Tasks", "ValueTask") || TypeClassifier.IsType(type, "System.Threading.Tasks", "ValueTask`1");

    /// <summary>Reports WB2005 unless <paramref name="name"/> is a valid wasm name.</summary>
    private static bool CheckName(string? name, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        var problem = WasmNames.Validate(name);
        if (problem is null) return true;
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidWasmName, location, Escape(name ?? "null"), problem));
        return false;
    }

    /// <summary>A name as a message can show it: control characters and lone surrogates as \uXXXX.</summary>
    private static string Escape(string name)
    {
        var text = new System.Text.StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsControl(c) || char.IsSurrogate(c)) text.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            else text.Append(c);
        }
        return text.ToString();
    }

    private static bool SameApplication(AttributeData a, AttributeData b) =>
        ReferenceEquals(a, b)
        || (a.ApplicationSyntaxReference is { } x && b.ApplicationSyntaxReference is { } y && x.SyntaxTree == y.SyntaxTree && x.Span == y.Span);

    private static bool IsAttribute(INamedTypeSymbol? type, string metadataName) =>
        type is not null && type.ContainingType is null
        && metadataName == (type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." : "") + type.MetadataName;

    private static string MemberName(ISymbol member) => member.ContainingType.Name + "." + member.Name;

    private static string Describe(INamedTypeSymbol type) => type switch
    {
        { IsRecord: true, TypeKind: TypeKind.Struct } => "a record struct",
        { IsRecord: true } => "a record",
        { TypeKind: TypeKind.Struct } => "a struct",
        { TypeKind: TypeKind.Enum } => "an enum",
        { TypeKind: TypeKind.Delegate } => "a delegate",
        _ => "a class",
    };

    private static string Keyword(INamedTypeSymbol type) => type switch
    {
        { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
        { IsRecord: true } => "record",
        { TypeKind: TypeKind.Struct } => "struct",
        { TypeKind: TypeKind.Interface } => "interface",
        _ => "class",
    };

    private static string RefKindText(RefKind kind) => kind switch
    {
        RefKind.Out => "out",
        RefKind.In => "in",
        RefKind.RefReadOnlyParameter => "ref readonly",
        _ => "ref",
    };

    // ---- locations ----

    private static LocationInfo? TypeLocation(INamedTypeSymbol type) => LocationInfo.From(type.Locations.FirstOrDefault(l => l.IsInSource));

    private static LocationInfo? MemberLocation(ISymbol member) => LocationInfo.From(member.Locations.FirstOrDefault(l => l.IsInSource));

    private static LocationInfo? ParameterLocation(IParameterSymbol parameter, bool typeOnly, CancellationToken cancellationToken)
    {
        var syntax = parameter.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) as ParameterSyntax;
        if (syntax is null) return MemberLocation(parameter);
        return LocationInfo.From(typeOnly && syntax.Type is { } type ? type : syntax);
    }

    private static LocationInfo? ReturnTypeLocation(IMethodSymbol method, CancellationToken cancellationToken) =>
        method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is MethodDeclarationSyntax syntax
            ? LocationInfo.From(syntax.ReturnType)
            : MemberLocation(method);

    private static LocationInfo? AttributeLocation(AttributeData attribute, CancellationToken cancellationToken) =>
        LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken));

    private static LocationInfo? ConstructorArgumentLocation(AttributeData attribute, CancellationToken cancellationToken)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax syntax) return null;
        var argument = syntax.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals is null && a.NameColon is null)
            ?? syntax.ArgumentList?.Arguments.FirstOrDefault(a => a.NameColon is not null);
        return LocationInfo.From((SyntaxNode?)argument?.Expression ?? syntax);
    }

    private static LocationInfo? NamedArgumentLocation(AttributeData attribute, string name, CancellationToken cancellationToken)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax syntax) return null;
        var argument = syntax.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name);
        return LocationInfo.From((SyntaxNode?)argument?.Expression ?? syntax);
    }
}
