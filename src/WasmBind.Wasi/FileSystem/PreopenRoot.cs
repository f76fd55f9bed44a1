namespace WasmBind.Wasi.FileSystem;

/// <summary>
/// A preopened directory as the sandbox uses it: the host directory every guest path beneath it is resolved against, with
/// symbolic links in the host path itself already resolved (the host chose it, so they are trusted), so that the real path
/// of anything opened beneath it can be compared with <see cref="HostPath"/> as a string.
/// </summary>
internal sealed class PreopenRoot
{
    public PreopenRoot(WasiPreopenedDirectory preopen)
    {
        HostPath = HostPaths.RealPath(preopen.HostPath);
        GuestPath = preopen.GuestPath;
        ReadOnly = preopen.ReadOnly;
    }

    /// <summary>The canonical host directory.</summary>
    public string HostPath { get; }

    /// <summary>The name the guest knows it by.</summary>
    public string GuestPath { get; }

    /// <summary>Whether every change beneath it is refused with <c>errno::rofs</c>.</summary>
    public bool ReadOnly { get; }

    /// <summary>The host path of <paramref name="components"/> (already checked: no <c>.</c>, <c>..</c> or separators) beneath the root.</summary>
    public string HostPathOf(IReadOnlyList<string> components)
    {
        if (components.Count == 0) return HostPath;
        return Path.Join(HostPath, string.Join(Path.DirectorySeparatorChar, components));
    }
}
