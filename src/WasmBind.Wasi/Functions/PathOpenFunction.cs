using Microsoft.Win32.SafeHandles;
using WasmBind.Wasi.Abi;
using WasmBind.Wasi.Descriptors;
using WasmBind.Wasi.FileSystem;
using static WasmBind.Wasi.Functions.PathArguments;

namespace WasmBind.Wasi.Functions;

/// <summary><c>path_open</c>: opens (and perhaps creates or truncates) a file or directory beneath a directory descriptor.</summary>
internal static class PathOpenFunction
{
    private static readonly FunctionType Type = new(
        [ValueType.I32, ValueType.I32, ValueType.I32, ValueType.I32, ValueType.I32, ValueType.I64, ValueType.I64, ValueType.I32, ValueType.I32],
        [ValueType.I32]);

    public static void Define(Linker linker, WasiHost host)
    {
        // Nine parameters: beyond the typed overloads (six), so this one goes through the untyped callback.
        linker.DefineFunction(WasiHost.Module, "path_open", Type, (caller, args, results) =>
        {
            var errno = Open(host.Context(caller), GuestMemory.Of(caller), U32(args, 0), U32(args, 1), U32(args, 2), U32(args, 3),
                U32(args, 4), (Rights)U64(args, 5), (Rights)U64(args, 6), U32(args, 7), U32(args, 8));
            results[0] = Value.I32((int)errno);
        });
    }

    private static Errno Open(WasiContext context, GuestMemory memory, uint fd, uint lookup, uint path, uint length,
        uint oflagBits, Rights requestedBase, Rights requestedInheriting, uint fdflagBits, uint result)
    {
        if ((oflagBits & ~(uint)OFlags.All) != 0 || (fdflagBits & ~(uint)FdFlags.All) != 0) return Errno.Inval;
        var oflags = (OFlags)oflagBits;
        var fdflags = (FdFlags)fdflagBits;
        var needed = Rights.PathOpen
            | ((oflags & OFlags.Creat) != 0 ? Rights.PathCreateFile : 0)
            | ((oflags & OFlags.Trunc) != 0 ? Rights.PathFilestatSetSize : 0);
        var error = PathArguments.Resolve(context, memory, fd, needed, path, length, IsFollow(lookup), out var directory, out var resolved);
        if (error != Errno.Success) return error;
        if (!memory.IsValid(result, 4)) return Errno.Fault;
        // Only rights the directory may hand down (witx: the inheriting rights are the most a new descriptor can get).
        // Rights that cannot apply to a file or directory (socket rights, undefined bits, e.g. from a guest asking for ~0)
        // are dropped rather than refused, as the witx allows.
        requestedBase &= Rights.DirectoryInheriting;
        requestedInheriting &= Rights.DirectoryInheriting;
        if ((requestedBase & ~directory!.RightsInheriting) != 0 || (requestedInheriting & ~directory.RightsInheriting) != 0)
            return Errno.Notcapable;

        var node = resolved!.Node;
        var wantsWrite = (requestedBase & (Rights.FdWrite | Rights.FdAllocate | Rights.FdFilestatSetSize)) != 0
            || (oflags & OFlags.Trunc) != 0 || (fdflags & FdFlags.Append) != 0;
        var wantsRead = (requestedBase & (Rights.FdRead | Rights.FdReaddir)) != 0;

        if (node.Kind == NodeKind.Missing)
        {
            if ((oflags & OFlags.Creat) == 0) return Errno.Noent;
            if (resolved.MustBeDirectory || (oflags & OFlags.Directory) != 0) return Errno.Isdir;
            if (resolved.Root.ReadOnly) return Errno.Rofs;
        }
        else
        {
            if ((oflags & (OFlags.Creat | OFlags.Excl)) == (OFlags.Creat | OFlags.Excl)) return Errno.Exist;
            // A final link the guest asked not to follow (O_NOFOLLOW): refused, as POSIX does.
            if (node.Kind == NodeKind.Symlink) return (oflags & OFlags.Directory) != 0 ? Errno.Notdir : Errno.Loop;
            if (node.Kind == NodeKind.Directory)
            {
                if (wantsWrite || (requestedBase & Rights.FdWrite) != 0) return Errno.Isdir;
                var directoryRights = requestedBase & Rights.Directory;
                var opened = new DirectoryDescriptor(resolved.Root, [.. resolved.Components], isPreopen: false, directoryRights,
                    requestedInheriting & directory.RightsInheriting) { Flags = fdflags };
                return Register(context, memory, opened, result);
            }
            if ((oflags & OFlags.Directory) != 0) return Errno.Notdir;
            if (wantsWrite && resolved.Root.ReadOnly) return Errno.Rofs;
        }

        return OpenFile(context, memory, resolved, oflags, fdflags, wantsRead || !wantsWrite, wantsWrite,
            requestedBase & Rights.RegularFile, requestedInheriting & directory.RightsInheriting, result);
    }

    private static Errno OpenFile(WasiContext context, GuestMemory memory, ResolvedPath resolved, OFlags oflags, FdFlags fdflags,
        bool read, bool write, Rights rightsBase, Rights rightsInheriting, uint result)
    {
        var access = (read ? FileAccess.Read : 0) | (write ? FileAccess.Write : 0);
        // A missing file is created exclusively (never through a link planted since the check); an existing one is opened
        // without truncation, checked, and only then truncated, so a race cannot truncate a file outside the sandbox.
        var mode = resolved.Node.Kind == NodeKind.Missing ? FileMode.CreateNew : FileMode.Open;
        FileStream stream;
        try
        {
            stream = new FileStream(resolved.HostPath, new FileStreamOptions
            {
                Mode = mode,
                Access = access,
                Share = FileShare.ReadWrite | FileShare.Delete,
                BufferSize = 0,
            });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return HostErrors.ToErrno(e);
        }

        if (!IsWhereExpected(stream.SafeFileHandle, resolved.HostPath))
        {
            stream.Dispose();
            return Errno.Notcapable;
        }
        try
        {
            if ((oflags & OFlags.Trunc) != 0 && mode == FileMode.Open) stream.SetLength(0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stream.Dispose();
            return HostErrors.ToErrno(e);
        }

        var inode = context.Inodes.Get(resolved.HostPath);
        var file = new FileDescriptor(stream, resolved, inode, read, write, rightsBase, rightsInheriting) { Flags = fdflags };
        return Register(context, memory, file, result);
    }

    /// <summary>
    /// After the open, where the platform can say (Linux), the handle must be the very file the sandbox resolved: a host
    /// directory swapped for a symbolic link between the checks and the open would show up here as another path.
    /// </summary>
    private static bool IsWhereExpected(SafeFileHandle handle, string expected)
    {
        var actual = HostPaths.PathOfHandle(handle);
        return actual is null || string.Equals(actual, expected, StringComparison.Ordinal);
    }

    private static Errno Register(WasiContext context, GuestMemory memory, Descriptor descriptor, uint result)
    {
        var error = context.Descriptors.Add(descriptor, out var fd);
        if (error != Errno.Success)
        {
            descriptor.Dispose();
            return error;
        }
        memory.TryWriteU32(result, fd);
        return Errno.Success;
    }
}
