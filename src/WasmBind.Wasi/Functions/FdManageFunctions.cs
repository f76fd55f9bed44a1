using WasmBind.Wasi.Abi;
using WasmBind.Wasi.Descriptors;
using WasmBind.Wasi.FileSystem;

namespace WasmBind.Wasi.Functions;

/// <summary>
/// The descriptor table and file housekeeping: <c>fd_close</c>, <c>fd_renumber</c>, <c>fd_advise</c>, <c>fd_allocate</c>,
/// <c>fd_datasync</c>, <c>fd_sync</c>.
/// </summary>
internal static class FdManageFunctions
{
    public static void Define(Linker linker, WasiHost host)
    {
        host.Define<uint>(linker, "fd_close",
            (caller, fd) => (int)host.Context(caller).Descriptors.Close(fd));
        host.Define<uint, uint>(linker, "fd_renumber",
            (caller, from, to) => (int)host.Context(caller).Descriptors.Renumber(from, to));
        host.Define<uint, ulong, ulong, uint>(linker, "fd_advise",
            (caller, fd, _, _, advice) => (int)Advise(host.Context(caller), fd, advice));
        host.Define<uint, ulong, ulong>(linker, "fd_allocate",
            (caller, fd, offset, length) => (int)Allocate(host.Context(caller), fd, offset, length));
        host.Define<uint>(linker, "fd_datasync",
            (caller, fd) => (int)Sync(host.Context(caller), fd, Rights.FdDatasync));
        host.Define<uint>(linker, "fd_sync",
            (caller, fd) => (int)Sync(host.Context(caller), fd, Rights.FdSync));
    }

    private static Errno Advise(WasiContext context, uint fd, uint advice)
    {
        if (!context.Descriptors.TryGet(fd, out var descriptor)) return Errno.Badf;
        var error = descriptor.Require(Rights.FdAdvise);
        if (error != Errno.Success) return error;
        if (advice > Advice.Max) return Errno.Inval;
        // Advice is a hint; .NET has no posix_fadvise, and ignoring it is always correct.
        return descriptor switch
        {
            FileDescriptor => Errno.Success,
            StreamDescriptor => Errno.Spipe,
            _ => Errno.Badf,
        };
    }

    private static Errno Allocate(WasiContext context, uint fd, ulong offset, ulong length)
    {
        var error = context.Descriptors.Get<FileDescriptor>(fd, out var file, wrongKind: Errno.Badf);
        if (error != Errno.Success) return error;
        error = file.Require(Rights.FdAllocate);
        if (error != Errno.Success) return error;
        if (!file.Writable) return Errno.Badf;
        if (length == 0) return Errno.Inval;
        var end = offset + length;
        if (end < offset || end > long.MaxValue) return Errno.Fbig;
        try
        {
            // posix_fallocate only ever grows a file; growing with zeros is what .NET can do portably.
            if ((long)end > RandomAccess.GetLength(file.Handle)) RandomAccess.SetLength(file.Handle, (long)end);
            return Errno.Success;
        }
        catch (ArgumentOutOfRangeException)
        {
            // .NET's translation of EFBIG: longer than the file system allows (the length itself was checked above).
            return Errno.Fbig;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return HostErrors.ToErrno(e);
        }
    }

    private static Errno Sync(WasiContext context, uint fd, Rights right)
    {
        if (!context.Descriptors.TryGet(fd, out var descriptor)) return Errno.Badf;
        var error = descriptor.Require(right);
        if (error != Errno.Success) return error;
        try
        {
            switch (descriptor)
            {
                case FileDescriptor file:
                    file.FlushToDisk();
                    break;
                case StreamDescriptor stream:
                    if (stream.IsOutput) stream.Stream.Flush();
                    break;
                    // Directories: their entries are written by the host's own calls; nothing more to force here.
            }
            return Errno.Success;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return HostErrors.ToErrno(e);
        }
    }
}
