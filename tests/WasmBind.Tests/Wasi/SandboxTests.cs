using WasmBind.Wasi;
using Xunit;
using static WasmBind.Tests.Wasi.WasiProbe;

namespace WasmBind.Tests.Wasi;

/// <summary>
/// Every way out of a preopened directory a guest might try — <c>..</c>, absolute paths, symbolic links leading out
/// directly, through a chain or through a directory component, links the guest makes itself, a directory swapped for a
/// link after it was opened, read-only preopens — must fail with the right errno and leave the outside untouched.
/// </summary>
/// <remarks>Layout: tmp/root (preopened as "/", fd 3) holds file and sub/inner; tmp/outside/secret must stay out of reach.</remarks>
public sealed class SandboxTests : IDisposable
{
    private const int Root = 3;
    private readonly TempDirectory temp = new();
    private readonly WasiProbe probe;

    public SandboxTests()
    {
        Directory.CreateDirectory(temp["root/sub"]);
        Directory.CreateDirectory(temp["outside"]);
        File.WriteAllText(temp["root/file"], "inside");
        File.WriteAllText(temp["root/sub/inner"], "inner");
        File.WriteAllText(temp["outside/secret"], "secret");
        probe = new WasiProbe(new WasiConfig().WithPreopenedDirectory(temp["root"], "/"));
    }

    public void Dispose()
    {
        probe.Dispose();
        temp.Dispose();
    }

    private string? ReadThrough(string path, out int errno)
    {
        errno = probe.PathOpen(Root, path, out var fd);
        return errno == Success ? probe.Read(fd, out errno) : null;
    }

    [Theory]
    [InlineData("file", "inside")]
    [InlineData("./file", "inside")]
    [InlineData("sub/../file", "inside")]
    [InlineData("sub/./inner", "inner")]
    [InlineData("sub//inner", "inner")]
    public void Paths_inside_the_preopen_resolve(string path, string contents)
    {
        Assert.Equal(contents, ReadThrough(path, out var errno));
        Assert.Equal(Success, errno);
    }

    [Theory]
    [InlineData("..")]
    [InlineData("../outside/secret")]
    [InlineData("sub/../../outside/secret")]
    [InlineData("sub/../../root/file")] // leaves and comes back in: still refused, the walk never leaves
    [InlineData("/etc/passwd")]
    [InlineData("/file")]
    public void Dotdot_and_absolute_paths_are_not_capable(string path)
    {
        Assert.Null(ReadThrough(path, out var errno));
        Assert.Equal(Notcapable, errno);
    }

    [Fact]
    public void A_symlink_with_an_absolute_target_is_not_followed()
    {
        File.CreateSymbolicLink(temp["root/abs"], temp["outside/secret"]);
        Assert.Null(ReadThrough("abs", out var errno));
        Assert.Equal(Notcapable, errno);
        Assert.Equal(Notcapable, probe.FilestatGet(Root, "abs"));
        // Not following it is fine: the guest sees a link, not what it points at.
        Assert.Equal(Success, probe.FilestatGet(Root, "abs", lookup: 0));
        Assert.Equal(7, probe.OutFiletype);
    }

    [Fact]
    public void A_relative_symlink_climbing_out_is_not_followed()
    {
        File.CreateSymbolicLink(temp["root/rel"], "../outside/secret");
        Assert.Null(ReadThrough("rel", out var errno));
        Assert.Equal(Notcapable, errno);
    }

    [Fact]
    public void A_chain_of_symlinks_leading_out_is_not_followed()
    {
        Directory.CreateDirectory(temp["root/sub/deeper"]);
        File.CreateSymbolicLink(temp["root/a"], "sub/b");
        File.CreateSymbolicLink(temp["root/sub/b"], "deeper/c");
        File.CreateSymbolicLink(temp["root/sub/deeper/c"], "../../../outside/secret");
        Assert.Null(ReadThrough("a", out var errno));
        Assert.Equal(Notcapable, errno);
    }

    [Fact]
    public void A_chain_of_symlinks_staying_inside_is_followed()
    {
        File.CreateSymbolicLink(temp["root/a"], "sub/b");
        File.CreateSymbolicLink(temp["root/sub/b"], "../sub/./inner");
        Assert.Equal("inner", ReadThrough("a", out var errno));
        Assert.Equal(Success, errno);
    }

    [Fact]
    public void A_symlinked_directory_leading_out_cannot_be_walked_through()
    {
        Directory.CreateSymbolicLink(temp["root/door"], temp["outside"]);
        Assert.Null(ReadThrough("door/secret", out var errno));
        Assert.Equal(Notcapable, errno);
        Assert.Equal(Notcapable, probe.PathCall("path_create_directory", Root, "door/made"));
        Assert.False(Directory.Exists(temp["outside/made"]));
    }

    [Fact]
    public void Symlink_loops_are_eloop()
    {
        File.CreateSymbolicLink(temp["root/loop1"], "loop2");
        File.CreateSymbolicLink(temp["root/loop2"], "loop1");
        File.CreateSymbolicLink(temp["root/self"], "self");
        Assert.Null(ReadThrough("loop1", out var errno));
        Assert.Equal(Loop, errno);
        Assert.Equal(Loop, probe.FilestatGet(Root, "self"));
    }

    [Fact]
    public void Forty_links_are_followed_and_forty_one_are_eloop()
    {
        // link0 -> link1 -> ... -> link40 -> file: opening link1 expands 40 links, link0 41.
        File.CreateSymbolicLink(temp["root/link40"], "file");
        for (var i = 39; i >= 0; i--) File.CreateSymbolicLink(temp[$"root/link{i}"], $"link{i + 1}");
        Assert.Equal("inside", ReadThrough("link1", out var errno));
        Assert.Equal(Success, errno);
        Assert.Null(ReadThrough("link0", out errno));
        Assert.Equal(Loop, errno);
    }

    [Fact]
    public void Opening_a_final_symlink_without_follow_is_eloop()
    {
        File.CreateSymbolicLink(temp["root/good"], "file");
        Assert.Equal(Loop, probe.PathOpen(Root, "good", out _, lookup: 0));
        Assert.Equal(Success, probe.PathOpen(Root, "good", out _));
    }

    [Fact]
    public void A_directory_descriptor_cannot_climb_above_the_preopen()
    {
        Assert.Equal(Success, probe.PathOpen(Root, "sub", out var sub, oflags: OpenDirectory));
        Assert.Equal(Success, probe.PathOpen(sub, "../file", out _));
        Assert.Equal(Notcapable, probe.PathOpen(sub, "../../outside/secret", out _));
    }

    [Fact]
    public void A_directory_swapped_for_an_escaping_symlink_after_opening_is_refused()
    {
        // The race: the guest holds a directory descriptor, then (another process, or another store sharing the
        // directory) replaces that directory with a link to the outside. Paths are resolved again from the preopen root.
        Assert.Equal(Success, probe.PathOpen(Root, "sub", out var sub, oflags: OpenDirectory));
        Directory.Move(temp["root/sub"], temp["root/moved"]);
        Directory.CreateSymbolicLink(temp["root/sub"], temp["outside"]);
        Assert.Equal(Notcapable, probe.PathOpen(sub, "secret", out _));
        Assert.Equal(Notcapable, probe.PathCall("path_unlink_file", sub, "secret"));
        Assert.Equal(Notcapable, probe.Call("fd_readdir", sub, 0x6000, 1024, 0, Out));
        Assert.Equal(Notcapable, probe.Call("fd_filestat_get", sub, Out));
        Assert.True(File.Exists(temp["outside/secret"]));
    }

    [Fact]
    public void The_guest_cannot_create_symlinks_leading_out()
    {
        Assert.Equal(Notcapable, probe.Symlink("/etc/passwd", Root, "abs"));
        Assert.Equal(Notcapable, probe.Symlink("../outside/secret", Root, "rel"));
        Assert.Equal(Notcapable, probe.Symlink("../../outside", Root, "sub/rel"));
        Assert.False(File.Exists(temp["root/abs"]) || File.Exists(temp["root/rel"]) || File.Exists(temp["root/sub/rel"]));
        // Links that stay inside are fine, including ones climbing from a subdirectory.
        Assert.Equal(Success, probe.Symlink("../file", Root, "sub/up"));
        Assert.Equal("inside", ReadThrough("sub/up", out _));
    }

    [Fact]
    public void Hard_links_cannot_reach_out()
    {
        File.CreateSymbolicLink(temp["root/abs"], temp["outside/secret"]);
        // Following the link: resolution refuses it. Not following: it would copy an escaping link elsewhere.
        Assert.Equal(Notcapable, probe.Link(Root, "abs", Root, "copy", lookup: Follow));
        Assert.Equal(Notcapable, probe.Link(Root, "abs", Root, "sub/copy", lookup: 0));
        Assert.Equal(Notcapable, probe.Link(Root, "../outside/secret", Root, "copy"));
        Assert.Equal(Notcapable, probe.Link(Root, "file", Root, "../outside/link"));
        Assert.False(File.Exists(temp["outside/link"]));
        Assert.Equal(Success, probe.Link(Root, "file", Root, "sub/hard"));
        Assert.Equal("inside", File.ReadAllText(temp["root/sub/hard"]));
    }

    [Fact]
    public void Rename_cannot_move_files_in_or_out()
    {
        Assert.Equal(Notcapable, probe.Rename(Root, "file", Root, "../outside/stolen"));
        Assert.Equal(Notcapable, probe.Rename(Root, "../outside/secret", Root, "taken"));
        Assert.True(File.Exists(temp["root/file"]));
        Assert.True(File.Exists(temp["outside/secret"]));
        // A link that is harmless where it is ("../file" from sub) would lead out if moved up a level.
        Assert.Equal(Success, probe.Symlink("../file", Root, "sub/up"));
        Assert.Equal(Notcapable, probe.Rename(Root, "sub/up", Root, "up"));
    }

    [Fact]
    public void Removing_and_creating_outside_is_refused()
    {
        Assert.Equal(Notcapable, probe.PathCall("path_unlink_file", Root, "../outside/secret"));
        Assert.Equal(Notcapable, probe.PathCall("path_remove_directory", Root, "../outside"));
        Assert.Equal(Notcapable, probe.PathCall("path_create_directory", Root, "../made"));
        Assert.Equal(Notcapable, probe.PathOpen(Root, "../created", out _, oflags: Creat, rights: WriteRights));
        Assert.True(File.Exists(temp["outside/secret"]));
        Assert.False(Directory.Exists(temp["made"]) || File.Exists(temp["created"]));
    }

    [Fact]
    public void The_preopen_itself_cannot_be_removed_or_renamed()
    {
        Assert.Equal(Inval, probe.PathCall("path_remove_directory", Root, "."));
        Assert.Equal(Notempty, probe.PathCall("path_remove_directory", Root, "sub/.."));
        Assert.Equal(Inval, probe.Rename(Root, ".", Root, "elsewhere"));
        Assert.True(Directory.Exists(temp["root"]));
    }

    [Fact]
    public void A_read_only_preopen_refuses_every_change()
    {
        using var readOnly = new WasiProbe(new WasiConfig().WithPreopenedDirectory(temp["root"], "/", readOnly: true));
        Assert.Equal(Success, readOnly.PathOpen(Root, "file", out var fd));
        Assert.Equal("inside", readOnly.Read(fd, out _));
        Assert.Equal(Rofs, readOnly.PathOpen(Root, "file", out _, rights: WriteRights));
        Assert.Equal(Rofs, readOnly.PathOpen(Root, "new", out _, oflags: Creat));
        Assert.Equal(Rofs, readOnly.PathOpen(Root, "file", out _, oflags: Trunc));
        Assert.Equal(Rofs, readOnly.PathCall("path_create_directory", Root, "dir"));
        Assert.Equal(Rofs, readOnly.PathCall("path_unlink_file", Root, "file"));
        Assert.Equal(Rofs, readOnly.PathCall("path_remove_directory", Root, "sub"));
        Assert.Equal(Rofs, readOnly.Rename(Root, "file", Root, "renamed"));
        Assert.Equal(Rofs, readOnly.Symlink("file", Root, "link"));
        Assert.Equal(Rofs, readOnly.Link(Root, "file", Root, "hard"));
        Assert.Equal("inside", File.ReadAllText(temp["root/file"]));
        Assert.Equal(["file", "sub"], Directory.EnumerateFileSystemEntries(temp["root"]).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Paths_that_are_not_utf8_are_refused()
    {
        probe.Memory.Span[Scratch] = 0xff;
        Assert.Equal(Ilseq, probe.Call("path_open", Root, Follow, Scratch, 1, 0, ReadRights, ReadRights, 0, Out));
    }
}
