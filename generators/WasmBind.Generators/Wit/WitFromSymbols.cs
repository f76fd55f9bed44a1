using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using WasmBind.Generators.Model;
using WasmBind.Generators.Parsing;

namespace WasmBind.Generators.Wit;

/// <summary>
/// The WIT of a binding interface, from its symbol and the binding model (which says which members bind and their
/// wasm names): an <c>interface</c> named after the C# interface (or after its component-model core names), a
/// function per bound member, and a type definition for every record, variant, enum and flags it uses.
/// </summary>
internal static class WitFromSymbols
{
    public const string WasmWorldAttribute = "WasmBind.WasmWorldAttribute";

    public const string WasmThrowsAttribute = "WasmBind.Bindings.WasmThrowsAttribute";

    public static WitSource? Build(INamedTypeSymbol type, InterfaceModel? model)
    {
        if (model is null) return null;
        var (package, interfaceName) = InterfaceName(type, model);
        var (worldPackage, world) = World(type);
        var types = new TypeCollector();
        var functions = new List<WitFunction>();
        var methods = type.GetMembers().OfType<IMethodSymbol>().ToList();
        foreach (var member in model.Members)
        {
            var method = methods.FirstOrDefault(m => m.Name == member.Name && m.IsAbstract);
            if (method is null) continue;
            var parameters = new List<WitField>();
            foreach (var parameter in method.Parameters)
            {
                var classified = TypeClassifier.Classify(parameter.Type).Type;
                if (classified is null || classified.Kind is ValueKind.Caller or ValueKind.CancellationToken) continue;
                parameters.Add(new WitField(Label(parameter.Name), types.Map(parameter.Type)));
            }
            WitType? result = null;
            if (member.Return.Value is not null) result = types.Map(Awaited(method.ReturnType));
            var throws = method.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == WasmThrowsAttribute);
            if (throws is not null && throws.ConstructorArguments.Length == 1 && throws.ConstructorArguments[0].Value is ITypeSymbol error)
            {
                // [WasmThrows(typeof(E))] T M(...) is result<T, E> on the wire; a void or Task member's T is none.
                result = WitType.Generic(WitTypeKind.Result, result ?? WitType.Of(WitTypeKind.Unit), types.MapOrUnit(error));
            }
            functions.Add(new WitFunction(FunctionName(member), new EquatableArray<WitField>(parameters.ToArray()), result));
        }
        var item = new WitInterface(interfaceName, EquatableArray<WitUse>.Empty, new EquatableArray<WitTypeDef>(types.Definitions.ToArray()),
            new EquatableArray<WitFunction>(functions.ToArray()));
        return new WitSource(model.Kind, world, worldPackage ?? package, item);
    }

    /// <summary>
    /// The interface's package and name: from a component-model core name (<c>ns:pkg/iface</c> as an import module,
    /// <c>ns:pkg/iface#func</c> as every export's name), or the C# name in kebab-case without its leading <c>I</c>.
    /// </summary>
    private static (string? Package, string Name) InterfaceName(INamedTypeSymbol type, InterfaceModel model)
    {
        string? qualified = null;
        if (model.Kind == BindingKind.Imports)
        {
            qualified = model.ModuleName;
        }
        else if (model.Members.Count > 0)
        {
            var prefixes = model.Members.Select(m => m.WasmName.IndexOf('#') is var hash and > 0 ? m.WasmName.Substring(0, hash) : "").Distinct().ToList();
            if (prefixes.Count == 1) qualified = prefixes[0];
        }
        if (qualified is not null && SplitQualified(qualified) is { } split) return split;
        var name = type.Name.Length > 1 && type.Name[0] == 'I' && char.IsUpper(type.Name[1]) ? type.Name.Substring(1) : type.Name;
        return (null, WitNames.FromPascal(name));
    }

    /// <summary><c>ns:pkg/name</c> (optionally <c>@version</c>) split into its package and name, or null.</summary>
    public static (string? Package, string Name)? SplitQualified(string qualified)
    {
        var colon = qualified.IndexOf(':');
        var slash = qualified.IndexOf('/');
        if (colon <= 0 || slash < colon) return null;
        var name = qualified.Substring(slash + 1);
        var at = name.IndexOf('@');
        var version = at >= 0 ? name.Substring(at) : "";
        if (at >= 0) name = name.Substring(0, at);
        return WitNames.IsLabel(name) ? (qualified.Substring(0, slash) + version, name) : null;
    }

    private static (string? Package, string? World) World(INamedTypeSymbol type)
    {
        var attribute = type.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == WasmWorldAttribute);
        if (attribute is null || attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not string value) return (null, null);
        if (SplitQualified(value) is { } split) return split;
        return (null, value);
    }

    private static string FunctionName(MemberModel member)
    {
        var name = member.WasmName.IndexOf('#') is var hash and >= 0 ? member.WasmName.Substring(hash + 1) : member.WasmName;
        return WitNames.FromWasmName(name) ?? WitNames.FromPascal(member.Name);
    }

    private static string Label(string csharpName) => WitNames.FromPascal(csharpName);

    private static ITypeSymbol Awaited(ITypeSymbol type) =>
        type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named
        && (TypeClassifier.IsType(named, "System.Threading.Tasks", "Task`1") || TypeClassifier.IsType(named, "System.Threading.Tasks", "ValueTask`1"))
            ? named.TypeArguments[0]
            : type;
}
