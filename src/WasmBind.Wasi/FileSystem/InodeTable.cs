namespace WasmBind.Wasi.FileSystem;

/// <summary>
/// Inode numbers for the guest. .NET does not expose the host's, so each context numbers host paths as it first sees them;
/// the same path always gets the same number (stat and readdir agree, two names differ), and a rename carries the number
/// along. Unlike real inodes, two hard links to one file get two numbers.
/// </summary>
/// <remarks>Locked: the threads of a wasi-threads program share one context.</remarks>
internal sealed class InodeTable
{
    private readonly Dictionary<string, ulong> numbers = new(OperatingSystem.IsLinux() ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase);
    private ulong next = 1000;

    /// <summary>The device number reported for everything: the guest sees one file system.</summary>
    public const ulong Device = 1;

    public ulong Get(string hostPath)
    {
        lock (numbers) return GetLocked(hostPath);
    }

    private ulong GetLocked(string hostPath)
    {
        if (!numbers.TryGetValue(hostPath, out var number))
        {
            number = next++;
            numbers.Add(hostPath, number);
        }
        return number;
    }

    /// <summary>Moves the numbers of <paramref name="from"/> and everything beneath it to <paramref name="to"/>.</summary>
    public void Rename(string from, string to)
    {
        lock (numbers) RenameLocked(from, to);
    }

    private void RenameLocked(string from, string to)
    {
        var prefix = from + Path.DirectorySeparatorChar;
        var moved = numbers.Where(e => numbers.Comparer.Equals(e.Key, from) || e.Key.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        foreach (var (path, _) in moved) numbers.Remove(path);
        foreach (var (path, number) in moved) numbers[to + path[from.Length..]] = number;
    }
}
