using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace WasmBind.Generators.Diagnostics;

/// <summary>
/// The WB2xxx diagnostics: binding interfaces the generator cannot bind. Each has a page at docs/rules/WBnnnn.md
/// and a line in AnalyzerReleases.Unshipped.md. Shared with the analyzers, which report the same conditions.
/// </summary>
internal static class DiagnosticDescriptors
{
    public const string Category = "WasmBind.Bindings";

    // The repository's address is RepositoryUrl (Directory.Build.props), compiled in by RepositoryInfo.targets.
    private const string HelpBase = RepositoryInfo.Url + "/blob/main/docs/rules/";

    /// <summary>WB2000: the generator failed unexpectedly on an interface (a generator bug; the interface is not bound).</summary>
    public static readonly DiagnosticDescriptor GeneratorFailure = Create(
        "WB2000", "The binding generator failed",
        "The binding generator failed on '{0}': {1}");

    /// <summary>WB2001: the interface, or a type containing it, is not partial.</summary>
    public static readonly DiagnosticDescriptor NotPartial = Create(
        "WB2001", "Binding interface must be partial",
        "'{0}' must be declared partial so that the binding generator can add {1}");

    /// <summary>WB2002: a parameter's type cannot cross the boundary.</summary>
    public static readonly DiagnosticDescriptor UnsupportedParameterType = Create(
        "WB2002", "Unsupported parameter type",
        "Parameter '{0}' of '{1}' has type '{2}', which a binding cannot pass: {3}");

    /// <summary>WB2003: a return type cannot cross the boundary.</summary>
    public static readonly DiagnosticDescriptor UnsupportedReturnType = Create(
        "WB2003", "Unsupported return type",
        "'{0}' returns '{1}', which a binding cannot return: {2}");

    /// <summary>WB2004: two members share a wasm name.</summary>
    public static readonly DiagnosticDescriptor DuplicateWasmName = Create(
        "WB2004", "Duplicate wasm name",
        "'{0}' has the wasm name '{1}', which '{2}' already uses");

    /// <summary>WB2005: a [WasmName], module, memory or allocator name is not a valid wasm name.</summary>
    public static readonly DiagnosticDescriptor InvalidWasmName = Create(
        "WB2005", "Invalid wasm name",
        "\"{0}\" is not a valid wasm name: {1}");

    /// <summary>WB2006: a generic interface or method.</summary>
    public static readonly DiagnosticDescriptor Generic = Create(
        "WB2006", "Generic binding interface or member",
        "'{0}' {1}; binding interfaces and their members cannot be generic");

    /// <summary>WB2007: the attribute is on a non-interface, or an interface has both attributes.</summary>
    public static readonly DiagnosticDescriptor MisplacedAttribute = Create(
        "WB2007", "Binding attribute misplaced",
        "'{0}' {1}");

    /// <summary>WB2008: a ref, out or in parameter.</summary>
    public static readonly DiagnosticDescriptor ByReferenceParameter = Create(
        "WB2008", "By-reference parameter",
        "Parameter '{0}' of '{1}' is passed by reference ({2}); bound members take their parameters by value");

    /// <summary>WB2009: a property, event, indexer or static abstract member.</summary>
    public static readonly DiagnosticDescriptor UnsupportedMember = Create(
        "WB2009", "Unsupported member kind",
        "'{0}' is {1}; a binding interface can only bind instance methods");

    /// <summary>WB2011: a CancellationToken where it cannot cancel anything.</summary>
    public static readonly DiagnosticDescriptor MisplacedCancellationToken = Create(
        "WB2011", "CancellationToken cannot be bound here",
        "CancellationToken parameter '{0}' of '{1}' {2}");

    /// <summary>WB2012: the interface inherits members from another interface.</summary>
    public static readonly DiagnosticDescriptor InheritedMembers = Create(
        "WB2012", "Binding interface inherits members",
        "'{0}' inherits members from '{1}'; a binding interface cannot inherit members");

    /// <summary>WB2014: a record (a record, record struct or struct) that cannot cross the boundary, reported at the offending field.</summary>
    public static readonly DiagnosticDescriptor UnsupportedRecordField = Create(
        "WB2014", "Unsupported record field",
        "'{0}' cannot be part of a record that '{1}' passes or returns: {2}");

    /// <summary>WB2013: a <c>Caller</c> parameter that cannot be bound where it is.</summary>
    public static readonly DiagnosticDescriptor MisplacedCaller = Create(
        "WB2013", "Caller parameter cannot be bound here",
        "Caller parameter '{0}' of '{1}' {2}");

    /// <summary>WB2015: <c>[WasmThrows]</c> where it cannot apply.</summary>
    public static readonly DiagnosticDescriptor MisplacedThrows = Create(
        "WB2015", "WasmThrows cannot be applied here",
        "[WasmThrows] on '{0}' {1}");

    /// <summary>Every descriptor, one per id.</summary>
    public static readonly IReadOnlyList<DiagnosticDescriptor> All = new[]
    {
        GeneratorFailure, NotPartial, UnsupportedParameterType, UnsupportedReturnType, DuplicateWasmName, InvalidWasmName,
        Generic, MisplacedAttribute, ByReferenceParameter, UnsupportedMember, MisplacedCancellationToken,
        InheritedMembers, MisplacedCaller, UnsupportedRecordField, MisplacedThrows,
    };

    /// <summary>The descriptor with id <paramref name="id"/>.</summary>
    public static DiagnosticDescriptor Find(string id)
    {
        foreach (var descriptor in All)
        {
            if (descriptor.Id == id) return descriptor;
        }
        throw new KeyNotFoundException("No WasmBind binding diagnostic has the id " + id + ".");
    }

    private static DiagnosticDescriptor Create(string id, string title, string message) => new DiagnosticDescriptor(
        id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
        description: title + ": the binding generator cannot bind this interface as written, and generates nothing for it. The rules page explains why and how to fix it.",
        helpLinkUri: HelpBase + id + ".md");
}
