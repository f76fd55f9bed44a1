using WasmBind.Wasi.Abi;
using WasmBind.Wasi.Descriptors;
using WasmBind.Wasi.FileSystem;

namespace WasmBind.Wasi.Functions;

/// <summary>
/// A descriptor's attributes and its file's metadata: <c>fd_fdstat_get</c>, <c>fd_fdstat_set_flags</c>,
/// <c>fd_fdstat_set_rights</c>, <c>fd_filestat_get</c>, <c>fd_filestat_set_size</c>, <c>fd_filestat_set_times</c>.
/// </summary>
internal static class FdStatFunctions
{
    public static void Define(Linker linker, WasiHost host)
    {
        host.Define<uint, uint>(linker, "fd_fdstat_get",
            (caller, fd, result) => (int)FdstatGet(host.Context(caller), caller, fd, result));
        host.Define<uint, uint>(linker, "fd_fdstat_set_flags",
            (caller, fd, flags) => (int)SetFlags(host.Context(caller), fd, flags));
        host.Define<uint, ulong, ulong>(linker, "fd_fdstat_set_rights",
            (caller, fd, rightsBase, rightsInheriting) => (int)SetRights(host.Context(caller), fd, (Rights)rightsBase, (Rights)rightsInheriting));
        host.Define<uint, uint>(linker, "fd_filestat_get",
            (caller, fd, result) => (int)FilestatGet(host.Context(caller), caller, fd, result));
        host.Define<uint, ulong>(linker, "fd_filestat_set_size",
            (caller, fd, size) => (int)SetSize(host.Context(caller), fd, size));
        host.Define<uint, ulong, ulong, uint>(linker, "fd_filestat_set_times",
            (caller, fd, atim, mtim, flags) => (int)SetTimes(host.Context(caller), fd, atim, mtim, flags));
    }

    private static Errno FdstatGet(WasiContext context, Caller caller, uint fd, uint result)
    {
        if (!context.Descriptors.TryGet(fd, out var descriptor)) return Errno.Badf;
        var memory = GuestMemory.Of(caller);
        if (!memory.TrySlice(result, Layout.FdstatSize, out var record)) return Errno.Fault;
        record.Clear();
        memory.TryWriteU8(result, (byte)descriptor.FileType);
        memory.TryWriteU16(result + 2, (ushort)descriptor.Flags);
        memory.TryWriteU64(result + 8, (ulong)descriptor.RightsBase);
        memory.TryWriteU64(result + 16, (ulong)descriptor.RightsInheriting);
        return Errno.Success;
    }

    private static Errno SetFlags(WasiContext context, uint fd, uint flags)
    {
        if (!context.Descriptors.TryGet(fd, out var descriptor)) return Errno.Badf;
        var error = descriptor.Require(Rights.FdFdstatSetFlags);
        if (error != Errno.Success) return error;
        if ((flags & ~(uint)FdFlags.All) != 0) return Errno.Inval;
        // Append changes where fd_write lands; the sync flags make each write flush to disk; nonblock has no effect on
        // files and stdio, which never block for long here.
        descriptor.Flags = (FdFlags)flags;
        return Errno.Success;
    }

    private static Errno SetRights(WasiContext context, uint fd, Rights rightsBase, Rights rightsInheriting)
    {
        if (!context.Descriptors.TryGet(fd, out var descriptor)) return Errno.Badf;
        // Rights can only be dropped, never added (witx: "returns errno::notcapable if called in a way that would attempt to add rights").
        if ((rightsBase & ~descriptor.RightsBase) != 0 || (rightsInheriting & ~descriptor.RightsInheriting) != 0) return Errno.Notcapable;
        descriptor.RightsBase = rightsBase;
        descriptor.RightsInheriting = rightsInheriting;
        return Errno.Success;
    }

    private static Errno FilestatGet(WasiContext context, Caller caller, uint fd, uint result)
    {
        if (!context.Descriptors.TryGet(fd, out var descriptor)) return Errno.Badf;
        var error = descriptor.Require(Rights.FdFilestatGet);
        if (error != Errno.Success) return error;
        var memory = GuestMemory.Of(caller);
        if (!memory.IsValid(result, Layout.FilestatSize)) return Errno.Fault;
        string? hostPath = null;
        if (descriptor is DirectoryDescriptor located)
        {
            error = PathArguments.Locate(located, out hostPath);
            if (error != Errno.Success) return error;
        }
        FileStat stat;
        try
        {
            stat = descriptor switch
            {
                FileDescriptor file => new FileStat(file.Inode, FileType.RegularFile, (ulong)RandomAccess.GetLength(file.Handle),
                    FileStat.ToNanoseconds(File.GetLastAccessTimeUtc(file.Handle)),
                    FileStat.ToNanoseconds(File.GetLastWriteTimeUtc(file.Handle)),
                    FileStat.ToNanoseconds(File.GetLastWriteTimeUtc(file.Handle))),
                DirectoryDescriptor directory => FileStat.Of(Node.Probe(hostPath!), context.Inodes),
                // stdio has no file behind it: only its type is meaningful.
                _ => new FileStat(0, descriptor.FileType, 0, 0, 0, 0),
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return HostErrors.ToErrno(e);
        }
        stat.WriteTo(memory, result);
        return Errno.Success;
    }

    private static Errno SetSize(WasiContext context, uint fd, ulong size)
    {
        var error = context.Descriptors.Get<FileDescriptor>(fd, out var file, wrongKind: Errno.Inval);
        if (error != Errno.Success) return error;
        error = file.Require(Rights.FdFilestatSetSize);
        if (error != Errno.Success) return error;
        if (!file.Writable) return file.Root.ReadOnly ? Errno.Rofs : Errno.Badf;
        if (size > long.MaxValue) return Errno.Fbig;
        try
        {
            RandomAccess.SetLength(file.Handle, (long)size);
            return Errno.Success;
        }
        catch (ArgumentOutOfRangeException)
        {
            // .NET's translation of EFBIG: longer than the file system allows (the size itself was checked above).
            return Errno.Fbig;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return HostErrors.ToErrno(e);
        }
    }

    private static Errno SetTimes(WasiContext context, uint fd, ulong atim, ulong mtim, uint flags)
    {
        if (!context.Descriptors.TryGet(fd, out var descriptor)) return Errno.Badf;
        var error = descriptor.Require(Rights.FdFilestatSetTimes);
        if (error != Errno.Success) return error;
        if (!Timestamps.TryGet(context, atim, mtim, flags, out var access, out var modify)) return Errno.Inval;
        try
        {
            switch (descriptor)
            {
                case FileDescriptor file:
                    if (file.Root.ReadOnly) return Errno.Rofs;
                    if (access is { } a) File.SetLastAccessTimeUtc(file.Handle, a);
                    if (modify is { } m) File.SetLastWriteTimeUtc(file.Handle, m);
                    return Errno.Success;
                case DirectoryDescriptor directory:
                    if (directory.Root.ReadOnly) return Errno.Rofs;
                    error = PathArguments.Locate(directory, out var hostPath);
                    return error != Errno.Success ? error : Timestamps.Apply(hostPath, isDirectory: true, access, modify);
                default:
                    return Errno.Badf;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return HostErrors.ToErrno(e);
        }
    }
}
