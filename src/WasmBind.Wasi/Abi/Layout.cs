namespace WasmBind.Wasi.Abi;

/// <summary>Sizes and field offsets of the wasm32 records WASI functions read or write (docs.md gives each one).</summary>
internal static class Layout
{
    /// <summary><c>iovec</c>/<c>ciovec</c>: buf u32 @0, buf_len u32 @4.</summary>
    public const uint IovecSize = 8;

    /// <summary><c>fdstat</c>: fs_filetype u8 @0, fs_flags u16 @2, fs_rights_base u64 @8, fs_rights_inheriting u64 @16.</summary>
    public const uint FdstatSize = 24;

    /// <summary><c>filestat</c>: dev @0, ino @8, filetype u8 @16, nlink @24, size @32, atim @40, mtim @48, ctim @56.</summary>
    public const uint FilestatSize = 64;

    /// <summary><c>dirent</c> header: d_next u64 @0, d_ino u64 @8, d_namlen u32 @16, d_type u8 @20; the name follows it.</summary>
    public const uint DirentSize = 24;

    /// <summary><c>prestat</c>: tag u8 @0, pr_name_len u32 @4.</summary>
    public const uint PrestatSize = 8;

    /// <summary>
    /// <c>subscription</c>: userdata u64 @0, tag u8 @8, then the union at @16 — clock: id u32 @16, timeout u64 @24,
    /// precision u64 @32, flags u16 @40; fd_read/fd_write: file_descriptor u32 @16.
    /// </summary>
    public const uint SubscriptionSize = 48;

    /// <summary><c>event</c>: userdata u64 @0, error u16 @8, type u8 @10, fd_readwrite.nbytes u64 @16, fd_readwrite.flags u16 @24.</summary>
    public const uint EventSize = 32;
}
