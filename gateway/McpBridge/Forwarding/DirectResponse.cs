using System.Buffers;
using System.Text.Json;
using System.Threading.Channels;
using McpBridge.Relay;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpBridge.Forwarding;

/// <summary>
/// The response to one session request that <see cref="DirectRelay"/> relays. A call answered before it has anything
/// else to send gets its answer as one <c>application/json</c> body; otherwise the response is an SSE stream of the
/// child's progress and questions about the call (which the SDK's server object sends here, as the request's related
/// transport), then the answer. Streamable HTTP lets the server choose either per request. What comes after the
/// answer goes to the session's GET stream, as the SDK does with its own POST responses.
/// </summary>
internal sealed class DirectResponse(HttpContext context, McpServer server) : ITransport
{
    private static readonly byte[] EventStart = "event: message\ndata: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();

    private const int InitialJsonBuffer = 512;

    private readonly SemaphoreSlim _writing = new(1, 1);
    private bool _started;
    private bool _answered;

    string? ITransport.SessionId => server.SessionId;

    public ChannelReader<JsonRpcMessage> MessageReader =>
        throw new NotSupportedException("A relayed request's response only sends messages; the session's transport reads them.");

    /// <summary>Writes a message about the call (a notification, or a question to the client).</summary>
    public async Task SendMessageAsync(JsonRpcMessage message, CancellationToken cancellationToken = default)
    {
        await _writing.WaitAsync(cancellationToken);
        var late = _answered;
        try
        {
            if (!late)
            {
                await WriteEventAsync(message, cancellationToken);
            }
        }
        finally
        {
            _writing.Release();
        }

        if (late)
        {
            message.Context = null;
            await server.SendMessageAsync(message, cancellationToken);
        }
    }

    /// <summary>
    /// Writes the answer and ends the response, in one send: as the JSON body of a response that has not started, or
    /// as the last event of the SSE stream.
    /// </summary>
    public async Task AnswerAsync(JsonRpcMessage answer, CancellationToken cancellationToken)
    {
        await _writing.WaitAsync(cancellationToken);
        try
        {
            if (_started)
            {
                WriteEvent(answer);
            }
            else
            {
                WriteJson(answer);
            }

            _answered = true;
            await context.Response.CompleteAsync();
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>Sends the response's headers now, for a call that takes long, so that the client sees it is being served.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _writing.WaitAsync(cancellationToken);
        try
        {
            if (!_started)
            {
                Start();
                await context.Response.BodyWriter.FlushAsync(cancellationToken);
            }
        }
        finally
        {
            _writing.Release();
        }
    }

    public ValueTask DisposeAsync() => default;

    private async ValueTask WriteEventAsync(JsonRpcMessage message, CancellationToken cancellationToken)
    {
        WriteEvent(message);
        await context.Response.BodyWriter.FlushAsync(cancellationToken);
    }

    private void WriteEvent(JsonRpcMessage message)
    {
        Start();
        var body = context.Response.BodyWriter;
        body.Write(EventStart);
        using (var json = new Utf8JsonWriter(body))
        {
            JsonSerializer.Serialize(json, message, JsonRpc.MessageType);
        }

        body.Write(EventEnd);
    }

    /// <summary>The answer as the whole body, with its length, so that the response needs no chunks.</summary>
    private void WriteJson(JsonRpcMessage answer)
    {
        var json = new ArrayBufferWriter<byte>(InitialJsonBuffer);
        using (var writer = new Utf8JsonWriter(json))
        {
            JsonSerializer.Serialize(writer, answer, JsonRpc.MessageType);
        }

        _started = true;
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        response.ContentLength = json.WrittenCount;
        response.BodyWriter.Write(json.WrittenSpan);
    }

    /// <summary>The headers of an SSE response that no proxy or encoding may buffer, as the SDK sends them.</summary>
    private void Start()
    {
        if (_started)
        {
            return;
        }

        _started = true;
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.Headers.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache,no-store";
        response.Headers.ContentEncoding = "identity";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.GetRequiredFeature<IHttpResponseBodyFeature>().DisableBuffering();
    }
}
