using WasmBind.Wasi.Abi;
using WasmBind.Wasi.FileSystem;

namespace WasmBind.Wasi.Functions;

/// <summary>The <c>fstflags</c> rules shared by <c>fd_filestat_set_times</c> and <c>path_filestat_set_times</c>.</summary>
internal static class Timestamps
{
    /// <summary>
    /// The times to set (null: leave alone). False for invalid flags: unknown bits, or a time given both explicitly and as
    /// "now". "Now" is read from the context's clock so a deterministic clock stays deterministic.
    /// </summary>
    public static bool TryGet(WasiContext context, ulong atim, ulong mtim, uint flags, out DateTime? access, out DateTime? modify)
    {
        access = modify = null;
        var f = (FstFlags)flags;
        if ((flags & ~(uint)FstFlags.All) != 0
            || (f & (FstFlags.Atim | FstFlags.AtimNow)) == (FstFlags.Atim | FstFlags.AtimNow)
            || (f & (FstFlags.Mtim | FstFlags.MtimNow)) == (FstFlags.Mtim | FstFlags.MtimNow))
        {
            return false;
        }

        DateTime? now = null;
        if ((f & (FstFlags.AtimNow | FstFlags.MtimNow)) != 0)
            now = context.Clock.TryGetTime(WasiClockId.Realtime, out var ns) ? FileStat.FromNanoseconds(ns) : DateTime.UtcNow;
        if ((f & FstFlags.Atim) != 0) access = FileStat.FromNanoseconds(atim);
        if ((f & FstFlags.AtimNow) != 0) access = now;
        if ((f & FstFlags.Mtim) != 0) modify = FileStat.FromNanoseconds(mtim);
        if ((f & FstFlags.MtimNow) != 0) modify = now;
        return true;
    }

    public static Errno Apply(string hostPath, bool isDirectory, DateTime? access, DateTime? modify)
    {
        if (isDirectory)
        {
            if (access is { } a) Directory.SetLastAccessTimeUtc(hostPath, a);
            if (modify is { } m) Directory.SetLastWriteTimeUtc(hostPath, m);
        }
        else
        {
            if (access is { } a) File.SetLastAccessTimeUtc(hostPath, a);
            if (modify is { } m) File.SetLastWriteTimeUtc(hostPath, m);
        }
        return Errno.Success;
    }
}
