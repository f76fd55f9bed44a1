using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using WasmBind.Generators.Model;

namespace WasmBind.Generators.Wit;

/// <summary>
/// Assembles an assembly's <see cref="WitSource"/>s into one WIT package: interfaces in name order, each type defined
/// once (in the first interface, by name, that uses it; the others <c>use</c> it from there; a different type that
/// happens to have the same WIT name is defined again in its own interface, since each interface has its own
/// names), and a world per
/// <c>[WasmWorld]</c> name plus the assembly's default world for interfaces without one.
/// </summary>
internal static class WitPackageBuilder
{
    public static WitPackage? Build(ImmutableArray<WitSource> sources, string? assemblyName)
    {
        if (sources.IsDefaultOrEmpty) return null;
        var defaultWorld = DefaultWorld(assemblyName);
        var ordered = sources.OrderBy(s => s.Interface.Name, StringComparer.Ordinal).ThenBy(s => s.Kind).ToList();
        var package = ordered.Select(s => s.Package).FirstOrDefault(p => p is not null) ?? "wasmbind:" + defaultWorld;

        var owners = new Dictionary<string, (string Interface, WitTypeDef Definition)>(StringComparer.Ordinal);
        var interfaces = new List<WitInterface>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var source in ordered)
        {
            var item = source.Interface;
            if (!seen.Add(item.Name)) continue; // two C# interfaces with one WIT name: the first wins (the second's world entry still names it)
            var own = item.Types.Where(t => !owners.TryGetValue(t.Name, out var o) || !o.Definition.Equals(t)).ToList();
            // Only what this interface names itself (in functions and its own types): a used record's field types come with it.
            var referenced = References(item.Functions, own);
            var uses = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var type in item.Types)
            {
                if (owners.TryGetValue(type.Name, out var owner) && owner.Definition.Equals(type))
                {
                    if (!referenced.Contains(type.Name)) continue;
                    if (!uses.TryGetValue(owner.Interface, out var names)) uses[owner.Interface] = names = new List<string>();
                    names.Add(type.Name);
                }
            }
            foreach (var type in own)
            {
                if (!owners.ContainsKey(type.Name)) owners[type.Name] = (item.Name, type);
            }
            interfaces.Add(item with
            {
                Uses = new EquatableArray<WitUse>(uses.OrderBy(u => u.Key, StringComparer.Ordinal)
                    .Select(u => new WitUse(u.Key, new EquatableArray<string>(u.Value.ToArray()))).ToArray()),
                Types = new EquatableArray<WitTypeDef>(own.ToArray()),
            });
        }

        var worlds = ordered.GroupBy(s => s.World ?? defaultWorld, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new WitWorld(g.Key,
                new EquatableArray<string>(g.Where(s => s.Kind == BindingKind.Imports).Select(s => s.Interface.Name).Distinct().ToArray()),
                new EquatableArray<string>(g.Where(s => s.Kind == BindingKind.Exports).Select(s => s.Interface.Name).Distinct().ToArray())))
            .ToArray();
        return new WitPackage(package, new EquatableArray<WitInterface>(interfaces.ToArray()), new EquatableArray<WitWorld>(worlds));
    }

    /// <summary>The named types that <paramref name="functions"/> and <paramref name="types"/> refer to.</summary>
    private static HashSet<string> References(EquatableArray<WitFunction> functions, List<WitTypeDef> types)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        void Visit(WitType? type)
        {
            if (type is null) return;
            if (type.Kind == WitTypeKind.Named) names.Add(type.Name);
            foreach (var argument in type.Arguments) Visit(argument);
        }
        foreach (var function in functions)
        {
            foreach (var parameter in function.Parameters) Visit(parameter.Type);
            Visit(function.Result);
        }
        foreach (var type in types)
        {
            foreach (var field in type.Fields) Visit(field.Type);
            Visit(type.Target);
        }
        return names;
    }

    /// <summary>The default world's name: the assembly name in kebab-case (<c>Acme.PluginHost</c> → <c>acme-plugin-host</c>).</summary>
    public static string DefaultWorld(string? assemblyName)
    {
        var parts = (assemblyName ?? "").Split(new[] { '.', '-', '_', ' ' }, StringSplitOptions.RemoveEmptyEntries)
            .Select(WitNames.FromPascal).Where(p => p.Length > 0);
        var name = string.Join("-", parts);
        return WitNames.IsLabel(name) ? name : "bindings";
    }
}
