namespace WasmBind.Wasi.Abi;

// The small enums and flag sets of typenames.witx, with their ABI widths. Values follow the witx declaration order.

/// <summary><c>filetype</c> (u8).</summary>
internal enum FileType : byte
{
    Unknown = 0,
    BlockDevice = 1,
    CharacterDevice = 2,
    Directory = 3,
    RegularFile = 4,
    SocketDgram = 5,
    SocketStream = 6,
    SymbolicLink = 7,
}

/// <summary><c>fdflags</c> (u16).</summary>
[Flags]
internal enum FdFlags : ushort
{
    None = 0,
    Append = 1 << 0,
    Dsync = 1 << 1,
    Nonblock = 1 << 2,
    Rsync = 1 << 3,
    Sync = 1 << 4,
    All = Append | Dsync | Nonblock | Rsync | Sync,
}

/// <summary><c>oflags</c> (u16).</summary>
[Flags]
internal enum OFlags : ushort
{
    None = 0,
    Creat = 1 << 0,
    Directory = 1 << 1,
    Excl = 1 << 2,
    Trunc = 1 << 3,
    All = Creat | Directory | Excl | Trunc,
}

/// <summary><c>lookupflags</c> (u32).</summary>
[Flags]
internal enum LookupFlags : uint
{
    None = 0,
    SymlinkFollow = 1 << 0,
}

/// <summary><c>fstflags</c> (u16).</summary>
[Flags]
internal enum FstFlags : ushort
{
    None = 0,
    Atim = 1 << 0,
    AtimNow = 1 << 1,
    Mtim = 1 << 2,
    MtimNow = 1 << 3,
    All = Atim | AtimNow | Mtim | MtimNow,
}

/// <summary><c>whence</c> (u8).</summary>
internal enum Whence : byte
{
    Set = 0,
    Cur = 1,
    End = 2,
}

/// <summary><c>eventtype</c> (u8).</summary>
internal enum EventType : byte
{
    Clock = 0,
    FdRead = 1,
    FdWrite = 2,
}

/// <summary><c>advice</c> (u8); only the range matters here, advice itself is not acted on.</summary>
internal static class Advice
{
    public const uint Max = 5; // noreuse
}

/// <summary><c>subclockflags</c> (u16).</summary>
internal static class SubclockFlags
{
    public const ushort AbsoluteTime = 1 << 0;
}

/// <summary><c>preopentype</c> (u8).</summary>
internal static class PreopenType
{
    public const byte Directory = 0;
}
