using WasmBind.Wasi.Abi;
using WasmBind.Wasi.FileSystem;

namespace WasmBind.Wasi.Descriptors;

/// <summary>
/// An open directory: a preopen, or one opened beneath it. It holds no host handle, only where it is inside its preopen;
/// every path operation resolves from the preopen root again (see <see cref="PathResolver"/>).
/// </summary>
internal sealed class DirectoryDescriptor : Descriptor
{
    public DirectoryDescriptor(PreopenRoot root, IReadOnlyList<string> components, bool isPreopen, Rights rightsBase, Rights rightsInheriting)
        : base(rightsBase, rightsInheriting)
    {
        Root = root;
        Components = components;
        IsPreopen = isPreopen;
    }

    public override FileType FileType => FileType.Directory;

    public PreopenRoot Root { get; }

    /// <summary>Where the directory is beneath <see cref="Root"/>; empty for the preopen itself.</summary>
    public IReadOnlyList<string> Components { get; }

    /// <summary>Whether this is the preopened directory itself, reported by <c>fd_prestat_get</c>.</summary>
    public bool IsPreopen { get; }

    /// <summary>The entries of the last <c>fd_readdir</c> from cookie 0, so later cookies index a stable list.</summary>
    public DirectoryListing? Listing { get; set; }
}
