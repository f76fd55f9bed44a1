using WasmBind.Wasi.Abi;
using WasmBind.Wasi.FileSystem;
using static WasmBind.Wasi.Functions.PathArguments;

namespace WasmBind.Wasi.Functions;

/// <summary><c>path_filestat_get</c>, <c>path_filestat_set_times</c> and <c>path_readlink</c>: metadata by path.</summary>
internal static class PathQueryFunctions
{
    public static void Define(Linker linker, WasiHost host)
    {
        host.Define<uint, uint, uint, uint, uint>(linker, "path_filestat_get",
            (caller, fd, flags, path, length, result) => (int)FilestatGet(host.Context(caller), GuestMemory.Of(caller), fd, flags, path, length, result));
        host.Define<uint, uint, uint, uint, ulong, ulong, uint>(linker, "path_filestat_set_times",
            (caller, fd, flags, path, length, atim, mtim, fstFlags) =>
                (int)SetTimes(host.Context(caller), GuestMemory.Of(caller), fd, flags, path, length, atim, mtim, fstFlags));
        host.Define<uint, uint, uint, uint, uint, uint>(linker, "path_readlink",
            (caller, fd, path, length, buffer, bufferLength, result) =>
                (int)Readlink(host.Context(caller), GuestMemory.Of(caller), fd, path, length, buffer, bufferLength, result));
    }

    private static Errno FilestatGet(WasiContext context, GuestMemory memory, uint fd, uint flags, uint path, uint length, uint result)
    {
        var error = PathArguments.Resolve(context, memory, fd, Rights.PathFilestatGet, path, length, IsFollow(flags), out _, out var resolved);
        if (error != Errno.Success) return error;
        if (!resolved!.Node.Exists) return Errno.Noent;
        if (!memory.IsValid(result, Layout.FilestatSize)) return Errno.Fault;
        try
        {
            FileStat.Of(resolved.Node, context.Inodes).WriteTo(memory, result);
            return Errno.Success;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return HostErrors.ToErrno(e);
        }
    }

    private static Errno SetTimes(WasiContext context, GuestMemory memory, uint fd, uint flags, uint path, uint length, ulong atim, ulong mtim, uint fstFlags)
    {
        var error = PathArguments.Resolve(context, memory, fd, Rights.PathFilestatSetTimes, path, length, IsFollow(flags), out _, out var resolved);
        if (error != Errno.Success) return error;
        if (!Timestamps.TryGet(context, atim, mtim, fstFlags, out var access, out var modify)) return Errno.Inval;
        var node = resolved!.Node;
        if (!node.Exists) return Errno.Noent;
        if (resolved.Root.ReadOnly) return Errno.Rofs;
        // .NET sets times through a link to its target; the link's own times (no follow flag, as Wasmtime) come from
        // utimensat, so the target is never touched.
        if (node.Kind == NodeKind.Symlink) return NativeFileSystem.SetTimesNoFollow(resolved.HostPath, access, modify);
        try
        {
            return Timestamps.Apply(resolved.HostPath, node.Kind == NodeKind.Directory, access, modify);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return HostErrors.ToErrno(e);
        }
    }

    private static Errno Readlink(WasiContext context, GuestMemory memory, uint fd, uint path, uint length, uint buffer, uint bufferLength, uint result)
    {
        var error = PathArguments.Resolve(context, memory, fd, Rights.PathReadlink, path, length, follow: false, out _, out var resolved);
        if (error != Errno.Success) return error;
        var node = resolved!.Node;
        if (!node.Exists) return Errno.Noent;
        if (node.Kind != NodeKind.Symlink) return Errno.Inval;
        if (!memory.TrySlice(buffer, bufferLength, out var destination) || !memory.IsValid(result, 4)) return Errno.Fault;
        // The witx: a buffer too small gets the first bytes of the contents.
        var target = System.Text.Encoding.UTF8.GetBytes(node.Info.LinkTarget ?? "");
        var count = Math.Min(target.Length, destination.Length);
        target.AsSpan(0, count).CopyTo(destination);
        memory.TryWriteU32(result, (uint)count);
        return Errno.Success;
    }
}
