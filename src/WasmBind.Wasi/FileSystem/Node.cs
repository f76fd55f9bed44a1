namespace WasmBind.Wasi.FileSystem;

/// <summary>What a host path names, without following a final symbolic link (like <c>lstat</c>).</summary>
internal enum NodeKind
{
    Missing,
    File,
    Directory,
    Symlink,
}

/// <summary>One <c>lstat</c>-like look at a host path.</summary>
internal readonly record struct Node(NodeKind Kind, FileSystemInfo Info)
{
    public static Node Probe(string hostPath)
    {
        var info = new FileInfo(hostPath);
        var attributes = info.Attributes;
        if ((int)attributes == -1) return new Node(NodeKind.Missing, info);
        if (info.LinkTarget is not null) return new Node(NodeKind.Symlink, info);
        // FileInfo reports a directory's attributes too; give callers a DirectoryInfo so Length is never asked of it.
        return (attributes & FileAttributes.Directory) != 0
            ? new Node(NodeKind.Directory, new DirectoryInfo(hostPath))
            : new Node(NodeKind.File, info);
    }

    public bool Exists => Kind != NodeKind.Missing;
}
