using WasmBind.Wasi.Abi;
using WasmBind.Wasi.FileSystem;
using static WasmBind.Wasi.Functions.PathArguments;

namespace WasmBind.Wasi.Functions;

/// <summary>
/// The functions that change a directory: <c>path_create_directory</c>, <c>path_remove_directory</c>,
/// <c>path_unlink_file</c>, <c>path_rename</c>, <c>path_symlink</c>, <c>path_link</c>. Each checks the POSIX error cases
/// itself before asking the host, so the guest sees the same errno on every platform, and each refuses read-only preopens.
/// </summary>
internal static class PathMutationFunctions
{
    public static void Define(Linker linker, WasiHost host)
    {
        host.Define<uint, uint, uint>(linker, "path_create_directory",
            (caller, fd, path, length) => (int)CreateDirectory(host.Context(caller), caller, fd, path, length));
        host.Define<uint, uint, uint>(linker, "path_remove_directory",
            (caller, fd, path, length) => (int)RemoveDirectory(host.Context(caller), caller, fd, path, length));
        host.Define<uint, uint, uint>(linker, "path_unlink_file",
            (caller, fd, path, length) => (int)UnlinkFile(host.Context(caller), caller, fd, path, length));
        host.Define<uint, uint, uint, uint, uint, uint>(linker, "path_rename",
            (caller, fd, oldPath, oldLength, newFd, newPath, newLength) =>
                (int)Rename(host.Context(caller), caller, fd, oldPath, oldLength, newFd, newPath, newLength));
        host.Define<uint, uint, uint, uint, uint>(linker, "path_symlink",
            (caller, target, targetLength, fd, path, length) =>
                (int)Symlink(host.Context(caller), caller, target, targetLength, fd, path, length));
        host.Define<uint, uint, uint, uint, uint, uint, uint>(linker, "path_link",
            (caller, oldFd, oldFlags, oldPath, oldLength, newFd, newPath, newLength) =>
                (int)Link(host.Context(caller), caller, oldFd, oldFlags, oldPath, oldLength, newFd, newPath, newLength));
    }

    private static Errno CreateDirectory(WasiContext context, Caller caller, uint fd, uint path, uint length)
    {
        var error = PathArguments.Resolve(context, GuestMemory.Of(caller), fd, Rights.PathCreateDirectory, path, length, follow: false, out _, out var resolved);
        if (error != Errno.Success) return error;
        if (resolved!.Node.Exists) return Errno.Exist;
        if (resolved.Root.ReadOnly) return Errno.Rofs;
        Directory.CreateDirectory(resolved.HostPath);
        return Errno.Success;
    }

    private static Errno RemoveDirectory(WasiContext context, Caller caller, uint fd, uint path, uint length)
    {
        var memory = GuestMemory.Of(caller);
        var error = PathArguments.Resolve(context, memory, fd, Rights.PathRemoveDirectory, path, length, follow: false, out _, out var resolved);
        if (error != Errno.Success) return error;
        error = CheckRemovable(memory, path, length, resolved!);
        if (error != Errno.Success) return error;
        if (resolved!.Node.Kind != NodeKind.Directory) return Errno.Notdir;
        if (resolved.Root.ReadOnly) return Errno.Rofs;
        if (Directory.EnumerateFileSystemEntries(resolved.HostPath).Any()) return Errno.Notempty;
        Directory.Delete(resolved.HostPath, recursive: false);
        return Errno.Success;
    }

    private static Errno UnlinkFile(WasiContext context, Caller caller, uint fd, uint path, uint length)
    {
        var memory = GuestMemory.Of(caller);
        var error = PathArguments.Resolve(context, memory, fd, Rights.PathUnlinkFile, path, length, follow: false, out _, out var resolved);
        if (error != Errno.Success) return error;
        error = CheckRemovable(memory, path, length, resolved!);
        if (error != Errno.Success) return error;
        if (resolved!.Node.Kind == NodeKind.Directory) return Errno.Isdir;
        if (resolved.Root.ReadOnly) return Errno.Rofs;
        File.Delete(resolved.HostPath);
        return Errno.Success;
    }

    private static Errno Rename(WasiContext context, Caller caller, uint fd, uint oldPath, uint oldLength, uint newFd, uint newPath, uint newLength)
    {
        var memory = GuestMemory.Of(caller);
        var error = PathArguments.Resolve(context, memory, fd, Rights.PathRenameSource, oldPath, oldLength, follow: false, out _, out var resolvedSource);
        if (error != Errno.Success) return error;
        error = PathArguments.Resolve(context, memory, newFd, Rights.PathRenameTarget, newPath, newLength, follow: false, out _, out var resolvedTarget);
        if (error != Errno.Success) return error;
        var (source, target) = (resolvedSource!, resolvedTarget!);
        error = CheckRemovable(memory, oldPath, oldLength, source);
        if (error != Errno.Success) return error;
        if (target.IsRoot || IsDotName(memory, newPath, newLength)) return Errno.Busy;
        if (source.Root.ReadOnly || target.Root.ReadOnly) return Errno.Rofs;
        if (source.HostPath == target.HostPath) return Errno.Success;

        if (source.Node.Kind == NodeKind.Directory)
        {
            if (target.Components.Count > source.Components.Count && ReferenceEquals(source.Root, target.Root)
                && target.Components.Take(source.Components.Count).SequenceEqual(source.Components))
            {
                return Errno.Inval; // into its own subtree
            }

            if (target.Node.Kind is NodeKind.File or NodeKind.Symlink) return Errno.Notdir;
            // POSIX rename replaces an empty directory only.
            if (target.Node.Kind == NodeKind.Directory && Directory.EnumerateFileSystemEntries(target.HostPath).Any()) return Errno.Notempty;
        }
        else
        {
            if (target.Node.Kind == NodeKind.Directory) return Errno.Isdir;
            if (source.MustBeDirectory || target.MustBeDirectory) return Errno.Notdir;
            // As for path_symlink and path_link: a link is not moved to where its text would lead out.
            if (source.Node.Kind == NodeKind.Symlink && EscapesFrom(target.Components, source.Node.Info.LinkTarget ?? "")) return Errno.Notcapable;
        }
        error = NativeFileSystem.Rename(source.HostPath, target.HostPath);
        if (error != Errno.Success) return error;
        context.Inodes.Rename(source.HostPath, target.HostPath);
        return Errno.Success;
    }

    private static Errno Symlink(WasiContext context, Caller caller, uint targetPointer, uint targetLength, uint fd, uint path, uint length)
    {
        var memory = GuestMemory.Of(caller);
        var error = memory.TryReadString(targetPointer, targetLength, out var target);
        if (error != Errno.Success) return error;
        error = PathArguments.Resolve(context, memory, fd, Rights.PathSymlink, path, length, follow: false, out _, out var resolved);
        if (error != Errno.Success) return error;
        if (resolved!.Node.Exists) return Errno.Exist;
        // "link/" names a directory that does not exist: POSIX (and Linux, and Wasmtime) answer ENOENT.
        if (resolved.MustBeDirectory) return Errno.Noent;
        if (target.Length == 0) return Errno.Noent;
        if (target.Contains('\0')) return Errno.Inval;
        // The sandbox would never follow a link leading out, but the host might: such links are not created at all.
        if (EscapesFrom(resolved.Components, target)) return Errno.Notcapable;
        if (resolved.Root.ReadOnly) return Errno.Rofs;
        File.CreateSymbolicLink(resolved.HostPath, target);
        return Errno.Success;
    }

    private static Errno Link(WasiContext context, Caller caller, uint oldFd, uint oldFlags, uint oldPath, uint oldLength, uint newFd, uint newPath, uint newLength)
    {
        var memory = GuestMemory.Of(caller);
        var error = PathArguments.Resolve(context, memory, oldFd, Rights.PathLinkSource, oldPath, oldLength, IsFollow(oldFlags), out _, out var source);
        if (error != Errno.Success) return error;
        error = PathArguments.Resolve(context, memory, newFd, Rights.PathLinkTarget, newPath, newLength, follow: false, out _, out var target);
        if (error != Errno.Success) return error;
        if (!source!.Node.Exists) return Errno.Noent;
        if (source.Node.Kind == NodeKind.Directory) return Errno.Perm; // hard links to directories are refused, as in POSIX
        if (target!.Node.Exists) return Errno.Exist;
        if (target.MustBeDirectory) return Errno.Noent;
        // A link to a link keeps the target text; it must not lead out from its new place either.
        if (source.Node.Kind == NodeKind.Symlink && EscapesFrom(target.Components, source.Node.Info.LinkTarget ?? "")) return Errno.Notcapable;
        if (source.Root.ReadOnly || target.Root.ReadOnly) return Errno.Rofs;
        return NativeFileSystem.Link(source.HostPath, target.HostPath);
    }

    /// <summary>Removing or renaming a path ending in <c>.</c> or <c>..</c> is invalid (POSIX), and the preopen itself is in use.</summary>
    private static Errno CheckRemovable(GuestMemory memory, uint path, uint length, ResolvedPath resolved)
    {
        memory.TryReadString(path, length, out var text);
        var name = FinalName(text);
        if (name == ".") return Errno.Inval;
        if (name == "..") return Errno.Notempty;
        if (resolved.IsRoot) return Errno.Busy;
        if (!resolved.Node.Exists) return Errno.Noent;
        return Errno.Success;
    }

    private static bool IsDotName(GuestMemory memory, uint path, uint length)
    {
        memory.TryReadString(path, length, out var text);
        return FinalName(text) is "." or "..";
    }

    /// <summary>
    /// Whether a link at <paramref name="linkComponents"/> with contents <paramref name="target"/> would lead out of the
    /// preopen when read lexically from where it sits: absolute, or more <c>..</c> than its depth.
    /// </summary>
    private static bool EscapesFrom(IReadOnlyList<string> linkComponents, string target)
    {
        if (target.StartsWith('/') || Path.IsPathRooted(target)) return true;
        var depth = linkComponents.Count - 1; // the link's directory
        foreach (var part in target.Split('/'))
        {
            if (part is "" or ".") continue;
            depth += part == ".." ? -1 : 1;
            if (depth < 0) return true;
        }
        return false;
    }
}
