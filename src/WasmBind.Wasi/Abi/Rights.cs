namespace WasmBind.Wasi.Abi;

/// <summary>
/// <c>rights</c> (u64): what a descriptor may be used for. Every operation checks its right and answers
/// <see cref="Errno.Notcapable"/> without it; a guest can only ever narrow them (<c>fd_fdstat_set_rights</c>, <c>path_open</c>).
/// </summary>
[Flags]
internal enum Rights : ulong
{
    None = 0,
    FdDatasync = 1UL << 0,
    FdRead = 1UL << 1,
    FdSeek = 1UL << 2,
    FdFdstatSetFlags = 1UL << 3,
    FdSync = 1UL << 4,
    FdTell = 1UL << 5,
    FdWrite = 1UL << 6,
    FdAdvise = 1UL << 7,
    FdAllocate = 1UL << 8,
    PathCreateDirectory = 1UL << 9,
    PathCreateFile = 1UL << 10,
    PathLinkSource = 1UL << 11,
    PathLinkTarget = 1UL << 12,
    PathOpen = 1UL << 13,
    FdReaddir = 1UL << 14,
    PathReadlink = 1UL << 15,
    PathRenameSource = 1UL << 16,
    PathRenameTarget = 1UL << 17,
    PathFilestatGet = 1UL << 18,
    PathFilestatSetSize = 1UL << 19,
    PathFilestatSetTimes = 1UL << 20,
    FdFilestatGet = 1UL << 21,
    FdFilestatSetSize = 1UL << 22,
    FdFilestatSetTimes = 1UL << 23,
    PathSymlink = 1UL << 24,
    PathRemoveDirectory = 1UL << 25,
    PathUnlinkFile = 1UL << 26,
    PollFdReadwrite = 1UL << 27,
    SockShutdown = 1UL << 28,
    SockAccept = 1UL << 29,

    /// <summary>Every right a regular file can use.</summary>
    RegularFile = FdDatasync | FdRead | FdSeek | FdFdstatSetFlags | FdSync | FdTell | FdWrite | FdAdvise
        | FdAllocate | FdFilestatGet | FdFilestatSetSize | FdFilestatSetTimes | PollFdReadwrite,

    /// <summary>Every right a directory can use itself (its inheriting rights are <see cref="DirectoryInheriting"/>).</summary>
    Directory = FdFdstatSetFlags | FdSync | FdAdvise | PathCreateDirectory | PathCreateFile | PathLinkSource
        | PathLinkTarget | PathOpen | FdReaddir | PathReadlink | PathRenameSource | PathRenameTarget | PathFilestatGet
        | PathFilestatSetSize | PathFilestatSetTimes | FdFilestatGet | FdFilestatSetTimes | PathSymlink
        | PathRemoveDirectory | PathUnlinkFile,

    /// <summary>What descriptors opened beneath a directory may get: anything a file or a directory can use.</summary>
    DirectoryInheriting = RegularFile | Directory,

    /// <summary>A stream such as stdin or stdout: reads or writes, no seeking.</summary>
    Stream = FdRead | FdWrite | FdFdstatSetFlags | FdSync | FdDatasync | FdAdvise | FdFilestatGet | PollFdReadwrite,

    /// <summary>Every right defined by preview 1.</summary>
    All = (1UL << 30) - 1,
}
