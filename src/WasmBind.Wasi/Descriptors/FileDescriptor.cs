using Microsoft.Win32.SafeHandles;
using WasmBind.Wasi.Abi;
using WasmBind.Wasi.FileSystem;

namespace WasmBind.Wasi.Descriptors;

/// <summary>
/// An open regular file. Reads and writes go through <see cref="RandomAccess"/> at an offset the descriptor keeps itself,
/// which gives <c>fd_pread</c>/<c>fd_pwrite</c> for free and allocates nothing per call.
/// </summary>
internal sealed class FileDescriptor : Descriptor
{
    private readonly FileStream stream;

    public FileDescriptor(FileStream stream, ResolvedPath path, ulong inode, bool readable, bool writable, Rights rightsBase, Rights rightsInheriting)
        : base(rightsBase, rightsInheriting)
    {
        this.stream = stream;
        // Taken once: FileStream's SafeFileHandle getter re-syncs the OS file offset (a seek) on every access.
        Handle = stream.SafeFileHandle;
        Root = path.Root;
        HostPath = path.HostPath;
        Inode = inode;
        Readable = readable;
        Writable = writable;
    }

    public override FileType FileType => FileType.RegularFile;

    /// <summary>The open file. The stream is unbuffered (bufferSize 0), so it and the handle never disagree about the contents.</summary>
    public SafeFileHandle Handle { get; }

    public PreopenRoot Root { get; }

    public string HostPath { get; }

    public ulong Inode { get; }

    /// <summary>Opened for reading / writing: the other direction is <see cref="Errno.Badf"/>, as in POSIX.</summary>
    public bool Readable { get; }

    public bool Writable { get; }

    /// <summary>The file offset used by <c>fd_read</c>, <c>fd_write</c>, <c>fd_seek</c> and <c>fd_tell</c>.</summary>
    public long Position { get; set; }

    /// <summary>Flushes file data (and metadata) to the device, as <c>fsync</c> does.</summary>
    public void FlushToDisk() => stream.Flush(flushToDisk: true);

    public override void Dispose() => stream.Dispose();
}
