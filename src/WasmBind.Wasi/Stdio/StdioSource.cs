namespace WasmBind.Wasi.Stdio;

/// <summary>
/// How one of stdin, stdout and stderr is provided. A config is shared by every store that uses it, so each source
/// makes the stream for one <see cref="WasiContext"/> when that context is created: captures and in-memory input are
/// per context, while a caller's own stream or writer is shared as given.
/// </summary>
internal abstract class StdioSource
{
    /// <summary>The stream for a new context, and whether the context owns (and so disposes) it.</summary>
    public abstract (Stream Stream, bool Owned) Open();

    /// <summary>Whether the guest sees a terminal (a character device) rather than an anonymous stream.</summary>
    public virtual bool IsConsole => false;

    /// <summary>Reads as empty, discards writes.</summary>
    public static StdioSource Null { get; } = new NullSource();

    private sealed class NullSource : StdioSource
    {
        public override (Stream, bool) Open() => (Stream.Null, false);
    }
}

/// <summary>The host process's own stdin, stdout or stderr.</summary>
internal sealed class ConsoleSource(int fd) : StdioSource
{
    // A terminal only when it is one: a redirected stdout is a pipe or file to the guest too, so its libc buffers fully.
    public override bool IsConsole => fd switch
    {
        0 => !Console.IsInputRedirected,
        1 => !Console.IsOutputRedirected,
        _ => !Console.IsErrorRedirected,
    };

    public override (Stream, bool) Open() => fd switch
    {
        0 => (Console.OpenStandardInput(), true),
        1 => (Console.OpenStandardOutput(), true),
        _ => (Console.OpenStandardError(), true),
    };
}

/// <summary>A caller's stream, shared by every context made from the config and never disposed by them.</summary>
internal sealed class SharedStreamSource(Stream stream) : StdioSource
{
    public override (Stream, bool) Open() => (stream, false);
}

/// <summary>Fixed input bytes; each context reads them from the start.</summary>
internal sealed class BytesSource(ReadOnlyMemory<byte> bytes) : StdioSource
{
    public override (Stream, bool) Open() => (new MemoryStream(bytes.ToArray(), writable: false), true);
}

/// <summary>Output collected in memory, separately for each context (read it back through <see cref="WasiContext"/>).</summary>
internal sealed class CaptureSource : StdioSource
{
    public override (Stream, bool) Open() => (new MemoryStream(), true);
}

/// <summary>Output decoded as UTF-8 into a caller's <see cref="TextWriter"/> (shared, not disposed).</summary>
internal sealed class TextWriterSource(TextWriter writer) : StdioSource
{
    public override (Stream, bool) Open() => (new TextWriterStream(writer), true);
}
