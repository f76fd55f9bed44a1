using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using WasmBind.Generators.Model;

namespace WasmBind.Generators.Wit;

/// <summary>
/// The generator's diagnostics about WIT files and guest contracts (WB2050-WB2063). Unlike WB2001-WB2014 the analyzers
/// cannot report these (they need additional files), so the generator always reports them itself. Each has a page
/// at docs/rules/WBnnnn.md and a line in AnalyzerReleases.Unshipped.md.
/// </summary>
internal static class WitDiagnostics
{
    private const string HelpBase = RepositoryInfo.Url + "/blob/main/docs/rules/";

    /// <summary>WB2050: the .wit file is not valid WIT syntax.</summary>
    public static readonly DiagnosticDescriptor SyntaxError = new(
        "WB2050", "WIT syntax error", "{0}", "WasmBind.Wit", DiagnosticSeverity.Error, isEnabledByDefault: true,
        description: "The .wit file is not valid WIT; no C# is generated from it until it is.", helpLinkUri: HelpBase + "WB2050.md");

    /// <summary>WB2051: valid WIT that WasmBind does not turn into C#.</summary>
    public static readonly DiagnosticDescriptor Unsupported = new(
        "WB2051", "Unsupported WIT construct", "{0}", "WasmBind.Wit", DiagnosticSeverity.Error, isEnabledByDefault: true,
        description: "The .wit file uses a WIT construct that WasmBind does not bind to a core module.", helpLinkUri: HelpBase + "WB2051.md");

    /// <summary>WB2052: a name problem: an unknown or duplicate name, or one C# cannot hold.</summary>
    public static readonly DiagnosticDescriptor NameError = new(
        "WB2052", "WIT name error", "{0}", "WasmBind.Wit", DiagnosticSeverity.Error, isEnabledByDefault: true,
        description: "A name in the .wit file is unknown, defined twice, or clashes in the generated C#.", helpLinkUri: HelpBase + "WB2052.md");

    /// <summary>WB2060: the guest does not export a member of its contract.</summary>
    public static readonly DiagnosticDescriptor MissingExport = new(
        "WB2060", "Guest is missing an export", "Guest '{0}' does not export '{1}', which '{2}' binds as {3}", "WasmBind.Contract", DiagnosticSeverity.Error, isEnabledByDefault: true,
        description: "A guest module given as an AdditionalFiles item with WasmBindContract lacks an export of that interface; Bind would throw BindingException.",
        helpLinkUri: HelpBase + "WB2060.md");

    /// <summary>WB2061: an export of the guest has another type than its contract says.</summary>
    public static readonly DiagnosticDescriptor MismatchedExport = new(
        "WB2061", "Guest export has the wrong type", "Guest '{0}' exports '{1}' as {2}, but '{3}' binds it as {4}", "WasmBind.Contract", DiagnosticSeverity.Error, isEnabledByDefault: true,
        description: "An export of the guest module does not have the core type its contract's member needs; Bind would throw BindingException.",
        helpLinkUri: HelpBase + "WB2061.md");

    /// <summary>WB2062: the guest imports something no [WasmImports] interface of the project provides (or with another type).</summary>
    public static readonly DiagnosticDescriptor UnprovidedImport = new(
        "WB2062", "Guest import not provided by the host", "Guest '{0}' imports '{1}' as {2}, {3}", "WasmBind.Contract", DiagnosticSeverity.Error, isEnabledByDefault: true,
        description: "The guest module imports a function the host's [WasmImports] interfaces do not provide, or provide with another type; instantiating it would fail.",
        helpLinkUri: HelpBase + "WB2062.md");

    /// <summary>WB2063: the contract metadata or the guest's description cannot be used.</summary>
    public static readonly DiagnosticDescriptor BadContract = new(
        "WB2063", "Guest contract cannot be checked", "Guest '{0}' cannot be checked: {1}", "WasmBind.Contract", DiagnosticSeverity.Error, isEnabledByDefault: true,
        description: "The WasmBindContract metadata names no [WasmExports] interface of the project, or the guest's description (written by the package's build task) is missing or unreadable.",
        helpLinkUri: HelpBase + "WB2063.md");

    public static readonly IReadOnlyList<DiagnosticDescriptor> All = new[]
    {
        SyntaxError, Unsupported, NameError, MissingExport, MismatchedExport, UnprovidedImport, BadContract,
    };

    public static DiagnosticDescriptor Find(string id)
    {
        foreach (var descriptor in All)
        {
            if (descriptor.Id == id) return descriptor;
        }
        throw new KeyNotFoundException("No WasmBind WIT diagnostic has the id " + id + ".");
    }
}

/// <summary>A WIT or contract diagnostic as plain data (see <see cref="DiagnosticInfo"/> for why).</summary>
internal sealed record WitDiagnostic(string Id, LocationInfo? Location, EquatableArray<string> Arguments)
{
    public static WitDiagnostic Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
        new(descriptor.Id, location, new EquatableArray<string>(arguments));

    public Diagnostic ToDiagnostic()
    {
        var arguments = new object[Arguments.Count];
        for (var i = 0; i < arguments.Length; i++) arguments[i] = Arguments[i];
        return Diagnostic.Create(WitDiagnostics.Find(Id), Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None, arguments);
    }
}
