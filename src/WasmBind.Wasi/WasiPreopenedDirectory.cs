namespace WasmBind.Wasi;

/// <summary>A host directory a WASI guest may use, and the name it sees it under.</summary>
/// <param name="HostPath">The directory on the host, as an absolute path.</param>
/// <param name="GuestPath">The name the guest sees (<c>fd_prestat_dir_name</c>), e.g. <c>/</c>, <c>/data</c> or <c>.</c>.</param>
/// <param name="ReadOnly">Whether the guest is refused every change beneath it (<c>errno::rofs</c>).</param>
public sealed record WasiPreopenedDirectory(string HostPath, string GuestPath, bool ReadOnly);
