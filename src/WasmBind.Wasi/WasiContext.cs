using System.Runtime.CompilerServices;
using System.Text;
using WasmBind.Wasi.Abi;
using WasmBind.Wasi.Descriptors;
using WasmBind.Wasi.FileSystem;

namespace WasmBind.Wasi;

/// <summary>
/// One store's WASI state: its descriptor table (stdio, preopens, open files), arguments, environment, clock, random
/// source and captured output. A <see cref="Linker"/> is shared by many stores, so the state lives beside each
/// <see cref="Store"/> instead (in a weak table: it goes away with the store) and is made from the linker's
/// <see cref="WasiConfig"/> on the store's first WASI call, or up front with <see cref="Attach"/>.
/// </summary>
/// <remarks>Not thread-safe, like the store it belongs to. Dispose it (or let the store be collected) to close the files the guest left open.</remarks>
public sealed class WasiContext : IDisposable
{
    private static readonly ConditionalWeakTable<Store, WasiContext> Contexts = new();

    private readonly MemoryStream? capturedStdout;
    private readonly MemoryStream? capturedStderr;

    private WasiContext(WasiConfig config)
    {
        Clock = config.Clock;
        Random = config.Random;
        (Arguments, ArgumentOffsets) = Pack(config.Args);
        (EnvironmentBytes, EnvironmentOffsets) = Pack(config.Environment.Select(e => $"{e.Key}={e.Value}"));

        AddStdio(config.Stdin, output: false);
        capturedStdout = AddStdio(config.Stdout, output: true);
        capturedStderr = AddStdio(config.Stderr, output: true);
        foreach (var preopen in config.PreopenedDirectories)
            Descriptors.Add(new DirectoryDescriptor(new PreopenRoot(preopen), [], isPreopen: true, Rights.Directory, Rights.DirectoryInheriting), out _);
    }

    /// <summary>
    /// Gives <paramref name="store"/> a WASI context made from <paramref name="config"/>, in place of the linker's default
    /// config: one linker can then run stores with different arguments, directories or stdio.
    /// </summary>
    /// <exception cref="InvalidOperationException">The store already has a WASI context.</exception>
    public static WasiContext Attach(Store store, WasiConfig config)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(config);
        var context = new WasiContext(config);
        if (!Contexts.TryAdd(store, context))
        {
            context.Dispose();
            throw new InvalidOperationException("The store already has a WASI context.");
        }
        return context;
    }

    /// <summary>The WASI context of <paramref name="store"/>, or null if its guest has made no WASI call and none was attached.</summary>
    public static WasiContext? Find(Store store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return Contexts.TryGetValue(store, out var context) ? context : null;
    }

    /// <summary>The store's context, made from <paramref name="config"/> if it has none yet.</summary>
    internal static WasiContext For(Store store, WasiConfig? config) =>
        Contexts.TryGetValue(store, out var context) ? context : Create(store, config);

    // Apart from For, whose every call would otherwise allocate the lambda's closure over config.
    private static WasiContext Create(Store store, WasiConfig? config)
    {
        if (config is null)
            throw new TrapException(TrapCode.HostError, $"the store has no WASI context: call {nameof(WasiContext)}.{nameof(Attach)} before running, or give AddWasi a config");
        return Contexts.GetValue(store, _ => new WasiContext(config));
    }

    /// <summary>A context not yet given to a store: the one all threads of a wasi-threads program share.</summary>
    internal static WasiContext ForThreads(WasiConfig config) => new(config);

    /// <summary>Makes this the context of <paramref name="store"/> too (another thread of the same program).</summary>
    internal void ShareWith(Store store) => Contexts.AddOrUpdate(store, this);

    /// <summary>The code the guest passed to <c>proc_exit</c>, or null if it has not called it.</summary>
    public int? ExitCode { get; internal set; }

    /// <summary>What the guest wrote to stdout, when the config asked for <see cref="WasiConfig.CaptureStdout"/>.</summary>
    /// <exception cref="InvalidOperationException">stdout was not captured.</exception>
    public byte[] GetStdoutBytes() => Captured(capturedStdout, "stdout", nameof(WasiConfig.CaptureStdout)).ToArray();

    /// <summary>What the guest wrote to stdout, decoded as UTF-8.</summary>
    /// <exception cref="InvalidOperationException">stdout was not captured.</exception>
    public string GetStdoutText() => Decode(Captured(capturedStdout, "stdout", nameof(WasiConfig.CaptureStdout)));

    /// <summary>What the guest wrote to stderr, when the config asked for <see cref="WasiConfig.CaptureStderr"/>.</summary>
    /// <exception cref="InvalidOperationException">stderr was not captured.</exception>
    public byte[] GetStderrBytes() => Captured(capturedStderr, "stderr", nameof(WasiConfig.CaptureStderr)).ToArray();

    /// <summary>What the guest wrote to stderr, decoded as UTF-8.</summary>
    /// <exception cref="InvalidOperationException">stderr was not captured.</exception>
    public string GetStderrText() => Decode(Captured(capturedStderr, "stderr", nameof(WasiConfig.CaptureStderr)));

    /// <summary>Closes every descriptor the guest holds. Captured output stays readable.</summary>
    public void Dispose() => Descriptors.Dispose();

    internal FdTable Descriptors { get; } = new();

    internal InodeTable Inodes { get; } = new();

    internal IWasiClock Clock { get; }

    internal IWasiRandom Random { get; }

    /// <summary>Every argument, NUL-terminated, back to back: the <c>argv_buf</c> image.</summary>
    internal byte[] Arguments { get; }

    /// <summary>Where each argument starts in <see cref="Arguments"/>.</summary>
    internal int[] ArgumentOffsets { get; }

    /// <summary>Every <c>NAME=value</c>, NUL-terminated, back to back: the <c>environ_buf</c> image.</summary>
    internal byte[] EnvironmentBytes { get; }

    internal int[] EnvironmentOffsets { get; }

    private MemoryStream? AddStdio(Stdio.StdioSource source, bool output)
    {
        var (stream, owned) = source.Open();
        Descriptors.Add(new StreamDescriptor(stream, owned, output, source.IsConsole), out _);
        return source is Stdio.CaptureSource ? (MemoryStream)stream : null;
    }

    /// <summary>Encodes the strings once, so <c>args_get</c>/<c>environ_get</c> are plain copies.</summary>
    private static (byte[] Bytes, int[] Offsets) Pack(IEnumerable<string> strings)
    {
        var bytes = new List<byte>();
        var offsets = new List<int>();
        foreach (var s in strings)
        {
            offsets.Add(bytes.Count);
            bytes.AddRange(Encoding.UTF8.GetBytes(s));
            bytes.Add(0);
        }
        return (bytes.ToArray(), offsets.ToArray());
    }

    private static MemoryStream Captured(MemoryStream? stream, string name, string method) =>
        stream ?? throw new InvalidOperationException($"{name} was not captured; configure it with {nameof(WasiConfig)}.{method}().");

    private static string Decode(MemoryStream stream) =>
        Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
}
