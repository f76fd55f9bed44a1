using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace WasmBind.Generators.Model;

/// <summary>
/// Where a diagnostic points, as plain data (a <see cref="Location"/> holds its syntax tree, which would keep the
/// pipeline from caching).
/// </summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public static LocationInfo? From(Location? location)
    {
        if (location is null || location.SourceTree is null) return null;
        return new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
    }

    public static LocationInfo? From(SyntaxNode? node) => node is null ? null : From(node.GetLocation());

    /// <summary>
    /// The location in <paramref name="compilation"/>'s syntax tree of the same path, so that an analyzer's
    /// diagnostic is in source (suppressible with #pragma); a file location when there is no compilation or tree.
    /// </summary>
    public Location ToLocation(Compilation? compilation = null)
    {
        var tree = compilation?.SyntaxTrees.FirstOrDefault(t => t.FilePath == FilePath);
        return tree is not null ? Location.Create(tree, Span) : Location.Create(FilePath, Span, LineSpan);
    }
}
