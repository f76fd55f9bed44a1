using System.Runtime.InteropServices;
using WasmBind.Wasi.Abi;

namespace WasmBind.Wasi.FileSystem;

/// <summary>
/// The file operations .NET does not offer with POSIX semantics, called directly: hard links (no .NET API at all),
/// rename (<see cref="File.Move(string, string, bool)"/> refuses a link to a directory, and neither it nor
/// <see cref="Directory.Move"/> replaces atomically) and a symbolic link's own times (.NET sets the target's). Neither ever follows a link: the sandbox has already followed what
/// the guest asked it to, so the paths passed here name exactly the entries to act on.
/// </summary>
internal static partial class NativeFileSystem
{
    private const int MoveFileReplaceExisting = 1;

    /// <summary><c>linkat(AT_FDCWD, existing, AT_FDCWD, link, 0)</c>, or <c>CreateHardLinkW</c> on Windows.</summary>
    public static Errno Link(string existing, string link)
    {
        try
        {
            if (OperatingSystem.IsWindows())
                return CreateHardLinkW(link, existing, IntPtr.Zero) ? Errno.Success : HostErrors.FromWin32(Marshal.GetLastPInvokeError());
            var cwd = OperatingSystem.IsMacOS() ? -2 : -100; // AT_FDCWD
            return linkat(cwd, existing, cwd, link, 0) == 0 ? Errno.Success : HostErrors.FromUnix(Marshal.GetLastPInvokeError());
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return Errno.Notsup;
        }
    }

    /// <summary><c>rename(2)</c>: replaces a file, or an empty directory, atomically. <c>MoveFileExW</c> on Windows.</summary>
    public static Errno Rename(string from, string to)
    {
        try
        {
            if (OperatingSystem.IsWindows())
            {
                // Windows cannot move over a directory; the caller has checked that one here is empty.
                if (Directory.Exists(to) && Directory.Exists(from)) Directory.Delete(to);
                return MoveFileExW(from, to, MoveFileReplaceExisting) ? Errno.Success : HostErrors.FromWin32(Marshal.GetLastPInvokeError());
            }
            return rename(from, to) == 0 ? Errno.Success : HostErrors.FromUnix(Marshal.GetLastPInvokeError());
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return Errno.Notsup;
        }
    }

    /// <summary>
    /// <c>utimensat(AT_FDCWD, path, times, AT_SYMLINK_NOFOLLOW)</c>: sets the times of <paramref name="path"/> itself, a
    /// symbolic link included, as Wasmtime does for <c>path_filestat_set_times</c> without the follow flag. Null leaves a
    /// time alone (<c>UTIME_OMIT</c>). Windows has no such call for links here: <see cref="Errno.Notsup"/>.
    /// </summary>
    public static Errno SetTimesNoFollow(string path, DateTime? access, DateTime? modify)
    {
        if (OperatingSystem.IsWindows()) return Errno.Notsup;
        try
        {
            var macOS = OperatingSystem.IsMacOS();
            var omit = macOS ? -2L : (1L << 30) - 2;
            var times = new TimeSpecPair { Access = TimeSpec.Of(access, omit), Modify = TimeSpec.Of(modify, omit) };
            var cwd = macOS ? -2 : -100;               // AT_FDCWD
            var noFollow = macOS ? 0x20 : 0x100;       // AT_SYMLINK_NOFOLLOW
            return utimensat(cwd, path, in times, noFollow) == 0 ? Errno.Success : HostErrors.FromUnix(Marshal.GetLastPInvokeError());
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return Errno.Notsup;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;

        public static TimeSpec Of(DateTime? time, long omit)
        {
            if (time is not { } t) return new TimeSpec { Nanoseconds = omit };
            var ticks = (t - DateTime.UnixEpoch).Ticks;
            return new TimeSpec { Seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out var rest), Nanoseconds = rest * 100 };
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpecPair
    {
        public TimeSpec Access;
        public TimeSpec Modify;
    }

    [LibraryImport("libc", EntryPoint = "utimensat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int utimensat(int directory, string path, in TimeSpecPair times, int flags);

    [LibraryImport("libc", EntryPoint = "linkat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int linkat(int oldDirectory, string oldPath, int newDirectory, string newPath, int flags);

    [LibraryImport("libc", EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int rename(string oldPath, string newPath);

    [LibraryImport("kernel32", EntryPoint = "CreateHardLinkW", SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool CreateHardLinkW(string link, string existing, IntPtr securityAttributes);

    [LibraryImport("kernel32", EntryPoint = "MoveFileExW", SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool MoveFileExW(string existing, string replacement, int flags);
}
