using System.Text;
using WasmBind.Wasi;
using Xunit;
using static WasmBind.Tests.Wasi.WasiProbe;

namespace WasmBind.Tests.Wasi;

/// <summary>Individual WASI functions, called directly: results, layouts and errno values as the witx specifies them.</summary>
public sealed class WasiFunctionTests : IDisposable
{
    private const int Root = 3;
    private readonly TempDirectory temp = new();

    public WasiFunctionTests()
    {
        Directory.CreateDirectory(temp["sub"]);
        File.WriteAllText(temp["file"], "0123456789");
    }

    public void Dispose() => temp.Dispose();

    private WasiProbe Probe(Func<WasiConfig, WasiConfig>? configure = null) =>
        new((configure ?? (c => c))(new WasiConfig().WithPreopenedDirectory(temp.Path, "/").CaptureStdout().CaptureStderr()));

    [Fact]
    public void Args_and_environment_are_packed_nul_terminated()
    {
        using var probe = Probe(c => c.WithArgs("prog", "a b", "ü").WithEnvironment("K", "V").WithEnvironment("E", "").WithEnvironment("K", "W"));
        Assert.Equal(Success, probe.Call("args_sizes_get", Out, Out + 4));
        Assert.Equal((3, 12), (probe.Memory.ReadInt32(Out), probe.Memory.ReadInt32(Out + 4)));
        Assert.Equal(Success, probe.Call("args_get", Out2, Scratch));
        Assert.Equal(Scratch, probe.Memory.ReadInt32(Out2));
        Assert.Equal(Scratch + 5, probe.Memory.ReadInt32(Out2 + 4));
        Assert.Equal("prog\0a b\0ü\0", Encoding.UTF8.GetString(probe.Memory.GetSpan(Scratch, 12)));

        Assert.Equal(Success, probe.Call("environ_sizes_get", Out, Out + 4));
        Assert.Equal((2, 7), (probe.Memory.ReadInt32(Out), probe.Memory.ReadInt32(Out + 4)));
        Assert.Equal(Success, probe.Call("environ_get", Out2, Scratch));
        Assert.Equal("K=W", probe.Memory.ReadNullTerminatedString(probe.Memory.ReadInt32(Out2)));
        Assert.Equal("E=", probe.Memory.ReadNullTerminatedString(probe.Memory.ReadInt32(Out2 + 4)));
    }

    [Fact]
    public void Clocks_come_from_the_configured_clock()
    {
        var clock = new ManualWasiClock(1_000_000_000) { Resolution = 10 };
        using var probe = Probe(c => c.WithClock(clock));
        Assert.Equal(Success, probe.Call("clock_time_get", 1, 0, Out));
        Assert.Equal(1_000_000_000, probe.Memory.ReadInt64(Out));
        Assert.Equal(Success, probe.Call("clock_res_get", 0, Out));
        Assert.Equal(10, probe.Memory.ReadInt64(Out));
        Assert.Equal(Inval, probe.Call("clock_time_get", 4, 0, Out));
        Assert.Equal(Inval, probe.Call("clock_res_get", 99, Out));
    }

    [Fact]
    public void The_system_clock_supports_realtime_monotonic_and_process_time()
    {
        using var probe = Probe();
        for (var id = 0; id < 3; id++)
        {
            Assert.Equal(Success, probe.Call("clock_res_get", id, Out));
            Assert.True(probe.Memory.ReadInt64(Out) > 0);
            Assert.Equal(Success, probe.Call("clock_time_get", id, 0, Out));
        }
        Assert.Equal(Success, probe.Call("clock_time_get", 0, 0, Out));
        var realtime = DateTime.UnixEpoch.AddTicks(probe.Memory.ReadInt64(Out) / 100);
        Assert.InRange(realtime, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddMinutes(1));
    }

    [Fact]
    public void Poll_sleeps_on_the_clock_until_the_earliest_subscription()
    {
        var clock = new ManualWasiClock(0);
        using var probe = Probe(c => c.WithClock(clock));
        WriteClockSubscription(probe, 0, userdata: 7, timeout: 5_000_000_000);
        WriteClockSubscription(probe, 1, userdata: 8, timeout: 2_000_000_000);
        WriteClockSubscription(probe, 2, userdata: 9, timeout: 2_000_000_000);
        Assert.Equal(Success, probe.Call("poll_oneoff", Scratch, 0x6000, 3, Out));
        Assert.Equal(2, probe.OutU32);
        Assert.Equal(2_000_000_000UL, clock.Now);
        Assert.Equal(8, probe.Memory.ReadInt64(0x6000));
        Assert.Equal(9, probe.Memory.ReadInt64(0x6000 + 32));
        Assert.Equal(0, probe.Memory.ReadInt16(0x6000 + 8)); // error
        Assert.Equal(0, probe.Memory.ReadByte(0x6000 + 10)); // eventtype::clock
        Assert.Equal(Inval, probe.Call("poll_oneoff", Scratch, 0x6000, 0, Out));
    }

    [Fact]
    public void Poll_reports_files_and_stdio_ready_at_once_and_bad_descriptors_per_event()
    {
        var clock = new ManualWasiClock(0);
        using var probe = Probe(c => c.WithClock(clock));
        Assert.Equal(Success, probe.PathOpen(Root, "file", out var fd));
        WriteClockSubscription(probe, 0, userdata: 1, timeout: 1_000_000_000);
        WriteFdSubscription(probe, 1, userdata: 2, type: 1, fd);   // fd_read on the file
        WriteFdSubscription(probe, 2, userdata: 3, type: 2, 1);    // fd_write on stdout
        WriteFdSubscription(probe, 3, userdata: 4, type: 1, 77);   // fd_read on nothing
        Assert.Equal(Success, probe.Call("poll_oneoff", Scratch, 0x6000, 4, Out));
        Assert.Equal(3, probe.OutU32);
        Assert.Equal(0UL, clock.Now); // nothing slept
        Assert.Equal((2L, 0, 1, 10L), Event(probe, 0)); // 10 bytes left to read
        Assert.Equal((3L, 0, 2, 0L), Event(probe, 1));
        Assert.Equal((4L, Badf, 1, 0L), Event(probe, 2));
    }

    private static void WriteClockSubscription(WasiProbe probe, int index, long userdata, long timeout)
    {
        var at = Scratch + index * 48;
        probe.Memory.GetSpan(at, 48).Clear();
        probe.Memory.WriteInt64(at, userdata);
        probe.Memory.WriteByte(at + 8, 0);
        probe.Memory.WriteInt32(at + 16, 1); // monotonic
        probe.Memory.WriteInt64(at + 24, timeout);
    }

    private static void WriteFdSubscription(WasiProbe probe, int index, long userdata, byte type, int fd)
    {
        var at = Scratch + index * 48;
        probe.Memory.GetSpan(at, 48).Clear();
        probe.Memory.WriteInt64(at, userdata);
        probe.Memory.WriteByte(at + 8, type);
        probe.Memory.WriteInt32(at + 16, fd);
    }

    private static (long, int, int, long) Event(WasiProbe probe, int index)
    {
        var at = 0x6000 + index * 32;
        return (probe.Memory.ReadInt64(at), probe.Memory.ReadInt16(at + 8), probe.Memory.ReadByte(at + 10), probe.Memory.ReadInt64(at + 16));
    }

    [Fact]
    public void Random_comes_from_the_configured_source()
    {
        using var first = Probe(c => c.WithRandom(new Random(42)));
        using var second = Probe(c => c.WithRandom(new Random(42)));
        Assert.Equal(Success, first.Call("random_get", Scratch, 32));
        Assert.Equal(Success, second.Call("random_get", Scratch, 32));
        Assert.Equal(first.Memory.GetSpan(Scratch, 32).ToArray(), second.Memory.GetSpan(Scratch, 32).ToArray());
        Assert.Contains(first.Memory.GetSpan(Scratch, 32).ToArray(), b => b != 0);
    }

    [Fact]
    public void Proc_exit_is_a_typed_exit_not_a_trap()
    {
        using var probe = Probe();
        var exit = Assert.Throws<WasiExitException>(() => probe.Call("proc_exit", 42));
        Assert.Equal(42, exit.ExitCode);
        Assert.Equal(42, probe.Context!.ExitCode);
        Assert.Equal(Success, probe.Call("sched_yield")); // the store is still usable
        Assert.Equal(Nosys, probe.Call("proc_raise", 6));
    }

    [Theory]
    [InlineData("sock_accept", new long[] { 0, Out })]
    [InlineData("sock_recv", new long[] { Out2, 1, 0, Out, Out + 4 })]
    [InlineData("sock_send", new long[] { Out2, 1, 0, Out })]
    [InlineData("sock_shutdown", new long[] { 3 })]
    public void Sockets_are_enotsock_on_open_descriptors_and_ebadf_on_closed_ones(string function, long[] rest)
    {
        using var probe = Probe();
        Assert.Equal(Notsock, probe.Call(function, [1, .. rest]));
        Assert.Equal(Notsock, probe.Call(function, [Root, .. rest]));
        Assert.Equal(Badf, probe.Call(function, [99, .. rest]));
    }

    [Fact]
    public void Stdio_writes_reach_the_configured_streams_and_stdin_reads_its_bytes()
    {
        using var probe = Probe(c => c.WithStdinText("typed input"));
        Assert.Equal(Success, probe.Write(1, "to stdout"));
        Assert.Equal(9, probe.OutU32);
        Assert.Equal(Success, probe.Write(2, "to stderr"));
        Assert.Equal("typed input", probe.Read(0, out var errno));
        Assert.Equal("", probe.Read(0, out _)); // end of input
        Assert.Equal(Badf, probe.Write(0, "x"));
        probe.Read(1, out errno);
        Assert.Equal(Badf, errno);
        Assert.Equal(Spipe, probe.Call("fd_seek", 1, 0, 0, Out));
        Assert.Equal("to stdout", probe.Context!.GetStdoutText());
        Assert.Equal("to stderr", probe.Context.GetStderrText());
    }

    [Fact]
    public void Stdio_reports_its_type_and_rights()
    {
        using var probe = Probe();
        Assert.Equal(Success, probe.Call("fd_fdstat_get", 1, Out));
        Assert.Equal(0, probe.Memory.ReadByte(Out)); // an anonymous stream, not a terminal
        var rights = probe.Memory.ReadInt64(Out + 8);
        Assert.NotEqual(0, rights & (1L << 6)); // fd_write
        Assert.Equal(0, rights & (1L << 2));    // no fd_seek
    }

    [Fact]
    public void Seek_tell_pread_and_pwrite_follow_posix()
    {
        using var probe = Probe();
        Assert.Equal(Success, probe.PathOpen(Root, "file", out var fd, rights: ReadRights | WriteRights));
        Assert.Equal(Success, probe.Call("fd_seek", fd, -3, 2, Out));   // SEEK_END
        Assert.Equal(7, probe.Memory.ReadInt64(Out));
        Assert.Equal("789", probe.Read(fd, out _));
        Assert.Equal(Success, probe.Call("fd_tell", fd, Out));
        Assert.Equal(10, probe.Memory.ReadInt64(Out));
        Assert.Equal(Inval, probe.Call("fd_seek", fd, -11, 1, Out));
        Assert.Equal(Inval, probe.Call("fd_seek", fd, 0, 3, Out));

        // pwrite at an offset leaves the file offset alone; pread reads at its own offset.
        var length = probe.Put("AB", 0x8000);
        probe.Memory.WriteInt32(Out2, 0x8000);
        probe.Memory.WriteInt32(Out2 + 4, length);
        Assert.Equal(Success, probe.Call("fd_pwrite", fd, Out2, 1, 2, Out));
        Assert.Equal(Success, probe.Call("fd_tell", fd, Out));
        Assert.Equal(10, probe.Memory.ReadInt64(Out));
        probe.Memory.WriteInt32(Out2 + 4, 4);
        Assert.Equal(Success, probe.Call("fd_pread", fd, Out2, 1, 1, Out));
        Assert.Equal("1AB4", Encoding.UTF8.GetString(probe.Memory.GetSpan(0x8000, 4)));
        Assert.Equal(Spipe, probe.Call("fd_pread", 0, Out2, 1, 0, Out));
    }

    [Fact]
    public void Append_mode_writes_at_the_end()
    {
        using var probe = Probe();
        Assert.Equal(Success, probe.PathOpen(Root, "file", out var fd, rights: WriteRights, fdflags: 1));
        Assert.Equal(Success, probe.Write(fd, "!"));
        Assert.Equal(Success, probe.Call("fd_fdstat_set_flags", fd, 0));
        Assert.Equal(Success, probe.Call("fd_seek", fd, 0, 0, Out));
        Assert.Equal(Success, probe.Write(fd, "#"));
        Assert.Equal(Inval, probe.Call("fd_fdstat_set_flags", fd, 0x20));
        probe.Context!.Dispose();
        Assert.Equal("#123456789!", File.ReadAllText(temp["file"]));
    }

    [Fact]
    public void Create_exclusive_truncate_and_write_only_opens()
    {
        using var probe = Probe();
        Assert.Equal(Success, probe.PathOpen(Root, "new", out var fd, oflags: Creat | Excl, rights: WriteRights));
        Assert.Equal(Success, probe.Write(fd, "hello"));
        probe.Read(fd, out var errno);
        Assert.Equal(Badf, errno); // opened for writing only
        Assert.Equal(Exist, probe.PathOpen(Root, "new", out _, oflags: Creat | Excl));
        Assert.Equal(Success, probe.PathOpen(Root, "file", out _, oflags: Trunc, rights: WriteRights));
        Assert.Equal(Noent, probe.PathOpen(Root, "missing", out _));
        Assert.Equal(Notdir, probe.PathOpen(Root, "file", out _, oflags: OpenDirectory));
        Assert.Equal(Notdir, probe.PathOpen(Root, "file/", out _));
        Assert.Equal(Isdir, probe.PathOpen(Root, "sub", out _, rights: WriteRights));
        Assert.Equal(Notdir, probe.PathOpen(fd, "x", out _)); // a file is not a directory descriptor
        probe.Context!.Dispose();
        Assert.Equal("hello", File.ReadAllText(temp["new"]));
        Assert.Equal("", File.ReadAllText(temp["file"]));
    }

    [Fact]
    public void Rights_can_be_dropped_but_not_regained()
    {
        using var probe = Probe();
        Assert.Equal(Success, probe.PathOpen(Root, "file", out var fd));
        Assert.Equal(Success, probe.Call("fd_fdstat_set_rights", fd, 1L << 5, 0)); // keep only fd_tell
        probe.Read(fd, out var errno);
        Assert.Equal(Notcapable, errno);
        Assert.Equal(Success, probe.Call("fd_tell", fd, Out));
        Assert.Equal(Notcapable, probe.Call("fd_seek", fd, 1, 0, Out));
        Assert.Equal(Notcapable, probe.Call("fd_fdstat_set_rights", fd, ReadRights, 0));
    }

    [Fact]
    public void Prestat_names_the_preopens_and_stops_with_ebadf()
    {
        using var probe = new WasiProbe(new WasiConfig().WithPreopenedDirectory(temp.Path, "/").WithPreopenedDirectory(temp["sub"], "/data"));
        Assert.Equal(Success, probe.Call("fd_prestat_get", 4, Out));
        Assert.Equal((0, 5), (probe.Memory.ReadByte(Out), probe.Memory.ReadInt32(Out + 4)));
        Assert.Equal(Success, probe.Call("fd_prestat_dir_name", 4, Scratch, 5));
        Assert.Equal("/data", probe.Memory.ReadString(Scratch, 5));
        Assert.Equal(37, probe.Call("fd_prestat_dir_name", 4, Scratch, 4)); // nametoolong
        Assert.Equal(Badf, probe.Call("fd_prestat_get", 5, Out));
        Assert.Equal(Badf, probe.Call("fd_prestat_get", 1, Out));
    }

    [Fact]
    public void Readdir_lists_dot_entries_then_names_with_matching_inodes()
    {
        File.WriteAllText(temp["sub/b"], "");
        File.WriteAllText(temp["sub/a"], "");
        using var probe = Probe();
        Assert.Equal(Success, probe.PathOpen(Root, "sub", out var fd, oflags: OpenDirectory));
        Assert.Equal(Success, probe.Call("fd_readdir", fd, 0x6000, 1024, 0, Out));
        var used = probe.OutU32;
        var names = new List<string>();
        var inodes = new Dictionary<string, long>();
        for (var at = 0x6000; at < 0x6000 + used;)
        {
            var length = probe.Memory.ReadInt32(at + 16);
            var name = probe.Memory.ReadString(at + 24, length);
            names.Add(name);
            inodes[name] = probe.Memory.ReadInt64(at + 8);
            at += 24 + length;
        }
        Assert.Equal([".", "..", "a", "b"], names);
        Assert.Equal(Success, probe.FilestatGet(fd, "a"));
        Assert.Equal(inodes["a"], probe.Memory.ReadInt64(Out + 8));
        Assert.NotEqual(inodes["a"], inodes["b"]);

        // A small buffer is filled and the last entry cut short; resuming from a cookie continues the same listing.
        Assert.Equal(Success, probe.Call("fd_readdir", fd, 0x6000, 30, 2, Out));
        Assert.Equal(30, probe.OutU32);
        Assert.Equal(3, probe.Memory.ReadInt64(0x6000)); // d_next
        Assert.Equal(Success, probe.Call("fd_readdir", fd, 0x6000, 1024, 4, Out));
        Assert.Equal(0, probe.OutU32);
        Assert.Equal(Notdir, probe.Call("fd_readdir", 1, 0x6000, 1024, 0, Out));
    }

    [Fact]
    public void Filestat_reports_type_size_and_settable_times()
    {
        using var probe = Probe(c => c.WithClock(new ManualWasiClock(1_600_000_000_000_000_000)));
        Assert.Equal(Success, probe.FilestatGet(Root, "file"));
        Assert.Equal((4, 10L), (probe.OutFiletype, probe.Memory.ReadInt64(Out + 32)));
        Assert.Equal(Success, probe.FilestatGet(Root, "sub"));
        Assert.Equal(3, probe.OutFiletype);
        var length = probe.Put("file");
        Assert.Equal(Success, probe.Call("path_filestat_set_times", Root, Follow, Scratch, length, 0, 1_500_000_000_000_000_000, 4 | 2));
        Assert.Equal(new DateTime(2017, 7, 14, 2, 40, 0, DateTimeKind.Utc), File.GetLastWriteTimeUtc(temp["file"]));
        Assert.Equal(DateTime.UnixEpoch.AddSeconds(1_600_000_000), File.GetLastAccessTimeUtc(temp["file"]));
        Assert.Equal(Inval, probe.Call("path_filestat_set_times", Root, Follow, Scratch, length, 0, 0, 4 | 8));

        Assert.Equal(Success, probe.PathOpen(Root, "file", out var fd, rights: ReadRights | WriteRights));
        Assert.Equal(Success, probe.Call("fd_filestat_set_size", fd, 3));
        Assert.Equal(Success, probe.Call("fd_filestat_get", fd, Out));
        Assert.Equal((4, 3L), (probe.OutFiletype, probe.Memory.ReadInt64(Out + 32)));
        Assert.Equal(Success, probe.Call("fd_allocate", fd, 0, 8));
        Assert.Equal(8, new FileInfo(temp["file"]).Length);
        Assert.Equal(Success, probe.Call("fd_advise", fd, 0, 0, 2));
        Assert.Equal(Inval, probe.Call("fd_advise", fd, 0, 0, 6));
        Assert.Equal(Success, probe.Call("fd_sync", fd));
        Assert.Equal(Success, probe.Call("fd_datasync", fd));
    }

    [Fact]
    public void Directory_changes_follow_posix_errors()
    {
        using var probe = Probe();
        Assert.Equal(Success, probe.PathCall("path_create_directory", Root, "made"));
        Assert.Equal(Exist, probe.PathCall("path_create_directory", Root, "made"));
        Assert.Equal(Noent, probe.PathCall("path_create_directory", Root, "no/such"));
        File.WriteAllText(temp["made/x"], "");
        Assert.Equal(Notempty, probe.PathCall("path_remove_directory", Root, "made"));
        Assert.Equal(Isdir, probe.PathCall("path_unlink_file", Root, "made"));
        Assert.Equal(Notdir, probe.PathCall("path_remove_directory", Root, "file"));
        Assert.Equal(Notdir, probe.PathCall("path_unlink_file", Root, "file/"));
        Assert.Equal(Noent, probe.PathCall("path_unlink_file", Root, "missing"));
        Assert.Equal(Success, probe.PathCall("path_unlink_file", Root, "made/x"));
        Assert.Equal(Success, probe.PathCall("path_remove_directory", Root, "made"));
        Assert.False(Directory.Exists(temp["made"]));
    }

    [Fact]
    public void Rename_replaces_files_and_empty_directories_only()
    {
        using var probe = Probe();
        File.WriteAllText(temp["other"], "other");
        Directory.CreateDirectory(temp["full"]);
        File.WriteAllText(temp["full/x"], "");
        Assert.Equal(Success, probe.FilestatGet(Root, "file"));
        var inode = probe.Memory.ReadInt64(Out + 8);
        Assert.Equal(Success, probe.Rename(Root, "file", Root, "other"));
        Assert.Equal("0123456789", File.ReadAllText(temp["other"]));
        Assert.Equal(Success, probe.FilestatGet(Root, "other"));
        Assert.Equal(inode, probe.Memory.ReadInt64(Out + 8)); // the file keeps its inode number
        Assert.Equal(Isdir, probe.Rename(Root, "other", Root, "sub"));
        Assert.Equal(Notdir, probe.Rename(Root, "sub", Root, "other"));
        Assert.Equal(Notempty, probe.Rename(Root, "sub", Root, "full"));
        Assert.Equal(Inval, probe.Rename(Root, "sub", Root, "sub/inside"));
        Assert.Equal(Success, probe.Rename(Root, "full", Root, "sub")); // sub is empty: replaced
        Assert.True(File.Exists(temp["sub/x"]));
        Assert.Equal(Noent, probe.Rename(Root, "missing", Root, "x"));
    }

    [Fact]
    public void Symlinks_can_be_made_read_and_statted()
    {
        using var probe = Probe();
        Assert.Equal(Success, probe.Symlink("file", Root, "link"));
        Assert.Equal(Exist, probe.Symlink("file", Root, "link"));
        var length = probe.Put("link");
        Assert.Equal(Success, probe.Call("path_readlink", Root, Scratch, length, 0x6000, 2, Out));
        Assert.Equal((2, "fi"), (probe.OutU32, probe.Memory.ReadString(0x6000, 2))); // truncated to the buffer
        Assert.Equal(Inval, probe.Call("path_readlink", Root, Scratch, probe.Put("file"), 0x6000, 64, Out));
        Assert.Equal(Success, probe.FilestatGet(Root, "link", lookup: 0));
        Assert.Equal((7, 4L), (probe.OutFiletype, probe.Memory.ReadInt64(Out + 32)));
        Assert.Equal(Success, probe.PathCall("path_unlink_file", Root, "link"));
        Assert.True(File.Exists(temp["file"]));

        // A link to a directory is renamed and unlinked as a link, never through to the directory.
        Assert.Equal(Success, probe.Symlink("sub", Root, "dirlink"));
        Assert.Equal(Success, probe.Rename(Root, "dirlink", Root, "dirlink2"));
        Assert.Equal(Notdir, probe.PathCall("path_remove_directory", Root, "dirlink2"));
        Assert.Equal(Success, probe.PathCall("path_unlink_file", Root, "dirlink2"));
        Assert.True(Directory.Exists(temp["sub"]));
        Assert.False(File.Exists(temp["dirlink2"]) || Directory.Exists(temp["dirlink2"]));
    }

    [Fact]
    public void Close_and_renumber_manage_the_table()
    {
        using var probe = Probe();
        Assert.Equal(Success, probe.PathOpen(Root, "file", out var first));
        Assert.Equal(Success, probe.PathOpen(Root, "file", out var second));
        Assert.Equal((4, 5), (first, second));
        Assert.Equal(Badf, probe.Call("fd_renumber", first, 9));
        Assert.Equal(Success, probe.Call("fd_renumber", second, first));
        Assert.Equal(Badf, probe.Call("fd_close", second));
        Assert.Equal(Success, probe.Call("fd_close", first));
        Assert.Equal(Badf, probe.Call("fd_close", first));
        Assert.Equal(Badf, probe.Call("fd_fdstat_get", 1000, Out));
    }

    [Fact]
    public void One_linker_serves_stores_with_separate_contexts()
    {
        var engine = new Engine();
        var module = Module.FromFile(engine, WasiRun.Fixture("hello.wasm"));
        var linker = new Linker(engine).AddWasi(new WasiConfig().CaptureStdout());
        var first = new Store(engine);
        var second = new Store(engine);
        var custom = WasiContext.Attach(second, new WasiConfig().CaptureStdout().WithArgs("custom"));
        Assert.Equal(0, WasiCommand.Run(linker.Instantiate(first, module)));
        Assert.Equal(0, WasiCommand.Run(linker.Instantiate(second, module)));
        Assert.Equal(0, WasiCommand.Run(linker.Instantiate(first, module)));
        Assert.Equal("Hello, WASI!\nHello, WASI!\n", WasiContext.Find(first)!.GetStdoutText());
        Assert.Same(custom, WasiContext.Find(second));
        Assert.Equal("Hello, WASI!\n", custom.GetStdoutText());
        Assert.Throws<InvalidOperationException>(() => WasiContext.Attach(second, new WasiConfig()));
    }

    [Fact]
    public void Without_a_config_or_attached_context_a_wasi_call_traps()
    {
        var engine = new Engine();
        var module = Module.FromFile(engine, WasiRun.Fixture("hello.wasm"));
        var store = new Store(engine);
        var trap = Assert.Throws<TrapException>(() => WasiCommand.Run(new Linker(engine).AddWasi().Instantiate(store, module)));
        Assert.Contains("Attach", trap.Message);
    }
}
