using WasmBind.Generators.Model;

namespace WasmBind.Generators.Wit;

/// <summary>
/// What one binding interface contributes to its assembly's WIT: the interface (with every type it uses defined in
/// it) and where it goes. <see cref="WitPackageBuilder"/> assembles these into one package.
/// </summary>
/// <param name="Kind">Imports (the world imports it) or exports (the world exports it).</param>
/// <param name="World">The world from <c>[WasmWorld]</c>, without its package; null for the assembly's default world.</param>
/// <param name="Package">The package named by <c>[WasmWorld]</c> or by a component-model core name; null when none names one.</param>
/// <param name="Interface">The interface, with every type it uses defined in it, dependencies first.</param>
internal sealed record WitSource(BindingKind Kind, string? World, string? Package, WitInterface Interface);
