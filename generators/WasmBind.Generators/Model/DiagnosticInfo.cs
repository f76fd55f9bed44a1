using Microsoft.CodeAnalysis;
using WasmBind.Generators.Diagnostics;

namespace WasmBind.Generators.Model;

/// <summary>
/// A diagnostic as plain data: its id (one descriptor per id in <see cref="DiagnosticDescriptors"/>), where it
/// points and its message arguments. It holds no symbol, syntax or <see cref="Microsoft.CodeAnalysis.Location"/>.
/// </summary>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
        new(descriptor.Id, location, new EquatableArray<string>(arguments));

    /// <summary>The descriptor this diagnostic reports.</summary>
    public DiagnosticDescriptor Descriptor => DiagnosticDescriptors.Find(Id);

    /// <summary>The diagnostic, located in <paramref name="compilation"/>'s tree of the same path where there is one.</summary>
    public Diagnostic ToDiagnostic(Compilation? compilation = null)
    {
        var arguments = new object[Arguments.Count];
        for (var i = 0; i < arguments.Length; i++) arguments[i] = Arguments[i];
        return Diagnostic.Create(Descriptor, Location?.ToLocation(compilation) ?? Microsoft.CodeAnalysis.Location.None, arguments);
    }
}
