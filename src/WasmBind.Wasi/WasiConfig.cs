using System.Collections;
using WasmBind.Wasi.Stdio;

namespace WasmBind.Wasi;

/// <summary>
/// What a WASI guest is given: arguments, environment, preopened directories, stdio, clock and random source. Build it
/// fluently and pass it to <see cref="WasiLinkerExtensions.AddWasi(Linker, WasiConfig)"/>.
/// </summary>
/// <remarks>
/// <para>One config serves many stores: each store gets its own <see cref="WasiContext"/> (descriptor table, captured
/// output) made from the config the first time its guest calls a WASI function. A context copies what it needs when it is
/// made, so later changes to the config affect only stores that have not started yet.</para>
/// <para>By default the guest gets no arguments beyond the program name <c>main</c>, an empty environment, no directories,
/// empty stdin and discarded stdout and stderr: nothing of the host leaks unless asked for.</para>
/// </remarks>
public sealed class WasiConfig
{
    private readonly List<string> args = ["main"];
    private readonly List<KeyValuePair<string, string>> environment = [];
    private readonly List<WasiPreopenedDirectory> preopens = [];

    /// <summary>The argument vector, starting with the program name.</summary>
    public IReadOnlyList<string> Args => args;

    /// <summary>The environment, in the order the guest sees it.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Environment => environment;

    /// <summary>The preopened directories; the guest sees them as descriptors 3, 4, ... in this order.</summary>
    public IReadOnlyList<WasiPreopenedDirectory> PreopenedDirectories => preopens;

    /// <summary>The clock. Default: <see cref="SystemWasiClock"/>.</summary>
    public IWasiClock Clock { get; private set; } = SystemWasiClock.Instance;

    /// <summary>The random source. Default: <see cref="SystemWasiRandom"/>.</summary>
    public IWasiRandom Random { get; private set; } = SystemWasiRandom.Instance;

    internal StdioSource Stdin { get; private set; } = StdioSource.Null;
    internal StdioSource Stdout { get; private set; } = StdioSource.Null;
    internal StdioSource Stderr { get; private set; } = StdioSource.Null;

    /// <summary>Sets the whole argument vector: the first is the program name (<c>argv[0]</c>), the rest its arguments.</summary>
    /// <exception cref="ArgumentException">No arguments, or one contains a NUL character (it could not reach a C program intact).</exception>
    public WasiConfig WithArgs(params IEnumerable<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var list = arguments.ToList();
        if (list.Count == 0) throw new ArgumentException("The argument vector needs at least the program name.", nameof(arguments));
        foreach (var a in list) RequireNoNul(a, nameof(arguments));
        args.Clear();
        args.AddRange(list);
        return this;
    }

    /// <summary>Sets an environment variable, replacing an earlier value of the same name.</summary>
    /// <exception cref="ArgumentException">The name is empty or contains <c>=</c>, or either contains a NUL character.</exception>
    public WasiConfig WithEnvironment(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        if (name.Contains('=')) throw new ArgumentException("An environment variable's name cannot contain '='.", nameof(name));
        RequireNoNul(name, nameof(name));
        RequireNoNul(value, nameof(value));
        var index = environment.FindIndex(e => e.Key == name);
        if (index >= 0) environment[index] = new(name, value);
        else environment.Add(new(name, value));
        return this;
    }

    /// <summary>Copies the host process's environment (sorted by name, so runs are reproducible); later calls to <see cref="WithEnvironment"/> override it.</summary>
    public WasiConfig InheritEnvironment()
    {
        var host = System.Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .Select(e => ((string)e.Key, e.Value as string ?? ""))
            .Where(e => e.Item1.Length > 0 && !e.Item1.Contains('=') && !e.Item1.Contains('\0') && !e.Item2.Contains('\0'))
            .OrderBy(e => e.Item1, StringComparer.Ordinal);
        foreach (var (name, value) in host) WithEnvironment(name, value);
        return this;
    }

    /// <summary>
    /// Gives the guest <paramref name="hostPath"/> under the name <paramref name="guestPath"/>. The guest reaches nothing
    /// outside its preopened directories: paths that climb out with <c>..</c>, absolute paths and symbolic links leading out
    /// are refused with <c>errno::notcapable</c>.
    /// </summary>
    /// <remarks>
    /// <para>The sandbox resolves every path itself, one component at a time from the preopen's root, and never lets the
    /// host follow a symbolic link. Directory descriptors are kept as paths and re-checked on every use, so a directory
    /// the guest holds open follows its path, not the directory itself, if it is renamed.</para>
    /// <para>Against the guest this is complete. Against a concurrent change by someone else (a host process, or another
    /// store's guest sharing the directory) swapping a checked directory for a link between the check and the operation:
    /// opened files are verified afterwards (on Linux, through <c>/proc/self/fd</c>) and refused if they lie elsewhere,
    /// and a truncation waits for that check; creating, removing and renaming entries have no such after-check.</para>
    /// <para>.NET does not expose inode numbers, so the guest's are numbered per store by path: stable for a path and
    /// across renames, but two hard links to one file get different numbers.</para>
    /// </remarks>
    /// <param name="hostPath">An existing host directory; made absolute now.</param>
    /// <param name="guestPath">The name the guest sees, e.g. <c>/</c>, <c>/data</c> or <c>.</c>.</param>
    /// <param name="readOnly">Refuse every change beneath it with <c>errno::rofs</c>.</param>
    /// <exception cref="DirectoryNotFoundException"><paramref name="hostPath"/> is not an existing directory.</exception>
    public WasiConfig WithPreopenedDirectory(string hostPath, string guestPath, bool readOnly = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(hostPath);
        ArgumentException.ThrowIfNullOrEmpty(guestPath);
        RequireNoNul(guestPath, nameof(guestPath));
        var full = Path.GetFullPath(hostPath);
        if (!Directory.Exists(full)) throw new DirectoryNotFoundException($"The directory to preopen does not exist: {full}");
        preopens.Add(new WasiPreopenedDirectory(full, guestPath, readOnly));
        return this;
    }

    /// <summary>Connects stdin, stdout and stderr to the host process's own.</summary>
    public WasiConfig InheritStdio() => InheritStdin().InheritStdout().InheritStderr();

    /// <summary>Connects stdin to the host process's stdin.</summary>
    public WasiConfig InheritStdin() => SetStdin(new ConsoleSource(0));

    /// <summary>Connects stdout to the host process's stdout.</summary>
    public WasiConfig InheritStdout() => SetStdout(new ConsoleSource(1));

    /// <summary>Connects stderr to the host process's stderr.</summary>
    public WasiConfig InheritStderr() => SetStderr(new ConsoleSource(2));

    /// <summary>Reads stdin from <paramref name="stream"/>, shared by every store using this config and left open.</summary>
    public WasiConfig WithStdin(Stream stream) => SetStdin(new SharedStreamSource(Readable(stream)));

    /// <summary>Gives stdin these bytes; each store's guest reads them from the start.</summary>
    public WasiConfig WithStdin(ReadOnlyMemory<byte> bytes) => SetStdin(new BytesSource(bytes));

    /// <summary>Gives stdin this text, UTF-8 encoded; each store's guest reads it from the start.</summary>
    public WasiConfig WithStdinText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return WithStdin(System.Text.Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Writes stdout to <paramref name="stream"/>, shared by every store using this config and left open.</summary>
    public WasiConfig WithStdout(Stream stream) => SetStdout(new SharedStreamSource(Writable(stream)));

    /// <summary>Writes stdout, decoded as UTF-8, to <paramref name="writer"/> (shared, left open).</summary>
    public WasiConfig WithStdout(TextWriter writer) => SetStdout(new TextWriterSource(NotNull(writer)));

    /// <summary>Collects stdout in memory, separately per store; read it with <see cref="WasiContext.GetStdoutText"/>.</summary>
    public WasiConfig CaptureStdout() => SetStdout(new CaptureSource());

    /// <summary>Writes stderr to <paramref name="stream"/>, shared by every store using this config and left open.</summary>
    public WasiConfig WithStderr(Stream stream) => SetStderr(new SharedStreamSource(Writable(stream)));

    /// <summary>Writes stderr, decoded as UTF-8, to <paramref name="writer"/> (shared, left open).</summary>
    public WasiConfig WithStderr(TextWriter writer) => SetStderr(new TextWriterSource(NotNull(writer)));

    /// <summary>Collects stderr in memory, separately per store; read it with <see cref="WasiContext.GetStderrText"/>.</summary>
    public WasiConfig CaptureStderr() => SetStderr(new CaptureSource());

    /// <summary>Replaces the clock (e.g. with a <see cref="ManualWasiClock"/> for deterministic tests).</summary>
    public WasiConfig WithClock(IWasiClock clock)
    {
        Clock = NotNull(clock);
        return this;
    }

    /// <summary>Replaces the random source.</summary>
    public WasiConfig WithRandom(IWasiRandom random)
    {
        Random = NotNull(random);
        return this;
    }

    /// <summary>Takes random bytes from <paramref name="random"/>; a seeded <see cref="System.Random"/> makes runs reproducible.</summary>
    public WasiConfig WithRandom(Random random) => WithRandom(new RandomAdapter(NotNull(random)));

    private WasiConfig SetStdin(StdioSource source)
    {
        Stdin = source;
        return this;
    }

    private WasiConfig SetStdout(StdioSource source)
    {
        Stdout = source;
        return this;
    }

    private WasiConfig SetStderr(StdioSource source)
    {
        Stderr = source;
        return this;
    }

    private static T NotNull<T>(T value, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(value))] string? name = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(value, name);
        return value;
    }

    private static Stream Readable(Stream stream) =>
        NotNull(stream).CanRead ? stream : throw new ArgumentException("The stream is not readable.", nameof(stream));

    private static Stream Writable(Stream stream) =>
        NotNull(stream).CanWrite ? stream : throw new ArgumentException("The stream is not writable.", nameof(stream));

    private static void RequireNoNul(string value, string name)
    {
        if (value.Contains('\0')) throw new ArgumentException("The value contains a NUL character.", name);
    }
}
