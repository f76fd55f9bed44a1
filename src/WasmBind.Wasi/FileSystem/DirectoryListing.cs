using System.Text;
using WasmBind.Wasi.Abi;

namespace WasmBind.Wasi.FileSystem;

/// <summary>
/// A snapshot of a directory for <c>fd_readdir</c>: <c>.</c>, <c>..</c>, then the entries in ordinal order. Entry <c>i</c>'s
/// <c>d_next</c> cookie is <c>i + 1</c>, so a guest resuming from a cookie continues in the same snapshot.
/// </summary>
internal sealed class DirectoryListing
{
    private readonly List<(byte[] Name, ulong Inode, FileType Type)> entries = [];

    public DirectoryListing(string hostPath, bool isRoot, InodeTable inodes)
    {
        entries.Add(("."u8.ToArray(), inodes.Get(hostPath), FileType.Directory));
        // The root's parent is outside the sandbox; report the root itself for it rather than a host inode.
        var parent = isRoot ? hostPath : Path.GetDirectoryName(hostPath) ?? hostPath;
        entries.Add((".."u8.ToArray(), inodes.Get(parent), FileType.Directory));
        var names = Directory.EnumerateFileSystemEntries(hostPath).Select(Path.GetFileName).OfType<string>()
            .Order(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var full = Path.Join(hostPath, name);
            var node = Node.Probe(full);
            var type = node.Kind switch
            {
                NodeKind.Directory => FileType.Directory,
                NodeKind.Symlink => FileType.SymbolicLink,
                NodeKind.File => FileType.RegularFile,
                _ => FileType.Unknown,
            };
            entries.Add((Encoding.UTF8.GetBytes(name), inodes.Get(full), type));
        }
    }

    /// <summary>
    /// Writes entries from <paramref name="cookie"/> on into <paramref name="buffer"/>: each a 24-byte <c>dirent</c> and its
    /// name, the last one cut short when it does not fit (the witx's signal to the guest that the buffer was too small).
    /// </summary>
    /// <returns>The bytes written; less than the buffer's length means the end of the directory was reached.</returns>
    public int Write(Span<byte> buffer, ulong cookie)
    {
        Span<byte> header = stackalloc byte[(int)Layout.DirentSize];
        var used = 0;
        for (var i = cookie; i < (ulong)entries.Count && used < buffer.Length; i++)
        {
            var (name, inode, type) = entries[(int)i];
            header.Clear();
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(header, i + 1);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(header[8..], inode);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(header[16..], (uint)name.Length);
            header[20] = (byte)type;
            used += CopyPart(header, buffer[used..]);
            used += CopyPart(name, buffer[used..]);
        }
        return used;
    }

    private static int CopyPart(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        var count = Math.Min(source.Length, destination.Length);
        source[..count].CopyTo(destination);
        return count;
    }
}
