using WasmBind.Wasi.Abi;
using WasmBind.Wasi.Descriptors;
using WasmBind.Wasi.FileSystem;

namespace WasmBind.Wasi.Functions;

/// <summary>
/// The first steps of every <c>path_*</c> function: the directory descriptor and its right, the path string from guest
/// memory, and its resolution inside the sandbox.
/// </summary>
internal static class PathArguments
{
    public static Errno Resolve(WasiContext context, GuestMemory memory, uint fd, Rights right, uint path, uint length, bool follow,
        out DirectoryDescriptor? directory, out ResolvedPath? resolved)
    {
        resolved = null;
        var error = context.Descriptors.Get<DirectoryDescriptor>(fd, out var found, wrongKind: Errno.Notdir);
        directory = found;
        if (error != Errno.Success) return error;
        error = found.Require(right);
        if (error != Errno.Success) return error;
        error = memory.TryReadString(path, length, out var text);
        if (error != Errno.Success) return error;
        return PathResolver.Resolve(found.Root, found.Components, text, follow, out resolved);
    }

    /// <summary>
    /// Where a directory descriptor is now, checked like any guest path: a directory swapped for a link (to the outside,
    /// say) since it was opened is refused instead of being listed or statted.
    /// </summary>
    public static Errno Locate(DirectoryDescriptor directory, out string hostPath)
    {
        hostPath = "";
        var error = PathResolver.Resolve(directory.Root, directory.Components, ".", followFinal: true, out var resolved);
        if (error != Errno.Success) return error;
        if (resolved!.Node.Kind != NodeKind.Directory) return Errno.Noent;
        hostPath = resolved.HostPath;
        return Errno.Success;
    }

    /// <summary>The name a path ends in, ignoring trailing slashes: <c>.</c> and <c>..</c> cannot be removed or renamed.</summary>
    public static string FinalName(string path)
    {
        var trimmed = path.TrimEnd('/');
        var slash = trimmed.LastIndexOf('/');
        return slash < 0 ? trimmed : trimmed[(slash + 1)..];
    }

    public static bool IsFollow(uint lookupFlags) => (lookupFlags & (uint)LookupFlags.SymlinkFollow) != 0;
}
