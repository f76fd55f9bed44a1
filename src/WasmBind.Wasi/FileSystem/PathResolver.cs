using WasmBind.Wasi.Abi;

namespace WasmBind.Wasi.FileSystem;

/// <summary>
/// The sandbox: resolves a guest path against a directory descriptor one component at a time, following symbolic links
/// itself (never letting the host follow one), so that nothing outside the preopened directory can be named.
/// </summary>
/// <remarks>
/// <para>Refused with <see cref="Errno.Notcapable"/>: absolute paths, <c>..</c> above the preopen root, and symbolic links
/// whose target is absolute or climbs above the root — directly or at any depth of a chain. More than
/// <see cref="MaxSymlinkExpansions"/> link expansions is <see cref="Errno.Loop"/>.</para>
/// <para>The walk starts at the preopen root and re-walks the directory descriptor's own components, so a directory that was
/// swapped for a link after it was opened is checked like any other link instead of being trusted.</para>
/// </remarks>
internal static class PathResolver
{
    public const int MaxSymlinkExpansions = 40;

    /// <summary>Longest component, in UTF-8 bytes, that common host file systems accept.</summary>
    private const int MaxNameBytes = 255;

    /// <param name="root">The preopen the start directory lives in.</param>
    /// <param name="start">The start directory's components beneath <paramref name="root"/>.</param>
    /// <param name="path">The guest's path.</param>
    /// <param name="followFinal">Follow a symbolic link in the final component (<c>lookupflags::symlink_follow</c>).</param>
    /// <param name="resolved">The result, when the answer is <see cref="Errno.Success"/>.</param>
    public static Errno Resolve(PreopenRoot root, IReadOnlyList<string> start, string path, bool followFinal, out ResolvedPath? resolved)
    {
        resolved = null;
        if (path.Length == 0) return Errno.Noent;
        if (path[0] == '/' || (!OperatingSystem.IsLinux() && Path.IsPathRooted(path))) return Errno.Notcapable;
        if (path.Contains('\0')) return Errno.Inval;

        var mustBeDirectory = path.EndsWith('/');
        if (mustBeDirectory) followFinal = true;

        // Remaining components, front first. The start directory's own components are walked again (see remarks).
        var pending = new LinkedList<string>(start);
        foreach (var part in path.Split('/')) pending.AddLast(part);
        var stack = new List<string>(pending.Count);
        var expansions = 0;

        while (pending.First is { } first)
        {
            var name = first.Value;
            pending.RemoveFirst();
            if (name.Length == 0 || name == ".") continue;
            if (name == "..")
            {
                if (stack.Count == 0) return Errno.Notcapable;
                stack.RemoveAt(stack.Count - 1);
                continue;
            }
            var invalid = CheckName(name);
            if (invalid != Errno.Success) return invalid;

            var isFinal = !HasMoreNames(pending);
            // "name/" and "name/." behave like a trailing slash: follow the name and require a directory.
            var followThis = !isFinal || followFinal || pending.Count > 0;
            if (isFinal && pending.Count > 0) mustBeDirectory = true;
            stack.Add(name);
            var node = Node.Probe(root.HostPathOf(stack));
            if (node.Kind == NodeKind.Symlink && followThis)
            {
                if (++expansions > MaxSymlinkExpansions) return Errno.Loop;
                stack.RemoveAt(stack.Count - 1);
                var target = node.Info.LinkTarget!;
                if (target.Length == 0) return Errno.Noent;
                if (target[0] == '/' || Path.IsPathRooted(target)) return Errno.Notcapable;
                // A final link whose target ends in '/' must lead to a directory, as if the guest had written the slash.
                if (isFinal && target.EndsWith('/')) mustBeDirectory = true;
                var parts = target.Split('/');
                for (var i = parts.Length - 1; i >= 0; i--) pending.AddFirst(parts[i]);
                continue;
            }
            if (isFinal)
            {
                if (mustBeDirectory && node.Kind is NodeKind.File) return Errno.Notdir;
                resolved = new ResolvedPath(root, stack, node, mustBeDirectory);
                return Errno.Success;
            }
            if (node.Kind == NodeKind.Missing) return Errno.Noent;
            if (node.Kind != NodeKind.Directory) return Errno.Notdir;
        }

        // The path ended at a directory already walked (".", "a/..", or the start itself).
        resolved = new ResolvedPath(root, stack, Node.Probe(root.HostPathOf(stack)), mustBeDirectory);
        return Errno.Success;
    }

    /// <summary>Whether a component other than "" or "." remains: if not, the current one is the final one.</summary>
    private static bool HasMoreNames(LinkedList<string> pending)
    {
        for (var node = pending.First; node is not null; node = node.Next)
            if (node.Value.Length != 0 && node.Value != ".") return true;
        return false;
    }

    private static Errno CheckName(string name)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(name) > MaxNameBytes) return Errno.Nametoolong;
        // On Windows these would be separators, drive or stream syntax: a way to name something else.
        if (OperatingSystem.IsWindows() && name.AsSpan().IndexOfAny('\\', ':') >= 0) return Errno.Notcapable;
        return Errno.Success;
    }
}
