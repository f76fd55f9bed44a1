using Microsoft.Win32.SafeHandles;
using WasmBind.Wasi.Abi;
using WasmBind.Wasi.Descriptors;
using WasmBind.Wasi.FileSystem;
using static WasmBind.Wasi.Functions.PathArguments;

namespace WasmBind.Wasi.Functions;

/// <summary><c>path_open</c>: opens (and perhaps creates or truncates) a file or directory beneath a directory descriptor.</summary>
internal static class PathOpenFunction
{
    public static void Define(Linker linker, WasiHost host) =>
        host.Define<uint, uint, uint, uint, uint, ulong, ulong, uint, uint>(linker, "path_open",
            (caller, fd, lookup, path, length, oflags, rightsBase, rightsInheriting, fdflags, result) =>
                (int)Open(host.Context(caller), GuestMemory.Of(caller), fd, lookup, path, length, oflags, (Rights)rightsBase,
                    (Rights)rightsInheriting, fdflags, result));

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
        // As Wasmtime: the rights decide what the descriptor may do (write: any right that changes the contents, or
        // append; read otherwise), while creating or truncating a file needs a host handle that can write whatever the
        // rights say. So O_CREAT|O_EXCL with read-only rights creates the file and gives a read-only descriptor.
        var write = (requestedBase & WritingRights) != 0 || (fdflags & FdFlags.Append) != 0;
        var read = (requestedBase & (Rights.FdRead | Rights.FdReaddir)) != 0 || !write;
        var truncate = (oflags & OFlags.Trunc) != 0;

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
                // Linux (and so Wasmtime) answers EISDIR to any open of a directory that would write, create or truncate.
                if (write || truncate || (oflags & OFlags.Creat) != 0) return Errno.Isdir;
                var directoryRights = requestedBase & Rights.Directory;
                var opened = new DirectoryDescriptor(resolved.Root, [.. resolved.Components], isPreopen: false, directoryRights,
                    requestedInheriting & directory.RightsInheriting)
                { Flags = fdflags };
                return Register(context, memory, opened, result);
            }
            if ((oflags & OFlags.Directory) != 0 || resolved.MustBeDirectory) return Errno.Notdir;
            if ((write || truncate) && resolved.Root.ReadOnly) return Errno.Rofs;
        }

        return OpenFile(context, memory, resolved, oflags, fdflags, read, write,
            requestedBase & Rights.RegularFile, requestedInheriting & directory.RightsInheriting, result);
    }

    /// <summary>The rights that make a descriptor writable, as Wasmtime counts them.</summary>
    private const Rights WritingRights = Rights.FdWrite | Rights.FdDatasync | Rights.FdAllocate | Rights.FdFilestatSetSize;

    private static Errno OpenFile(WasiContext context, GuestMemory memory, ResolvedPath resolved, OFlags oflags, FdFlags fdflags,
        bool read, bool write, Rights rightsBase, Rights rightsInheriting, uint result)
    {
        // A missing file is created exclusively (never through a link planted since the check); an existing one is opened
        // without truncation, checked, and only then truncated, so a race cannot truncate a file outside the sandbox.
        var creating = resolved.Node.Kind == NodeKind.Missing;
        var truncate = (oflags & OFlags.Trunc) != 0 && !creating;
        // .NET refuses CreateNew (and SetLength) on a handle without write access, where POSIX allows O_RDONLY|O_CREAT;
        // the handle gets write access for them and the descriptor keeps only what was asked (Readable/Writable).
        var hostWrite = write || creating || truncate;
        var access = (read ? FileAccess.Read : 0) | (hostWrite ? FileAccess.Write : 0);
        var mode = creating ? FileMode.CreateNew : FileMode.Open;
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
            if (truncate) stream.SetLength(0);
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
