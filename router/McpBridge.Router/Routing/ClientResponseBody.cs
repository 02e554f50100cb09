using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace McpBridge.Router.Routing;

/// <summary>
/// The response body YARP copies a replica's answer into: it writes to the client's connection without sending, and
/// <see cref="ReplicaResponseStream"/> sends what is there whenever the replica has nothing more yet. An answer that
/// arrives whole (most MCP answers, an SSE event and the end of its body in one packet) leaves in one packet with its
/// headers and the end of the body, instead of a send per chunk YARP copies; a stream that goes quiet (a GET stream, a
/// slow call) is sent at once, headers first, so that its client's timeouts never run out.
/// </summary>
internal sealed class ClientResponseBody : Stream, IHttpResponseBodyFeature
{
    // A replica that sends faster than the client reads is flushed on the way too, for the client's back-pressure.
    private const int MostUnsent = 64 * 1024;

    private readonly IHttpResponseBodyFeature _client;
    private readonly PipeWriter _writer;
    private long _unsent;
    private bool _sent;

    private ClientResponseBody(IHttpResponseBodyFeature client)
    {
        _client = client;
        _writer = client.Writer;
    }

    /// <summary>Whether anything (the headers included) waits to be sent.</summary>
    public bool HasUnsent => _unsent > 0 || !_sent;

    /// <summary>Makes the response body this one, and <paramref name="response"/>'s content read through a <see cref="ReplicaResponseStream"/>.</summary>
    public static void Relay(HttpContext context, HttpResponseMessage response)
    {
        var body = new ClientResponseBody(context.Features.GetRequiredFeature<IHttpResponseBodyFeature>());
        context.Features.Set<IHttpResponseBodyFeature>(body);
        response.Content = new ReplicaResponseContent(response.Content, body);
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    Stream IHttpResponseBodyFeature.Stream => this;

    PipeWriter IHttpResponseBodyFeature.Writer => _writer;

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _writer.Write(buffer);
        _unsent += buffer.Length;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return _unsent >= MostUnsent ? new ValueTask(FlushAsync(cancellationToken)) : ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        _unsent = 0;
        _sent = true;
        await _writer.FlushAsync(cancellationToken);
    }

    public override void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    void IHttpResponseBodyFeature.DisableBuffering() => _client.DisableBuffering();

    Task IHttpResponseBodyFeature.StartAsync(CancellationToken cancellationToken) => _client.StartAsync(cancellationToken);

    Task IHttpResponseBodyFeature.SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken) =>
        _client.SendFileAsync(path, offset, count, cancellationToken);

    Task IHttpResponseBodyFeature.CompleteAsync() => _client.CompleteAsync();
}
