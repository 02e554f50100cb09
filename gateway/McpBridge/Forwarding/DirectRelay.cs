using System.Text.Json;
using System.Text.Json.Nodes;
using McpBridge.Relay;
using McpBridge.Sessions;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol.Protocol;

namespace McpBridge.Forwarding;

/// <summary>
/// Relays a session's requests from the HTTP request straight to its child, and the answer straight back, past the
/// SDK's per-message pipeline (its channel, its handler task, its POST transport and a second serialization), each
/// step of which hands the call to another thread. Everything else (the handshake, the client's answers to the
/// child's questions, its notifications, and any request the SDK should judge) goes to the SDK, which then reads
/// the body as if nobody had.
/// </summary>
internal sealed class DirectRelay
{
    /// <summary>How long a call may run before its response's headers go out without an event.</summary>
    private static readonly TimeSpan HeaderGrace = TimeSpan.FromMilliseconds(250);

    private readonly TimeSpan _sdkWindow;

    /// <param name="sdkWindow">
    /// How long a session may go without a request through the SDK before the next one must take it, so that the
    /// SDK, which counts idleness by the requests it sees, does not prune its half of a session in use.
    /// </param>
    public DirectRelay(TimeSpan sdkWindow) => _sdkWindow = sdkWindow;

    /// <summary>
    /// Relays the session's POST if it carries a request to forward (or cancels one relayed before); otherwise leaves
    /// the request, body unread, to the SDK and returns <see langword="false"/>.
    /// </summary>
    public async Task<bool> TryRelayAsync(HttpContext context, BridgeSession session)
    {
        if (session.SdkServer is null || !session.SeenBySdkWithin(_sdkWindow) || !IsPlainJsonPost(context.Request))
        {
            session.MarkSeenBySdk();
            return false;
        }

        var body = await ReadBodyAsync(context.Request, context.RequestAborted);
        if (session.IsEnding)
        {
            // The session ended while the body came in: wait for its end (its running calls' answers go out first), which
            // cancels this request, so that the client gets 404 rather than an error from a child that is gone.
            await Task.Delay(Timeout.Infinite, session.Ended);
        }

        switch (TryParse(body))
        {
            case JsonRpcRequest request when IsRelayable(request):
                await RelayAsync(context, session, request);
                return true;
            case JsonRpcNotification { Method: NotificationMethods.CancelledNotification } cancelled
                when RequestIdOf(cancelled) is { } id && session.TryCancelDirectCall(id):
                context.Response.StatusCode = StatusCodes.Status202Accepted;
                return true;
            default:
                Rewind(context.Request, body);
                session.MarkSeenBySdk();
                return false;
        }
    }

    private static async Task RelayAsync(HttpContext context, BridgeSession session, JsonRpcRequest request)
    {
        var response = new DirectResponse(context, session.SdkServer!);
        request.Context = new JsonRpcMessageContext
        {
            RelatedTransport = response,
            User = context.User,
            ProtocolVersion = context.Request.Headers[ProtocolVersionHeader] is { Count: > 0 } version ? version.ToString() : null,
        };

        // The SDK's answer carries the session id too; the gateway's edge prefixes it with the replica id.
        context.Response.Headers[SessionIdHeader] = session.Id;
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        using var registration = session.TrackDirectCall(request.Id, cancellation);
        var forwarding = session.ForwardAsync(request, response.AnswerAsync, cancellation.Token);
        try
        {
            if (!forwarding.IsCompleted && !await CompletesWithinAsync(forwarding, HeaderGrace))
            {
                await response.StartAsync(cancellation.Token);
            }

            await forwarding;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested && !session.Ended.IsCancellationRequested)
        {
            // Cancelled by the client (notifications/cancelled, or it went away): the call has no answer.
        }
    }

    private static async Task<bool> CompletesWithinAsync(Task task, TimeSpan timeout)
    {
        await task.WaitAsync(timeout).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return task.IsCompleted;
    }

    /// <summary>
    /// A request the session forwards to its child, of an initialize-era client: the handshake and discovery are the
    /// SDK's, and a request that names a per-request protocol revision in its <c>_meta</c> is the SDK's to refuse.
    /// </summary>
    internal static bool IsRelayable(JsonRpcRequest request) =>
        !ForwardingFilters.AnsweredBySdk(request.Method) &&
        !(request.Params is JsonObject { } parameters && parameters["_meta"] is JsonObject meta && meta.ContainsKey(MetaKeys.ProtocolVersion));

    /// <summary>
    /// A JSON POST whose client takes both answers Streamable HTTP allows; anything else gets the SDK's own error.
    /// </summary>
    private static bool IsPlainJsonPost(HttpRequest request)
    {
        var accept = request.Headers.Accept.ToString();
        return request.ContentType is { } contentType &&
            contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) &&
            accept.Contains("application/json", StringComparison.OrdinalIgnoreCase) &&
            accept.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } length and <= MaxPresizedBody)
        {
            var exact = new byte[length];
            await request.Body.ReadExactlyAsync(exact, cancellationToken);
            return exact;
        }

        using var copy = new MemoryStream();
        await request.Body.CopyToAsync(copy, cancellationToken);
        return copy.ToArray();
    }

    /// <summary>Gives the body back to whoever reads the request next.</summary>
    private static void Rewind(HttpRequest request, byte[] body)
    {
        if (request.Body.CanSeek)
        {
            request.Body.Position = 0;
        }
        else
        {
            request.Body = new MemoryStream(body, writable: false);
        }
    }

    private static JsonRpcMessage? TryParse(byte[] body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, JsonRpc.MessageType);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The id of the request a <c>notifications/cancelled</c> cancels, if it names one.</summary>
    internal static RequestId? RequestIdOf(JsonRpcNotification cancelled) => cancelled.Params?["requestId"] switch
    {
        JsonValue value when value.TryGetValue(out long number) => new RequestId(number),
        JsonValue value when value.TryGetValue(out string? text) => new RequestId(text),
        _ => null,
    };

    private const long MaxPresizedBody = 1024 * 1024;
    private const string SessionIdHeader = "Mcp-Session-Id";
    private const string ProtocolVersionHeader = "MCP-Protocol-Version";
}
