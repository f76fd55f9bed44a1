namespace WasmBind.Tests.Wasi.Threads;

/// <summary>
/// A stdin whose reads block until it is disposed, as a terminal's or an idle pipe's do: the suite's "wasi_read"
/// programs assume a read of descriptor 0 blocks. Disposing it lets a read still blocked in a stopped program return.
/// </summary>
internal sealed class BlockingStdin : Stream
{
    private readonly ManualResetEventSlim closed = new();

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        closed.Wait();
        return 0;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) closed.Set();
        base.Dispose(disposing);
    }
}
