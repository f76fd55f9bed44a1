using System.Text;
using WasmBind.Wasi;

namespace WasmBind.Tests.Wasi;

/// <summary>
/// Calls WASI functions one at a time through Fixtures/wasi/probe.wasm, which re-exports each of them from a module
/// with a memory: the way to hand a WASI function exact (and hostile) arguments.
/// </summary>
internal sealed class WasiProbe : IDisposable
{
    /// <summary>Where helpers put their strings; results go at <see cref="Out"/>.</summary>
    public const int Scratch = 0x4000;
    public const int Out = 0x100;
    public const int Out2 = 0x200;

    /// <summary>The errno values tests compare against (typenames.witx).</summary>
    public const int Success = 0, Acces = 2, Badf = 8, Busy = 10, Exist = 20, Fault = 21, Ilseq = 25, Inval = 28, Isdir = 31,
        Loop = 32, Noent = 44, Nosys = 52, Notdir = 54, Notempty = 55, Notsock = 57, Notsup = 58, Perm = 63, Rofs = 69, Spipe = 70,
        Notcapable = 76;

    public const uint Creat = 1, OpenDirectory = 2, Excl = 4, Trunc = 8;
    public const uint Follow = 1;
    /// <summary>What wasi-libc asks for with O_RDONLY: every right but the writing ones (datasync, write, allocate, set_size).</summary>
    public const long ReadRights = AllRights & ~((1L << 0) | (1L << 6) | (1L << 8) | (1L << 22));

    /// <summary>What wasi-libc asks for with O_WRONLY: every right but the reading ones (read, readdir).</summary>
    public const long WriteRights = AllRights & ~((1L << 1) | (1L << 14));

    public const long AllRights = (1L << 30) - 1;

    private readonly Store store;
    private readonly Instance instance;

    public WasiProbe(WasiConfig config)
    {
        var engine = new Engine();
        var module = Module.FromFile(engine, WasiRun.Fixture("probe.wasm"));
        store = new Store(engine);
        instance = new Linker(engine).AddWasi(config).Instantiate(store, module);
        Memory = instance.GetMemory("memory")!;
    }

    public Memory Memory { get; }

    public WasiContext? Context => WasiContext.Find(store);

    /// <summary>Calls the WASI function <paramref name="name"/>; ints become i32, longs i64.</summary>
    public int Call(string name, params long[] arguments)
    {
        var function = instance.GetFunction(name)!;
        var values = new Value[arguments.Length];
        for (var i = 0; i < values.Length; i++)
            values[i] = function.Type.Parameters[i] == ValueType.I64 ? Value.I64(arguments[i]) : Value.I32(unchecked((int)arguments[i]));
        var results = function.Invoke(values);
        return results.Length == 0 ? 0 : results[0].AsInt32();
    }

    /// <summary>Writes <paramref name="text"/> at <paramref name="at"/>, returning its UTF-8 length.</summary>
    public int Put(string text, int at = Scratch) => Memory.WriteString(at, text);

    public int OutU32 => Memory.ReadInt32(Out);

    public int PathOpen(int dirFd, string path, out int fd, uint oflags = 0, long rights = ReadRights, uint lookup = Follow, uint fdflags = 0)
    {
        var length = Put(path);
        var errno = Call("path_open", dirFd, lookup, Scratch, length, oflags, rights, rights, fdflags, Out);
        fd = errno == Success ? OutU32 : -1;
        return errno;
    }

    /// <summary>Calls a <c>path_*</c> function of the form (fd, path, path_len).</summary>
    public int PathCall(string name, int dirFd, string path) => Call(name, dirFd, Scratch, Put(path));

    public int FilestatGet(int dirFd, string path, uint lookup = Follow) =>
        Call("path_filestat_get", dirFd, lookup, Scratch, Put(path), Out);

    /// <summary>The filetype byte of the filestat last written at <see cref="Out"/>.</summary>
    public int OutFiletype => Memory.ReadByte(Out + 16);

    public int Symlink(string target, int dirFd, string path)
    {
        var targetLength = Put(target, Scratch + 0x800);
        return Call("path_symlink", Scratch + 0x800, targetLength, dirFd, Scratch, Put(path));
    }

    public int Rename(int fd, string from, int toFd, string to)
    {
        var toLength = Put(to, Scratch + 0x800);
        return Call("path_rename", fd, Scratch, Put(from), toFd, Scratch + 0x800, toLength);
    }

    public int Link(int fd, string from, int toFd, string to, uint lookup = 0)
    {
        var toLength = Put(to, Scratch + 0x800);
        return Call("path_link", fd, lookup, Scratch, Put(from), toFd, Scratch + 0x800, toLength);
    }

    /// <summary>fd_read into a buffer at 0x8000 of at most 256 bytes; the text read, or null with the errno.</summary>
    public string? Read(int fd, out int errno)
    {
        Memory.WriteInt32(Out2, 0x8000);
        Memory.WriteInt32(Out2 + 4, 256);
        errno = Call("fd_read", fd, Out2, 1, Out);
        return errno == Success ? Encoding.UTF8.GetString(Memory.GetSpan(0x8000, OutU32)) : null;
    }

    public int Write(int fd, string text)
    {
        var length = Put(text, 0x8000);
        Memory.WriteInt32(Out2, 0x8000);
        Memory.WriteInt32(Out2 + 4, length);
        return Call("fd_write", fd, Out2, 1, Out);
    }

    public void Dispose() => Context?.Dispose();
}
