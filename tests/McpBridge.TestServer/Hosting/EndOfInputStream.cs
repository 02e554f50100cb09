namespace McpBridge.TestServer.Hosting;

/// <summary>
/// A read-only view of stdin that reports its end. The SDK's session waits for handlers
/// still in flight when stdin closes (one awaiting a client's elicitation answer never
/// finishes), so without this a child would outlive its closed stdin until killed.
/// </summary>
internal sealed class EndOfInputStream(Stream inner, Action onEnd) : Stream
{
    private int _ended;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        return Ended(read);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => Ended(inner.Read(buffer, offset, count));

    private int Ended(int read)
    {
        if (read == 0 && Interlocked.Exchange(ref _ended, 1) == 0)
        {
            onEnd();
        }

        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
