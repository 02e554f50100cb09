using System.Text.Json;
using McpBridge.Forwarding;
using McpBridge.Gateway.Edge;
using McpBridge.Relay;
using McpBridge.Sessions;
using McpBridge.Telemetry;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpBridge.Gateway.LegacySse;

/// <content>The message endpoint: a stream's client's messages, checked, then relayed or handed to the SDK.</content>
internal sealed partial class LegacySseHandler
{
    /// <summary><c>POST .../message?sessionId=ID</c>: one message of the client of a stream's session.</summary>
    public async Task HandleMessageAsync(HttpContext context)
    {
        if (binder.EndpointFor(context) is not { } endpoint)
        {
            await RefuseUnknownServerAsync(context);
            return;
        }

        var publicId = context.Request.Query[SessionIdParameter].ToString();
        if (publicId.Length == 0)
        {
            metrics.RequestRejected(RejectionReasons.SessionUnknown);
            await McpErrorResults.WriteAsync(context, StatusCodes.Status400BadRequest, -32600,
                "Bad Request: the sessionId query parameter is missing. Post to the URL of the endpoint event that the GET .../sse stream began with.");
            return;
        }

        if (!publicId.StartsWith(_replicaPrefix, StringComparison.Ordinal) ||
            sessions.Find(publicId[_replicaPrefix.Length..], endpoint) is not { } session ||
            !_streams.TryGetValue(session.Id, out var transport) ||
            !IsOwnedByCaller(session, context))
        {
            metrics.RequestRejected(RejectionReasons.SessionUnknown);
            await McpErrorResults.WriteAsync(context, StatusCodes.Status404NotFound, -32001,
                "Session not found: its SSE stream closed, or it never existed. Open a new GET .../sse stream.");
            return;
        }

        if (await ReadMessageAsync(context) is not { } message)
        {
            return;
        }

        session.Touch();
        message.Context = new JsonRpcMessageContext { User = context.User };
        using var sessionOrClient = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, session.Ended);
        try
        {
            switch (message)
            {
                case JsonRpcRequest request when session.SdkServer is { } mcp && DirectRelay.IsRelayable(request):
                    await RelayAsync(session, mcp, request, sessionOrClient);
                    break;
                case JsonRpcNotification { Method: NotificationMethods.CancelledNotification } cancelled
                    when DirectRelay.RequestIdOf(cancelled) is { } cancelledId && session.TryCancelDirectCall(cancelledId):
                    break;
                default:
                    // The handshake, the client's answers to the child's questions and its notifications: the SDK's.
                    await transport.OnMessageReceivedAsync(message, sessionOrClient.Token);
                    break;
            }
        }
        catch (OperationCanceledException) when (session.Ended.IsCancellationRequested && !context.RequestAborted.IsCancellationRequested)
        {
            await McpErrorResults.WriteAsync(context, StatusCodes.Status404NotFound, -32001,
                "Session not found: it ended while this message was waiting. Open a new GET .../sse stream.");
            return;
        }

        context.Response.StatusCode = StatusCodes.Status202Accepted;
        await context.Response.WriteAsync("Accepted");
    }

    /// <summary>
    /// Forwards a request to the session's child past the SDK's pipeline, as <see cref="DirectRelay"/> does for
    /// Streamable HTTP; the answer goes out on the stream, through the session's server object.
    /// </summary>
    private static async Task RelayAsync(BridgeSession session, McpServer mcp, JsonRpcRequest request, CancellationTokenSource cancellation)
    {
        using var registration = session.TrackDirectCall(request.Id, cancellation);
        try
        {
            await session.ForwardAsync(request, mcp.SendMessageAsync, cancellation.Token);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested && !session.Ended.IsCancellationRequested)
        {
            // Cancelled by the client (notifications/cancelled, or its POST went away): the call has no answer.
        }
    }

    /// <summary>The body's JSON-RPC message; null when it has none, after answering the POST with the error.</summary>
    private static async Task<JsonRpcMessage?> ReadMessageAsync(HttpContext context)
    {
        try
        {
            if (await JsonSerializer.DeserializeAsync(context.Request.Body, JsonRpc.MessageType, context.RequestAborted) is { } message)
            {
                return message;
            }
        }
        catch (JsonException)
        {
            // Answered below, as an empty body is.
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await McpErrorResults.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, -32600,
                "Payload too large: the body is longer than Edge:MaxRequestBodyBytes allows.");
            return null;
        }

        await McpErrorResults.WriteAsync(context, StatusCodes.Status400BadRequest, -32700,
            "Parse error: the body is not a JSON-RPC message. Post one JSON-RPC request, notification or response.");
        return null;
    }

    /// <summary>Whether the caller created the session; another caller is answered as if it did not exist.</summary>
    private bool IsOwnedByCaller(BridgeSession session, HttpContext context)
    {
        var caller = CallerIdentity.Of(context);
        if (CallerIdentity.IsOwner(session.Owner, caller))
        {
            return true;
        }

        LogForeignSession(logger, caller ?? "(anonymous)", session.Id);
        return false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused a legacy SSE message with 404: the API key {KeyName} presented session {SessionId}, which another key created")]
    private static partial void LogForeignSession(ILogger logger, string keyName, string sessionId);
}
