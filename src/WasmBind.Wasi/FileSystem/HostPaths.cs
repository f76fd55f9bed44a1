namespace WasmBind.Wasi.FileSystem;

/// <summary>Host-side path facts the sandbox needs and .NET does not offer directly.</summary>
internal static class HostPaths
{
    private const int MaxLinks = 40;

    /// <summary>
    /// <paramref name="path"/> with every symbolic link in it resolved (like <c>realpath</c>). Used only on paths the host
    /// chose (preopen roots); if a link cannot be resolved the path is returned as far as it got.
    /// </summary>
    public static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full) ?? "/";
        var pending = new Stack<string>(full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Reverse());
        var current = root;
        var links = 0;
        while (pending.Count > 0)
        {
            var name = pending.Pop();
            if (name == ".") continue;
            if (name == "..")
            {
                current = Path.GetDirectoryName(current) ?? root;
                continue;
            }
            var next = Path.Join(current, name);
            var target = new FileInfo(next).LinkTarget;
            if (target is null || ++links > MaxLinks)
            {
                current = next;
                continue;
            }
            var resolved = Path.GetFullPath(target, current);
            var resolvedRoot = Path.GetPathRoot(resolved) ?? root;
            foreach (var part in resolved[resolvedRoot.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Reverse())
                pending.Push(part);
            current = resolvedRoot;
        }
        return current;
    }

    /// <summary>
    /// Where an open handle really is, from <c>/proc/self/fd</c> on Linux; null where the platform does not say. Used after
    /// opening to catch a directory swapped for a symbolic link between the sandbox's checks and the open.
    /// </summary>
    public static string? PathOfHandle(Microsoft.Win32.SafeHandles.SafeFileHandle handle)
    {
        if (!OperatingSystem.IsLinux()) return null;
        var link = new FileInfo($"/proc/self/fd/{handle.DangerousGetHandle()}").LinkTarget;
        return link is not null && Path.IsPathRooted(link) ? link : null;
    }
}
