using System.Security.Cryptography;
using System.Text;
using WasmBind.Wasi;
using Xunit;
using Xunit.Abstractions;

namespace WasmBind.Tests.Wasi;

/// <summary>
/// Drives every WASI function with random arguments, flags and rights (fixed seed, sized for CI) against a sandbox that
/// holds links pointing out of it, beside a sibling directory it must never reach. Every call must answer an errno
/// (proc_exit: <see cref="WasiExitException"/>); no other .NET exception may escape, and nothing outside the preopens
/// may change.
/// </summary>
public sealed class WasiFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20261129;
    private const int Calls = 24_000;
    private const int CallsPerStore = 100;
    private const int PageSize = 65536;
    private const int MaxErrno = 76;

    // Each function's parameters by meaning: "path" and "iovs" take two parameters (pointer and length or count); "flags"
    // are mostly defined bits, since an undefined bit is a plain EINVAL that would hide everything after it; a "victim"
    // is a descriptor to close or replace, rarely a preopen, so that the path functions keep a directory to work in.
    private static readonly (string Name, string Shape)[] Functions =
    [
        ("args_get", "ptr ptr"), ("args_sizes_get", "ptr ptr"), ("environ_get", "ptr ptr"), ("environ_sizes_get", "ptr ptr"),
        ("clock_res_get", "u32 ptr"), ("clock_time_get", "u32 u64 ptr"), ("random_get", "ptr len"),
        ("fd_advise", "fd u64 u64 u32"), ("fd_allocate", "fd u64 u64"), ("fd_close", "victim"), ("fd_datasync", "fd"),
        ("fd_fdstat_get", "fd ptr"), ("fd_fdstat_set_flags", "fd flags"), ("fd_fdstat_set_rights", "fd rights rights"),
        ("fd_filestat_get", "fd ptr"), ("fd_filestat_set_size", "fd u64"), ("fd_filestat_set_times", "fd u64 u64 flags"),
        ("fd_pread", "fd iovs u64 ptr"), ("fd_prestat_get", "fd ptr"), ("fd_prestat_dir_name", "fd ptr len"),
        ("fd_pwrite", "fd iovs u64 ptr"), ("fd_read", "fd iovs ptr"), ("fd_readdir", "fd ptr len u64 ptr"),
        ("fd_renumber", "fd victim"), ("fd_seek", "fd u64 u32 ptr"), ("fd_sync", "fd"), ("fd_tell", "fd ptr"),
        ("fd_write", "fd iovs ptr"), ("path_create_directory", "fd path"), ("path_filestat_get", "fd flags path ptr"),
        ("path_filestat_set_times", "fd flags path u64 u64 flags"), ("path_link", "fd flags path fd path"),
        ("path_open", "fd flags path flags rights rights flags ptr"), ("path_readlink", "fd path ptr len ptr"),
        ("path_remove_directory", "fd path"), ("path_rename", "fd path fd path"), ("path_symlink", "path fd path"),
        ("path_unlink_file", "fd path"), ("poll_oneoff", "ptr ptr u32 ptr"), ("proc_exit", "u32"), ("proc_raise", "u32"),
        ("sched_yield", ""), ("sock_accept", "fd u32 ptr"), ("sock_recv", "fd iovs u32 ptr ptr"),
        ("sock_send", "fd iovs u32 ptr"), ("sock_shutdown", "fd u32"),
    ];

    private static readonly (string Name, string Shape)[] PathFunctions = [.. Functions.Where(f => f.Name.StartsWith("path_", StringComparison.Ordinal))];

    private static readonly string[] Paths =
    [
        "file", "sub", "sub/", "sub/inner", "sub/inner/", "new", "new/", "newdir", "link-in", "link-in/", "link-out",
        "link-out/victim.txt", "link-out/x", "link-abs", "link-abs/passwd", "loop", "../sibling/victim.txt", "../sibling",
        "..", ".", "", "/", "/etc/passwd", "sub/../file", "sub/../../sibling/victim.txt", "file/", "./sub/./inner",
        "sub/inner/../../..", "a/b/c", "x\0y", "ro-file", "sibling", "../../", "link-in/../link-out/victim.txt",
    ];

    [Fact]
    public void Every_function_with_random_arguments_answers_an_errno_and_changes_nothing_outside_the_preopens()
    {
        using var root = new TempDirectory();
        var sandbox = Directory.CreateDirectory(root["sandbox"]).FullName;
        var readOnly = Directory.CreateDirectory(root["readonly"]).FullName;
        var sibling = Directory.CreateDirectory(root["sibling"]).FullName;
        File.WriteAllText(Path.Combine(sibling, "victim.txt"), "must not change");
        Directory.CreateDirectory(Path.Combine(sibling, "dir"));
        File.WriteAllText(Path.Combine(sibling, "dir", "nested.txt"), "nor this");
        File.WriteAllText(root["beside.txt"], "nor this");
        File.WriteAllText(Path.Combine(sandbox, "file"), "0123456789");
        Directory.CreateDirectory(Path.Combine(sandbox, "sub", "inner"));
        File.CreateSymbolicLink(Path.Combine(sandbox, "link-in"), "sub");
        File.CreateSymbolicLink(Path.Combine(sandbox, "link-out"), "../sibling");
        File.CreateSymbolicLink(Path.Combine(sandbox, "link-abs"), "/etc");
        File.CreateSymbolicLink(Path.Combine(sandbox, "loop"), "loop");
        File.WriteAllText(Path.Combine(readOnly, "ro-file"), "read only");
        var outsideBefore = Snapshot(root.Path, skip: [sandbox]);

        var random = new Random(Seed);
        var failures = new List<string>();
        var successes = new Dictionary<string, int>();
        var exits = 0;
        for (var done = 0; done < Calls; done += CallsPerStore)
        {
            // A fresh store now and then: fd_close and fd_renumber on the preopens would otherwise starve the path functions.
            using var probe = new WasiProbe(new WasiConfig().WithArgs("fuzz", "arg").WithEnvironment("K", "V")
                .WithPreopenedDirectory(sandbox, "/sandbox").WithPreopenedDirectory(readOnly, "/ro", readOnly: true)
                .WithClock(new ManualWasiClock(1_700_000_000_000_000_000)).WithRandom(new Random(Seed))
                .CaptureStdout().CaptureStderr());
            // Descriptors for the fd_* functions to work on: 5 a file (every right), 6 a directory, 7 a read-only file.
            // Their names are not in the fuzzer's vocabulary, so they survive the previous round's renames and removals.
            if (!File.Exists(Path.Combine(sandbox, "fd-file"))) File.WriteAllText(Path.Combine(sandbox, "fd-file"), "descriptor five");
            Directory.CreateDirectory(Path.Combine(sandbox, "fd-dir"));
            Assert.Equal(WasiProbe.Success, probe.PathOpen(3, "fd-file", out _, rights: WasiProbe.AllRights));
            Assert.Equal(WasiProbe.Success, probe.PathOpen(3, "fd-dir", out _, WasiProbe.OpenDirectory));
            Assert.Equal(WasiProbe.Success, probe.PathOpen(4, "ro-file", out _));
            for (var i = 0; i < CallsPerStore; i++)
            {
                // Half the draws among the path functions: they are where the sandbox and the host meet.
                var (name, shape) = random.Next(2) == 0 ? PathFunctions[random.Next(PathFunctions.Length)] : Functions[random.Next(Functions.Length)];
                var arguments = Arguments(random, probe, shape);
                try
                {
                    var errno = probe.Call(name, arguments);
                    if (errno is < 0 or > MaxErrno) failures.Add($"{name}({string.Join(", ", arguments)}) answered {errno}");
                    if (errno == 0) successes[name] = successes.GetValueOrDefault(name) + 1;
                }
                catch (WasiExitException) when (name == "proc_exit")
                {
                    exits++;
                }
                catch (Exception e)
                {
                    failures.Add($"{name}({string.Join(", ", arguments)}) threw {e.GetType().Name}: {e.Message}");
                }
            }
        }

        output.WriteLine("successful calls: " + string.Join(", ", successes.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}")));
        Assert.True(failures.Count == 0, $"{failures.Count} calls failed, the first ones:\n" + string.Join("\n", failures.Take(20)));
        Assert.True(exits > 0, "proc_exit was never drawn: the function table is not being covered");
        // A fuzzer whose every call ends in EBADF or EINVAL would prove nothing: most functions must have succeeded too.
        Assert.True(successes.Count >= 35, $"only {successes.Count} functions ever succeeded: {string.Join(", ", successes.Keys.Order())}");
        Assert.Equal(outsideBefore, Snapshot(root.Path, skip: [sandbox]));
    }

    [Fact]
    public void The_function_table_covers_every_import_with_the_right_parameter_counts()
    {
        var engine = new Engine();
        var module = Module.FromFile(engine, WasiRun.Fixture("probe.wasm"));
        var imports = module.Imports.Where(i => i.Module == WasiLinkerExtensions.ModuleName).ToDictionary(i => i.Name, i => (FunctionType)i.Type);
        Assert.Equal(imports.Keys.Order(), Functions.Select(f => f.Name).Order());
        foreach (var (name, shape) in Functions)
        {
            var count = shape.Split(' ', StringSplitOptions.RemoveEmptyEntries).Sum(kind => kind is "path" or "iovs" ? 2 : 1);
            Assert.True(imports[name].Parameters.Count == count, $"{name}: {count} in the table, {imports[name].Parameters.Count} in the import");
        }
    }

    private static long[] Arguments(Random random, WasiProbe probe, string shape)
    {
        var arguments = new List<long>();
        var nextPath = 0x1000;
        foreach (var kind in shape.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            switch (kind)
            {
                case "fd":
                    // Mostly the preopens (3, 4) and the descriptors opened above (5 to 7).
                    arguments.Add(random.Next(10) switch { < 4 => 3 + random.Next(2), < 7 => 5 + random.Next(3), < 8 => random.Next(8), < 9 => random.Next(64), _ => RandomU32(random) });
                    break;
                case "flags":
                    // Every flags type of preview 1 fits in five bits; most have four or fewer.
                    arguments.Add(random.Next(20) switch { < 18 => random.Next(16), 18 => random.Next(32), _ => RandomU32(random) });
                    break;
                case "victim":
                    arguments.Add(random.Next(10) == 0 ? random.Next(8) : 5 + random.Next(60));
                    break;
                case "u32":
                    arguments.Add(random.Next(4) switch { 0 => random.Next(16), 1 or 2 => random.Next(1 << 16), _ => RandomU32(random) });
                    break;
                case "u64":
                    arguments.Add(random.Next(3) switch { 0 => random.Next(4096), 1 => random.NextInt64(long.MinValue, long.MaxValue), _ => Pick(random, 0L, -1L, 1L << 62, long.MaxValue, 1_500_000_000_000_000_000) });
                    break;
                case "rights":
                    arguments.Add(random.Next(8) switch { < 2 => WasiProbe.AllRights, < 5 => WasiProbe.ReadRights, 5 => random.NextInt64(WasiProbe.AllRights + 1), 6 => 0, _ => random.NextInt64(long.MinValue, long.MaxValue) });
                    break;
                case "ptr":
                    arguments.Add(Pointer(random));
                    break;
                case "len":
                    arguments.Add(random.Next(5) switch { < 3 => random.Next(257), 3 => random.Next(PageSize + 1), _ => RandomU32(random) });
                    break;
                case "path":
                    var (pointer, length) = PathArgument(random, probe, nextPath);
                    nextPath += 0x400;
                    arguments.Add(pointer);
                    arguments.Add(length);
                    break;
                case "iovs":
                    var count = random.Next(4);
                    var at = 0x3000 + random.Next(16) * 8;
                    for (var i = 0; i < count; i++)
                    {
                        probe.Memory.WriteInt32(at + i * 8, (int)(random.Next(4) == 0 ? RandomU32(random) : 0x8000 + random.Next(0x4000)));
                        probe.Memory.WriteInt32(at + i * 8 + 4, random.Next(4) == 0 ? (int)RandomU32(random) : random.Next(512));
                    }
                    arguments.Add(random.Next(8) == 0 ? Pointer(random) : at);
                    arguments.Add(random.Next(8) == 0 ? RandomU32(random) : count);
                    break;
                default:
                    throw new InvalidOperationException($"unknown argument kind {kind}");
            }
        }
        return [.. arguments];
    }

    private static (long Pointer, long Length) PathArgument(Random random, WasiProbe probe, int at)
    {
        switch (random.Next(10))
        {
            case 0:
                return (Pointer(random), random.Next(64));
            case 1:
                var bytes = new byte[random.Next(1, 24)];
                random.NextBytes(bytes); // invalid UTF-8, NULs, slashes
                bytes.CopyTo(probe.Memory.GetSpan(at, bytes.Length));
                return (at, bytes.Length);
            case 2 or 3 or 4 or 5:
                // A name that most likely does not exist yet, so creating calls get to create.
                return (at, probe.Put(Pick(random, "", "sub/", "link-in/", "../sibling/") + "n" + random.Next(1000) + Pick(random, "", "", "/"), at));
            default:
                var path = Paths[random.Next(Paths.Length)];
                return (at, probe.Put(path, at));
        }
    }

    private static long Pointer(Random random) => random.Next(5) switch
    {
        < 3 => 0x100 + random.Next(0xE000) / 8 * 8,
        3 => PageSize - random.Next(64),
        _ => RandomU32(random),
    };

    private static long RandomU32(Random random) => random.NextInt64(0, 1L << 32);

    private static T Pick<T>(Random random, params T[] values) => values[random.Next(values.Length)];

    /// <summary>Every entry under <paramref name="directory"/> (links not followed): kind, size, time, contents, link text.</summary>
    private static string Snapshot(string directory, string[] skip)
    {
        var lines = new List<string>();
        Walk(new DirectoryInfo(directory));
        lines.Sort(StringComparer.Ordinal);
        return string.Join("\n", lines);

        void Walk(DirectoryInfo current)
        {
            foreach (var entry in current.EnumerateFileSystemInfos())
            {
                if (skip.Contains(entry.FullName)) continue;
                var relative = Path.GetRelativePath(directory, entry.FullName);
                if (entry.LinkTarget is { } target)
                {
                    lines.Add($"{relative} -> {target}");
                }
                else if (entry is DirectoryInfo sub)
                {
                    lines.Add($"{relative}/ {sub.LastWriteTimeUtc:O}");
                    Walk(sub);
                }
                else
                {
                    var file = (FileInfo)entry;
                    var hash = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file.FullName)));
                    lines.Add($"{relative} {file.Length} {file.LastWriteTimeUtc:O} {hash}");
                }
            }
        }
    }
}
