using WasmBind.Wasi.Abi;
using WasmBind.Wasi.Descriptors;
using WasmBind.Wasi.FileSystem;

namespace WasmBind.Wasi.Functions;

/// <summary>
/// What a directory descriptor offers without a path: <c>fd_prestat_get</c>, <c>fd_prestat_dir_name</c> (how wasi-libc
/// discovers the preopens: it asks for descriptors 3, 4, ... until <see cref="Errno.Badf"/>) and <c>fd_readdir</c>.
/// </summary>
internal static class FdDirectoryFunctions
{
    public static void Define(Linker linker, WasiHost host)
    {
        host.Define<uint, uint>(linker, "fd_prestat_get",
            (caller, fd, result) => (int)PrestatGet(host.Context(caller), caller, fd, result));
        host.Define<uint, uint, uint>(linker, "fd_prestat_dir_name",
            (caller, fd, path, length) => (int)PrestatDirName(host.Context(caller), caller, fd, path, length));
        host.Define<uint, uint, uint, ulong, uint>(linker, "fd_readdir",
            (caller, fd, buffer, length, cookie, result) => (int)Readdir(host.Context(caller), caller, fd, buffer, length, cookie, result));
    }

    private static Errno PrestatGet(WasiContext context, Caller caller, uint fd, uint result)
    {
        if (!TryGetPreopen(context, fd, out var name)) return Errno.Badf;
        var memory = GuestMemory.Of(caller);
        if (!memory.TrySlice(result, Layout.PrestatSize, out var record)) return Errno.Fault;
        record.Clear();
        memory.TryWriteU8(result, PreopenType.Directory);
        memory.TryWriteU32(result + 4, (uint)name.Length);
        return Errno.Success;
    }

    private static Errno PrestatDirName(WasiContext context, Caller caller, uint fd, uint path, uint length)
    {
        if (!TryGetPreopen(context, fd, out var name)) return Errno.Badf;
        if (length < name.Length) return Errno.Nametoolong;
        if (!GuestMemory.Of(caller).TrySlice(path, (uint)name.Length, out var destination)) return Errno.Fault;
        name.CopyTo(destination);
        return Errno.Success;
    }

    private static bool TryGetPreopen(WasiContext context, uint fd, out byte[] name)
    {
        name = [];
        if (context.Descriptors.Get<DirectoryDescriptor>(fd, out var directory) != Errno.Success || !directory.IsPreopen) return false;
        name = System.Text.Encoding.UTF8.GetBytes(directory.Root.GuestPath);
        return true;
    }

    private static Errno Readdir(WasiContext context, Caller caller, uint fd, uint buffer, uint length, ulong cookie, uint result)
    {
        var error = context.Descriptors.Get<DirectoryDescriptor>(fd, out var directory, wrongKind: Errno.Notdir);
        if (error != Errno.Success) return error;
        error = directory.Require(Rights.FdReaddir);
        if (error != Errno.Success) return error;
        var memory = GuestMemory.Of(caller);
        if (!memory.TrySlice(buffer, length, out var destination) || !memory.IsValid(result, 4)) return Errno.Fault;
        try
        {
            // A listing is taken at cookie 0 (a fresh readdir or rewinddir) and reused for later cookies.
            if (cookie == 0 || directory.Listing is null)
            {
                error = PathArguments.Locate(directory, out var hostPath);
                if (error != Errno.Success) return error;
                directory.Listing = new DirectoryListing(hostPath, directory.Components.Count == 0, context.Inodes);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return HostErrors.ToErrno(e);
        }
        memory.TryWriteU32(result, (uint)directory.Listing.Write(destination, cookie));
        return Errno.Success;
    }
}
