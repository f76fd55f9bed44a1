using WasmBind.Wasi.Abi;

namespace WasmBind.Wasi.Descriptors;

/// <summary>stdin, stdout or stderr: a .NET stream, read or written in order, never seeked.</summary>
internal sealed class StreamDescriptor : Descriptor
{
    private readonly bool owned;

    public StreamDescriptor(Stream stream, bool owned, bool output, bool console)
        : base(Rights.Stream & ~(output ? Rights.FdRead : Rights.FdWrite), Rights.None)
    {
        Stream = stream;
        this.owned = owned;
        IsOutput = output;
        // An inherited console is a terminal-like character device; anything else is an anonymous stream (isatty false).
        FileType = console ? FileType.CharacterDevice : FileType.Unknown;
    }

    public Stream Stream { get; }

    /// <summary>stdout or stderr (written), as opposed to stdin (read).</summary>
    public bool IsOutput { get; }

    public override FileType FileType { get; }

    public override void Dispose()
    {
        if (!owned) return;
        // Captured output stays readable after the context is disposed; other owned streams are closed.
        if (Stream is MemoryStream) return;
        Stream.Dispose();
    }
}
