namespace WasmBind.Wasi.Abi;

/// <summary>
/// <c>errno</c> from wasi_snapshot_preview1, numbered exactly as typenames.witx declares them (generated from it:
/// the enum's order is the ABI, so do not reorder).
/// </summary>
internal enum Errno : ushort
{
    /// <summary>No error occurred. System call completed successfully. (<c>success</c>)</summary>
    Success = 0,
    /// <summary>Argument list too long. (<c>2big</c>)</summary>
    TooBig = 1,
    /// <summary>Permission denied. (<c>acces</c>)</summary>
    Acces = 2,
    /// <summary>Address in use. (<c>addrinuse</c>)</summary>
    Addrinuse = 3,
    /// <summary>Address not available. (<c>addrnotavail</c>)</summary>
    Addrnotavail = 4,
    /// <summary>Address family not supported. (<c>afnosupport</c>)</summary>
    Afnosupport = 5,
    /// <summary>Resource unavailable, or operation would block. (<c>again</c>)</summary>
    Again = 6,
    /// <summary>Connection already in progress. (<c>already</c>)</summary>
    Already = 7,
    /// <summary>Bad file descriptor. (<c>badf</c>)</summary>
    Badf = 8,
    /// <summary>Bad message. (<c>badmsg</c>)</summary>
    Badmsg = 9,
    /// <summary>Device or resource busy. (<c>busy</c>)</summary>
    Busy = 10,
    /// <summary>Operation canceled. (<c>canceled</c>)</summary>
    Canceled = 11,
    /// <summary>No child processes. (<c>child</c>)</summary>
    Child = 12,
    /// <summary>Connection aborted. (<c>connaborted</c>)</summary>
    Connaborted = 13,
    /// <summary>Connection refused. (<c>connrefused</c>)</summary>
    Connrefused = 14,
    /// <summary>Connection reset. (<c>connreset</c>)</summary>
    Connreset = 15,
    /// <summary>Resource deadlock would occur. (<c>deadlk</c>)</summary>
    Deadlk = 16,
    /// <summary>Destination address required. (<c>destaddrreq</c>)</summary>
    Destaddrreq = 17,
    /// <summary>Mathematics argument out of domain of function. (<c>dom</c>)</summary>
    Dom = 18,
    /// <summary>Reserved. (<c>dquot</c>)</summary>
    Dquot = 19,
    /// <summary>File exists. (<c>exist</c>)</summary>
    Exist = 20,
    /// <summary>Bad address. (<c>fault</c>)</summary>
    Fault = 21,
    /// <summary>File too large. (<c>fbig</c>)</summary>
    Fbig = 22,
    /// <summary>Host is unreachable. (<c>hostunreach</c>)</summary>
    Hostunreach = 23,
    /// <summary>Identifier removed. (<c>idrm</c>)</summary>
    Idrm = 24,
    /// <summary>Illegal byte sequence. (<c>ilseq</c>)</summary>
    Ilseq = 25,
    /// <summary>Operation in progress. (<c>inprogress</c>)</summary>
    Inprogress = 26,
    /// <summary>Interrupted function. (<c>intr</c>)</summary>
    Intr = 27,
    /// <summary>Invalid argument. (<c>inval</c>)</summary>
    Inval = 28,
    /// <summary>I/O error. (<c>io</c>)</summary>
    Io = 29,
    /// <summary>Socket is connected. (<c>isconn</c>)</summary>
    Isconn = 30,
    /// <summary>Is a directory. (<c>isdir</c>)</summary>
    Isdir = 31,
    /// <summary>Too many levels of symbolic links. (<c>loop</c>)</summary>
    Loop = 32,
    /// <summary>File descriptor value too large. (<c>mfile</c>)</summary>
    Mfile = 33,
    /// <summary>Too many links. (<c>mlink</c>)</summary>
    Mlink = 34,
    /// <summary>Message too large. (<c>msgsize</c>)</summary>
    Msgsize = 35,
    /// <summary>Reserved. (<c>multihop</c>)</summary>
    Multihop = 36,
    /// <summary>Filename too long. (<c>nametoolong</c>)</summary>
    Nametoolong = 37,
    /// <summary>Network is down. (<c>netdown</c>)</summary>
    Netdown = 38,
    /// <summary>Connection aborted by network. (<c>netreset</c>)</summary>
    Netreset = 39,
    /// <summary>Network unreachable. (<c>netunreach</c>)</summary>
    Netunreach = 40,
    /// <summary>Too many files open in system. (<c>nfile</c>)</summary>
    Nfile = 41,
    /// <summary>No buffer space available. (<c>nobufs</c>)</summary>
    Nobufs = 42,
    /// <summary>No such device. (<c>nodev</c>)</summary>
    Nodev = 43,
    /// <summary>No such file or directory. (<c>noent</c>)</summary>
    Noent = 44,
    /// <summary>Executable file format error. (<c>noexec</c>)</summary>
    Noexec = 45,
    /// <summary>No locks available. (<c>nolck</c>)</summary>
    Nolck = 46,
    /// <summary>Reserved. (<c>nolink</c>)</summary>
    Nolink = 47,
    /// <summary>Not enough space. (<c>nomem</c>)</summary>
    Nomem = 48,
    /// <summary>No message of the desired type. (<c>nomsg</c>)</summary>
    Nomsg = 49,
    /// <summary>Protocol not available. (<c>noprotoopt</c>)</summary>
    Noprotoopt = 50,
    /// <summary>No space left on device. (<c>nospc</c>)</summary>
    Nospc = 51,
    /// <summary>Function not supported. (<c>nosys</c>)</summary>
    Nosys = 52,
    /// <summary>The socket is not connected. (<c>notconn</c>)</summary>
    Notconn = 53,
    /// <summary>Not a directory or a symbolic link to a directory. (<c>notdir</c>)</summary>
    Notdir = 54,
    /// <summary>Directory not empty. (<c>notempty</c>)</summary>
    Notempty = 55,
    /// <summary>State not recoverable. (<c>notrecoverable</c>)</summary>
    Notrecoverable = 56,
    /// <summary>Not a socket. (<c>notsock</c>)</summary>
    Notsock = 57,
    /// <summary>Not supported, or operation not supported on socket. (<c>notsup</c>)</summary>
    Notsup = 58,
    /// <summary>Inappropriate I/O control operation. (<c>notty</c>)</summary>
    Notty = 59,
    /// <summary>No such device or address. (<c>nxio</c>)</summary>
    Nxio = 60,
    /// <summary>Value too large to be stored in data type. (<c>overflow</c>)</summary>
    Overflow = 61,
    /// <summary>Previous owner died. (<c>ownerdead</c>)</summary>
    Ownerdead = 62,
    /// <summary>Operation not permitted. (<c>perm</c>)</summary>
    Perm = 63,
    /// <summary>Broken pipe. (<c>pipe</c>)</summary>
    Pipe = 64,
    /// <summary>Protocol error. (<c>proto</c>)</summary>
    Proto = 65,
    /// <summary>Protocol not supported. (<c>protonosupport</c>)</summary>
    Protonosupport = 66,
    /// <summary>Protocol wrong type for socket. (<c>prototype</c>)</summary>
    Prototype = 67,
    /// <summary>Result too large. (<c>range</c>)</summary>
    Range = 68,
    /// <summary>Read-only file system. (<c>rofs</c>)</summary>
    Rofs = 69,
    /// <summary>Invalid seek. (<c>spipe</c>)</summary>
    Spipe = 70,
    /// <summary>No such process. (<c>srch</c>)</summary>
    Srch = 71,
    /// <summary>Reserved. (<c>stale</c>)</summary>
    Stale = 72,
    /// <summary>Connection timed out. (<c>timedout</c>)</summary>
    Timedout = 73,
    /// <summary>Text file busy. (<c>txtbsy</c>)</summary>
    Txtbsy = 74,
    /// <summary>Cross-device link. (<c>xdev</c>)</summary>
    Xdev = 75,
    /// <summary>Extension: Capabilities insufficient. (<c>notcapable</c>)</summary>
    Notcapable = 76,
}
