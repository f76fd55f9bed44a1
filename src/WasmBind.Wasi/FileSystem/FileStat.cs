using WasmBind.Wasi.Abi;

namespace WasmBind.Wasi.FileSystem;

/// <summary>A <c>filestat</c> record, filled from what .NET reports and written to guest memory.</summary>
internal readonly record struct FileStat(ulong Inode, FileType Type, ulong Size, ulong AccessTime, ulong ModifyTime, ulong ChangeTime)
{
    /// <summary>The record for a node found by path. .NET has no change time (ctime); the modification time stands in for it.</summary>
    public static FileStat Of(Node node, InodeTable inodes)
    {
        var info = node.Info;
        var type = node.Kind switch
        {
            NodeKind.Directory => FileType.Directory,
            NodeKind.Symlink => FileType.SymbolicLink,
            _ => FileType.RegularFile,
        };
        ulong size = node.Kind switch
        {
            NodeKind.File => (ulong)((FileInfo)info).Length,
            // For a link, the length of its target, as the witx specifies.
            NodeKind.Symlink => (ulong)System.Text.Encoding.UTF8.GetByteCount(info.LinkTarget ?? ""),
            _ => 0,
        };
        var modified = ToNanoseconds(info.LastWriteTimeUtc);
        return new FileStat(inodes.Get(info.FullName), type, size, ToNanoseconds(info.LastAccessTimeUtc), modified, modified);
    }

    public bool WriteTo(GuestMemory memory, uint pointer)
    {
        if (!memory.TrySlice(pointer, Layout.FilestatSize, out var record)) return false;
        record.Clear();
        memory.TryWriteU64(pointer, InodeTable.Device);
        memory.TryWriteU64(pointer + 8, Inode);
        memory.TryWriteU8(pointer + 16, (byte)Type);
        memory.TryWriteU64(pointer + 24, 1); // nlink: not exposed by .NET
        memory.TryWriteU64(pointer + 32, Size);
        memory.TryWriteU64(pointer + 40, AccessTime);
        memory.TryWriteU64(pointer + 48, ModifyTime);
        memory.TryWriteU64(pointer + 56, ChangeTime);
        return true;
    }

    public static ulong ToNanoseconds(DateTime utc) =>
        utc <= DateTime.UnixEpoch ? 0 : (ulong)(utc - DateTime.UnixEpoch).Ticks * 100;

    public static DateTime FromNanoseconds(ulong nanoseconds) =>
        DateTime.UnixEpoch.AddTicks((long)Math.Min(nanoseconds / 100, (ulong)(DateTime.MaxValue - DateTime.UnixEpoch).Ticks));
}
