using System.Runtime.InteropServices;
using WasmBind.Wasi.Abi;

namespace WasmBind.Wasi.FileSystem;

/// <summary>
/// The two file operations .NET does not offer with POSIX semantics, called directly: hard links (no .NET API at all) and
/// rename (<see cref="File.Move(string, string, bool)"/> refuses a link to a directory, and neither it nor
/// <see cref="Directory.Move"/> replaces atomically). Neither ever follows a link: the sandbox has already followed what
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
