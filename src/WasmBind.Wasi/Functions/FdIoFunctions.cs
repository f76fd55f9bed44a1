using WasmBind.Wasi.Abi;
using WasmBind.Wasi.Descriptors;
using WasmBind.Wasi.FileSystem;

namespace WasmBind.Wasi.Functions;

/// <summary>
/// <c>fd_read</c>, <c>fd_write</c>, <c>fd_pread</c>, <c>fd_pwrite</c>, <c>fd_seek</c>, <c>fd_tell</c>: the hot path of every
/// program's I/O, so nothing here allocates — guest buffers go straight to the stream or <see cref="RandomAccess"/>.
/// </summary>
internal static class FdIoFunctions
{
    public static void Define(Linker linker, WasiHost host)
    {
        host.Define<uint, uint, uint, uint>(linker, "fd_read",
            (caller, fd, iovs, count, result) => (int)Read(host.Context(caller), GuestMemory.Of(caller), fd, iovs, count, null, result));
        host.Define<uint, uint, uint, ulong, uint>(linker, "fd_pread",
            (caller, fd, iovs, count, offset, result) => (int)Read(host.Context(caller), GuestMemory.Of(caller), fd, iovs, count, offset, result));
        host.Define<uint, uint, uint, uint>(linker, "fd_write",
            (caller, fd, iovs, count, result) => (int)Write(host.Context(caller), GuestMemory.Of(caller), fd, iovs, count, null, result));
        host.Define<uint, uint, uint, ulong, uint>(linker, "fd_pwrite",
            (caller, fd, iovs, count, offset, result) => (int)Write(host.Context(caller), GuestMemory.Of(caller), fd, iovs, count, offset, result));
        host.Define<uint, long, uint, uint>(linker, "fd_seek",
            (caller, fd, offset, whence, result) => (int)Seek(host.Context(caller), caller, fd, offset, whence, result));
        host.Define<uint, uint>(linker, "fd_tell",
            (caller, fd, result) => (int)Seek(host.Context(caller), caller, fd, 0, (uint)Whence.Cur, result, tell: true));
    }

    /// <summary><c>fd_read</c> when <c>offset</c> is null (at the file offset, advancing it); <c>fd_pread</c> at <c>offset</c> otherwise.</summary>
    private static Errno Read(WasiContext context, GuestMemory memory, uint fd, uint iovs, uint count, ulong? offset, uint result)
    {
        if (!context.Descriptors.TryGet(fd, out var descriptor)) return Errno.Badf;
        var required = offset is null ? Rights.FdRead : Rights.FdRead | Rights.FdSeek;
        var error = descriptor switch
        {
            StreamDescriptor s => s.IsOutput ? Errno.Badf : offset is null ? Errno.Success : Errno.Spipe,
            FileDescriptor f => f.Readable ? Errno.Success : Errno.Badf,
            DirectoryDescriptor => Errno.Isdir,
            _ => Errno.Badf,
        };
        error = CheckArguments(error, descriptor, required, memory, iovs, count, offset, result);
        if (error != Errno.Success) return error;

        long total = 0;
        // One guest thread at a time per descriptor (wasi-threads share descriptors): a stream or a file position
        // is not safe to use from two threads at once.
        try
        {
            lock (descriptor)
            {
                if (descriptor is StreamDescriptor stream)
                {
                    for (uint i = 0; i < count; i++)
                    {
                        var buffer = Iovecs.Get(memory, iovs, i);
                        var n = stream.Stream.Read(buffer);
                        total += n;
                        // A short read means no more is available now; reading on could block on a console or pipe.
                        if (n < buffer.Length) break;
                    }
                }
                else
                {
                    var file = (FileDescriptor)descriptor;
                    var start = offset is { } at ? (long)at : file.Position;
                    for (uint i = 0; i < count; i++)
                    {
                        var buffer = Iovecs.Get(memory, iovs, i);
                        var n = RandomAccess.Read(file.Handle, buffer, start + total);
                        total += n;
                        if (n < buffer.Length) break;
                    }
                    if (offset is null) file.Position = start + total;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return HostErrors.ToErrno(e);
        }
        memory.TryWriteU32(result, (uint)total);
        return Errno.Success;
    }

    /// <summary>The checks fd_read and fd_write share, after the descriptor-kind check gave <paramref name="error"/>.</summary>
    private static Errno CheckArguments(Errno error, Descriptor descriptor, Rights required, GuestMemory memory, uint iovs, uint count, ulong? offset, uint result)
    {
        if (error == Errno.Success) error = descriptor.Require(required);
        if (error == Errno.Success) error = Iovecs.Check(memory, iovs, count);
        if (error == Errno.Success && !memory.IsValid(result, 4)) error = Errno.Fault;
        if (error == Errno.Success && offset > long.MaxValue) error = Errno.Inval;
        return error;
    }

    /// <summary><c>fd_write</c> when <c>offset</c> is null (at the file offset, or the end in append mode); <c>fd_pwrite</c> at <c>offset</c> otherwise.</summary>
    private static Errno Write(WasiContext context, GuestMemory memory, uint fd, uint iovs, uint count, ulong? offset, uint result)
    {
        if (!context.Descriptors.TryGet(fd, out var descriptor)) return Errno.Badf;
        var required = offset is null ? Rights.FdWrite : Rights.FdWrite | Rights.FdSeek;
        var error = descriptor switch
        {
            StreamDescriptor s => !s.IsOutput ? Errno.Badf : offset is null ? Errno.Success : Errno.Spipe,
            FileDescriptor f => f.Writable ? Errno.Success : Errno.Badf,
            _ => Errno.Badf,
        };
        error = CheckArguments(error, descriptor, required, memory, iovs, count, offset, result);
        if (error != Errno.Success) return error;

        long total = 0;
        // One guest thread at a time per descriptor (wasi-threads share descriptors): a stream or a file position
        // is not safe to use from two threads at once.
        try
        {
            lock (descriptor)
            {
                if (descriptor is StreamDescriptor stream)
                {
                    for (uint i = 0; i < count; i++)
                    {
                        var buffer = Iovecs.Get(memory, iovs, i);
                        stream.Stream.Write(buffer);
                        total += buffer.Length;
                    }
                    // The guest's libc buffers already; flushing here keeps interleaving with the host's own output in order.
                    stream.Stream.Flush();
                }
                else
                {
                    var file = (FileDescriptor)descriptor;
                    // fd_pwrite writes at its offset even in append mode, as POSIX specifies (Linux differs; the tests allow both).
                    var start = offset is { } at ? (long)at
                        : (file.Flags & FdFlags.Append) != 0 ? RandomAccess.GetLength(file.Handle) : file.Position;
                    for (uint i = 0; i < count; i++)
                    {
                        var buffer = Iovecs.Get(memory, iovs, i);
                        RandomAccess.Write(file.Handle, buffer, start + total);
                        total += buffer.Length;
                    }
                    if (offset is null) file.Position = start + total;
                    if ((file.Flags & (FdFlags.Sync | FdFlags.Dsync)) != 0) file.FlushToDisk();
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return HostErrors.ToErrno(e);
        }
        memory.TryWriteU32(result, (uint)total);
        return Errno.Success;
    }

    private static Errno Seek(WasiContext context, Caller caller, uint fd, long offset, uint whence, uint result, bool tell = false)
    {
        if (!context.Descriptors.TryGet(fd, out var descriptor)) return Errno.Badf;
        if (descriptor is StreamDescriptor) return Errno.Spipe;
        if (descriptor is not FileDescriptor file) return Errno.Badf;
        // fd_seek implies fd_tell; fd_tell alone allows only asking where the offset is.
        var tellOnly = tell || (whence == (uint)Whence.Cur && offset == 0);
        var held = descriptor.RightsBase;
        if ((held & Rights.FdSeek) == 0 && !(tellOnly && (held & Rights.FdTell) != 0)) return Errno.Notcapable;
        if (whence > (uint)Whence.End) return Errno.Inval;
        var memory = GuestMemory.Of(caller);
        if (!memory.IsValid(result, 8)) return Errno.Fault;

        long origin;
        try
        {
            origin = (Whence)whence switch
            {
                Whence.Set => 0,
                Whence.Cur => file.Position,
                _ => RandomAccess.GetLength(file.Handle),
            };
        }
        catch (IOException e)
        {
            return HostErrors.ToErrno(e);
        }
        var target = origin + offset;
        // Overflow past long.MaxValue shows as a sign change; a negative offset is invalid either way.
        if (target < 0 || (offset > 0 && target < origin)) return Errno.Inval;
        file.Position = target;
        memory.TryWriteU64(result, (ulong)target);
        return Errno.Success;
    }
}
