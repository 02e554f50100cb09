namespace McpBridge.Router.Routing;

/// <summary>
/// A replica's response body as YARP reads it: a read that must wait for the replica first sends the client what
/// <see cref="ClientResponseBody"/> holds.
/// </summary>
internal sealed class ReplicaResponseStream(Stream replica, ClientResponseBody client) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var reading = replica.ReadAsync(buffer, cancellationToken);
        return reading.IsCompleted || !client.HasUnsent ? reading : SendThenReadAsync(reading, cancellationToken);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            replica.Dispose();
        }

        base.Dispose(disposing);
    }

    private async ValueTask<int> SendThenReadAsync(ValueTask<int> reading, CancellationToken cancellationToken)
    {
        await client.FlushAsync(cancellationToken);
        return await reading;
    }
}
