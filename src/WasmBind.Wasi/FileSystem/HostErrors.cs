using WasmBind.Wasi.Abi;

namespace WasmBind.Wasi.FileSystem;

/// <summary>
/// Turns a host exception into the errno the guest should see. The functions check the common conditions themselves
/// first (exists, is a directory, is empty) so answers do not depend on the host; this covers what remains: permissions,
/// full disks, races with other processes, and anything else .NET throws (the WASI dispatch sends every exception here,
/// so none becomes a trap).
/// </summary>
internal static class HostErrors
{
    /// <summary>
    /// Whether the WASI dispatch answers <paramref name="exception"/> with an errno. Only <see cref="WasmException"/>s are
    /// let through: they are deliberate (a trap such as "no memory export", or <see cref="WasiExitException"/>).
    /// </summary>
    public static bool IsHostFailure(Exception exception) => exception is not WasmException;

    public static Errno ToErrno(Exception exception) => exception switch
    {
        FileNotFoundException or DirectoryNotFoundException => Errno.Noent,
        PathTooLongException => Errno.Nametoolong,
        UnauthorizedAccessException => Errno.Acces,
        EndOfStreamException => Errno.Io,
        IOException io => FromHResult(io.HResult),
        ObjectDisposedException => Errno.Badf,
        NotSupportedException => Errno.Notsup,
        ArgumentException => Errno.Inval,
        OverflowException => Errno.Overflow,
        OutOfMemoryException or InsufficientExecutionStackException => Errno.Nomem,
        _ => Errno.Io,
    };

    /// <summary>
    /// On Unix .NET puts the raw <c>errno</c> in <see cref="Exception.HResult"/>; on Windows it is an HRESULT wrapping a
    /// Win32 error. Both are translated for the errors a file operation can plausibly hit.
    /// </summary>
    private static Errno FromHResult(int hresult) =>
        OperatingSystem.IsWindows() ? FromWin32(hresult & 0xFFFF) : FromUnix(hresult);

    /// <summary>A Win32 error code (from an HRESULT or <c>GetLastError</c>).</summary>
    public static Errno FromWin32(int error) => error switch
    {
        2 or 3 => Errno.Noent,          // ERROR_FILE_NOT_FOUND, ERROR_PATH_NOT_FOUND
        5 => Errno.Acces,               // ERROR_ACCESS_DENIED
        17 => Errno.Xdev,               // ERROR_NOT_SAME_DEVICE
        32 or 33 => Errno.Busy,         // sharing or lock violation
        80 or 183 => Errno.Exist,       // ERROR_FILE_EXISTS, ERROR_ALREADY_EXISTS
        112 => Errno.Nospc,             // ERROR_DISK_FULL
        145 => Errno.Notempty,          // ERROR_DIR_NOT_EMPTY
        206 => Errno.Nametoolong,       // ERROR_FILENAME_EXCED_RANGE
        267 => Errno.Notdir,            // ERROR_DIRECTORY
        1142 => Errno.Mlink,            // ERROR_TOO_MANY_LINKS
        _ => Errno.Io,
    };

    /// <summary>A Unix <c>errno</c>: Linux numbering; macOS agrees for all of these except ENAMETOOLONG, ENOTEMPTY and ELOOP.</summary>
    public static Errno FromUnix(int errno) => errno switch
    {
        1 => Errno.Perm,
        2 => Errno.Noent,
        5 => Errno.Io,
        9 => Errno.Badf,
        11 => Errno.Again,
        12 => Errno.Nomem,
        13 => Errno.Acces,
        16 => Errno.Busy,
        17 => Errno.Exist,
        18 => Errno.Xdev,
        20 => Errno.Notdir,
        21 => Errno.Isdir,
        22 => Errno.Inval,
        24 => Errno.Mfile,
        26 => Errno.Txtbsy,
        27 => Errno.Fbig,
        28 => Errno.Nospc,
        29 => Errno.Spipe,
        30 => Errno.Rofs,
        31 => Errno.Mlink,
        36 when OperatingSystem.IsLinux() => Errno.Nametoolong,
        39 when OperatingSystem.IsLinux() => Errno.Notempty,
        40 when OperatingSystem.IsLinux() => Errno.Loop,
        75 when OperatingSystem.IsLinux() => Errno.Overflow,
        95 when OperatingSystem.IsLinux() => Errno.Notsup,
        62 when OperatingSystem.IsMacOS() => Errno.Loop,
        63 when OperatingSystem.IsMacOS() => Errno.Nametoolong,
        66 when OperatingSystem.IsMacOS() => Errno.Notempty,
        _ => Errno.Io,
    };
}
