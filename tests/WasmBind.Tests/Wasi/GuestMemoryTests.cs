using WasmBind.Wasi;
using Xunit;
using static WasmBind.Tests.Wasi.WasiProbe;

namespace WasmBind.Tests.Wasi;

/// <summary>
/// Hostile pointers and lengths: whatever a guest passes, a WASI function answers <c>errno::fault</c> — never a host
/// exception, a trap, or a read or write outside its memory.
/// </summary>
public sealed class GuestMemoryTests : IDisposable
{
    private const long End = 65536; // the probe's memory is one page
    private readonly TempDirectory temp = new();
    private readonly WasiProbe probe;

    public GuestMemoryTests()
    {
        File.WriteAllText(temp["file"], "data");
        probe = new WasiProbe(new WasiConfig().WithArgs("prog", "arg").WithEnvironment("K", "V")
            .WithPreopenedDirectory(temp.Path, "/").CaptureStdout());
    }

    public void Dispose()
    {
        probe.Dispose();
        temp.Dispose();
    }

    public static TheoryData<string, long[]> HostileCalls => new()
    {
        { "args_sizes_get", [End - 2, Out] },
        { "args_get", [End - 4, Out] },
        { "args_get", [Out, End - 3] },
        { "environ_get", [0xFFFFFFFF, Out] },
        { "environ_sizes_get", [Out, 0xFFFFFFFC] },
        { "clock_time_get", [0, 0, End - 7] },
        { "clock_res_get", [1, 0xFFFFFFFF] },
        { "random_get", [End - 10, 11] },
        { "random_get", [0xFFFFFFFF, 2] },
        { "fd_write", [1, End - 4, 1, Out] },          // the iovec array itself runs off the end
        { "fd_write", [1, Out2, 0x20000000, Out] },    // an iovec count whose array would wrap in 32 bits
        { "fd_write", [1, Out2, 1, End] },             // the result pointer
        { "fd_read", [0, 0xFFFFFFF8, 1, Out] },
        { "fd_fdstat_get", [1, End - 23] },
        { "fd_filestat_get", [3, End - 1] },
        { "fd_prestat_get", [3, End - 4] },
        { "fd_prestat_dir_name", [3, End, 1] },
        { "fd_readdir", [3, End - 10, 100, 0, Out] },
        { "path_open", [3, 1, End - 2, 4, 0, ReadRights, ReadRights, 0, Out] },
        { "path_open", [3, 1, Scratch, 0xFFFFFFFF, 0, ReadRights, ReadRights, 0, Out] },
        { "path_filestat_get", [3, 1, 0xFFFFFFF0, 0x20, Out] },
        { "path_create_directory", [3, End, 1] },
        { "path_readlink", [3, End - 1, 2, Out, 4, Out] },
        { "path_symlink", [End - 1, 2, 3, Scratch, 1] },
        { "poll_oneoff", [End - 47, Out, 1, Out] },
        { "poll_oneoff", [Scratch, End - 31, 1, Out] },
    };

    [Theory]
    [MemberData(nameof(HostileCalls))]
    public void Out_of_bounds_arguments_are_efault(string function, long[] arguments)
    {
        probe.Memory.WriteInt32(Out2, (int)(End - 2)); // an iovec whose buffer crosses the end, for fd_write
        probe.Memory.WriteInt32(Out2 + 4, 16);
        Assert.Equal(Fault, probe.Call(function, arguments));
    }

    [Fact]
    public void An_iovec_buffer_crossing_the_end_fails_the_whole_write()
    {
        probe.Memory.WriteString(0x800, "good");
        probe.Memory.WriteInt32(Out2, 0x800);
        probe.Memory.WriteInt32(Out2 + 4, 4);
        probe.Memory.WriteInt32(Out2 + 8, (int)(End - 2));
        probe.Memory.WriteInt32(Out2 + 12, 16);
        Assert.Equal(Fault, probe.Call("fd_write", 1, Out2, 2, Out));
        Assert.Equal("", probe.Context!.GetStdoutText()); // nothing was written before the bad entry was found
    }

    [Fact]
    public void Out_of_bounds_results_of_file_operations_are_efault()
    {
        Assert.Equal(Success, probe.PathOpen(3, "file", out var fd));
        Assert.Equal(Fault, probe.Call("fd_seek", fd, 0, 0, End - 4));
        Assert.Equal(Fault, probe.Call("fd_tell", fd, End));
        Assert.Equal(Fault, probe.Call("fd_filestat_get", fd, End - 63));
        probe.Memory.WriteInt32(Out2, 0x800);
        probe.Memory.WriteInt32(Out2 + 4, 4);
        Assert.Equal(Fault, probe.Call("fd_pread", fd, Out2, 1, 0, End - 3));
        Assert.Equal(Fault, probe.Call("fd_read", fd, Out2, 1, End - 3));
        Assert.Equal(Success, probe.Call("fd_read", fd, Out2, 1, Out));
        Assert.Equal("data", probe.Memory.ReadString(0x800, 4)); // the failed reads did not move the offset
    }

    [Fact]
    public void A_failed_open_leaves_no_descriptor_behind()
    {
        Assert.Equal(Fault, probe.Call("path_open", 3, 1, Scratch, probe.Put("file"), 0, ReadRights, ReadRights, 0, End - 2));
        // The next descriptor number is still the first free one: nothing was opened and leaked.
        Assert.Equal(Success, probe.PathOpen(3, "file", out var fd));
        Assert.Equal(4, fd);
    }

    [Fact]
    public void Writes_that_end_exactly_at_the_end_of_memory_succeed()
    {
        Assert.Equal(Success, probe.Call("clock_time_get", 0, 0, End - 8));
        Assert.Equal(Success, probe.Call("random_get", End - 10, 10));
        Assert.Equal(Success, probe.Call("random_get", End, 0));
    }
}
