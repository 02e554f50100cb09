namespace McpBridge.Router.Routing;

/// <summary>
/// HttpClient's request body stream, whose first flush does nothing: the headers wait in HttpClient's buffer for the
/// body, and both go out together when HttpClient flushes at the end of the body.
/// </summary>
internal sealed class FirstFlushSkipped(Stream request) : Stream
{
    private bool _skipped;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        if (!_skipped)
        {
            _skipped = true;
            return Task.CompletedTask;
        }

        return request.FlushAsync(cancellationToken);
    }

    public override void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        request.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        request.WriteAsync(buffer, offset, count, cancellationToken);

    public override void Write(byte[] buffer, int offset, int count) => request.Write(buffer, offset, count);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
