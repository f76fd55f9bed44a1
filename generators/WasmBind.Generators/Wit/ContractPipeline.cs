using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using WasmBind.Generators.Model;

namespace WasmBind.Generators.Wit;

/// <summary>One guest to check: its description (or why it has none) and the contract it must meet.</summary>
internal sealed record GuestCheck(string Path, string Guest, string? Contract, EquatableArray<string> HostModules, GuestDescription? Description, string? Error);

/// <summary>
/// The guest checked at build time. A guest <c>.wasm</c> given as <c>&lt;AdditionalFiles Include="x.wasm"
/// WasmBindContract="IPlugin" /&gt;</c> is described by the package's build task as a small text file (imports and
/// exports with their core types), added as an AdditionalFiles item with the same metadata; here each description
/// is checked against the binding models: every member of the contract (a <c>[WasmExports]</c> interface) must be
/// exported with its core type (WB2060, WB2061), and every function the guest imports must be provided, with the
/// same core type, by a <c>[WasmImports]</c> interface of the project (WB2062), except from the modules listed in
/// <c>WasmBindHostModules</c> (default: WASI preview 1's). The diagnostics point at the .wasm.
/// </summary>
internal static class ContractPipeline
{
    public const string DescriptionExtension = ".wasmbind-guest";
    public const string ContractMetadata = "WasmBindContract";
    public const string GuestMetadata = "WasmBindGuest";
    public const string HostModulesMetadata = "WasmBindHostModules";

    private static readonly string[] DefaultHostModules = { "wasi_snapshot_preview1", "wasi_unstable" };

    public static void Register(IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<InterfaceModel> models)
    {
        var guests = context.AdditionalTextsProvider
            .Where(static text => text.Path.EndsWith(DescriptionExtension, StringComparison.OrdinalIgnoreCase))
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, cancellationToken) =>
            {
                var (text, options) = pair;
                var fileOptions = options.GetOptions(text);
                fileOptions.TryGetValue("build_metadata.AdditionalFiles." + ContractMetadata, out var contract);
                fileOptions.TryGetValue("build_metadata.AdditionalFiles." + GuestMetadata, out var guest);
                fileOptions.TryGetValue("build_metadata.AdditionalFiles." + HostModulesMetadata, out var hostModules);
                var modules = string.IsNullOrWhiteSpace(hostModules)
                    ? DefaultHostModules
                    : hostModules!.Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries).Select(m => m.Trim()).ToArray();
                var guestPath = string.IsNullOrWhiteSpace(guest) ? text.Path : guest!.Trim();
                var content = text.GetText(cancellationToken)?.ToString();
                string? error = null;
                var description = content is null ? null : GuestDescription.Parse(content, out error);
                if (content is null) error = "its description " + text.Path + " cannot be read (rebuild to rewrite it)";
                return new GuestCheck(guestPath, Path.GetFileName(guestPath), string.IsNullOrWhiteSpace(contract) ? null : contract!.Trim(),
                    new EquatableArray<string>(modules), description, error);
            })
            .WithTrackingName(TrackingNames.Guests);

        var checks = guests.Combine(models.Collect())
            .Select(static (pair, _) => new EquatableArray<WitDiagnostic>(Check(pair.Left, pair.Right).ToArray()))
            .WithTrackingName(TrackingNames.GuestDiagnostics);
        context.RegisterSourceOutput(checks, static (output, diagnostics) =>
        {
            foreach (var diagnostic in diagnostics) output.ReportDiagnostic(diagnostic.ToDiagnostic());
        });
    }

    public static List<WitDiagnostic> Check(GuestCheck guest, ImmutableArray<InterfaceModel> models)
    {
        var diagnostics = new List<WitDiagnostic>();
        var at = new LocationInfo(guest.Path, default, default);
        if (guest.Description is not { } description)
        {
            diagnostics.Add(WitDiagnostic.Create(WitDiagnostics.BadContract, at, guest.Guest, guest.Error ?? "it has no description"));
            return diagnostics;
        }
        if (guest.Contract is { } contract)
        {
            var matches = models.Where(m => m.Kind == BindingKind.Exports && (m.Name == contract || m.DisplayName == contract)).ToList();
            if (matches.Count != 1)
            {
                var problem = matches.Count == 0
                    ? $"WasmBindContract names '{contract}', which is no [WasmExports] interface of this project"
                    : $"WasmBindContract names '{contract}', which is ambiguous ({string.Join(", ", matches.Select(m => m.DisplayName))}); use the full name";
                diagnostics.Add(WitDiagnostic.Create(WitDiagnostics.BadContract, at, guest.Guest, problem));
            }
            else
            {
                var exports = description.Exports.GroupBy(e => e.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
                foreach (var member in matches[0].Members)
                {
                    var expected = Flattening.GetCoreSignature(member, BindingKind.Exports).ToString();
                    var memberName = matches[0].DisplayName + "." + member.Name;
                    if (!exports.TryGetValue(member.WasmName, out var export))
                        diagnostics.Add(WitDiagnostic.Create(WitDiagnostics.MissingExport, at, guest.Guest, member.WasmName, memberName, expected));
                    else if (export.Signature != expected)
                        diagnostics.Add(WitDiagnostic.Create(WitDiagnostics.MismatchedExport, at, guest.Guest, member.WasmName, export.Signature, memberName, expected));
                }
            }
        }

        var provided = new Dictionary<(string, string), (string Signature, string Member)>();
        foreach (var model in models.Where(m => m.Kind == BindingKind.Imports))
        {
            foreach (var member in model.Members)
                provided[(model.ModuleName, member.WasmName)] = (Flattening.GetCoreSignature(member, BindingKind.Imports).ToString(), model.DisplayName + "." + member.Name);
        }
        foreach (var import in description.Imports)
        {
            if (guest.HostModules.Contains(import.Module)) continue;
            var name = import.Module + "::" + import.Name;
            if (!provided.TryGetValue((import.Module, import.Name), out var host))
            {
                diagnostics.Add(WitDiagnostic.Create(WitDiagnostics.UnprovidedImport, at, guest.Guest, name, import.Signature,
                    "which no [WasmImports] interface of this project provides (list host-provided modules in WasmBindHostModules)"));
            }
            else if (host.Signature != import.Signature)
            {
                diagnostics.Add(WitDiagnostic.Create(WitDiagnostics.UnprovidedImport, at, guest.Guest, name, import.Signature,
                    $"but '{host.Member}' provides it as {host.Signature}"));
            }
        }
        return diagnostics;
    }
}
