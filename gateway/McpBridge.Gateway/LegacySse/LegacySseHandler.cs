using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using McpBridge.Configuration;
using McpBridge.Forwarding;
using McpBridge.Gateway.Edge;
using McpBridge.Relay;
using McpBridge.Sessions;
using McpBridge.Telemetry;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Server;

namespace McpBridge.Gateway.LegacySse;

/// <summary>
/// The 2024-11-05 HTTP+SSE transport. Each <c>GET .../sse</c> stream is a bridge session (<see cref="BridgeSession"/>,
/// made by <see cref="SessionBinder"/> as for Streamable HTTP) that lives as long as the stream: the stream's first event
/// names <c>.../message?sessionId=REPLICA.ID</c>, to which the client posts its messages, and everything for the client
/// (answers, progress, the child's questions) goes out on the stream.
/// </summary>
/// <remarks>
/// A request's POST is answered (202) once its answer is on the stream, not at once: the spec allows it, and it keeps
/// what Streamable HTTP has, a running call per open POST, which the concurrency limit, the drain and a client's own
/// timeouts count on.
/// </remarks>
internal sealed partial class LegacySseHandler(
    SessionBinder binder, SessionRegistry sessions, BridgeMetrics metrics, IOptions<BridgeOptions> bridge,
    IOptionsFactory<McpServerOptions> serverOptions, ILoggerFactory loggerFactory, ILogger<LegacySseHandler> logger)
{
    /// <summary>The query parameter of <c>POST .../message</c> that names the session (its public id, <c>REPLICA.ID</c>).</summary>
    public const string SessionIdParameter = "sessionId";

    private const int RetryAfterSeconds = 5;
    private readonly string _replicaPrefix = bridge.Value.ReplicaId + ".";
    private readonly ConcurrentDictionary<string, SseResponseStreamTransport> _streams = new(StringComparer.Ordinal);

    /// <summary><c>GET .../sse</c>: opens a session and serves it until the client closes the stream or the session ends.</summary>
    public async Task HandleStreamAsync(HttpContext context)
    {
        if (binder.EndpointFor(context) is not { } endpoint)
        {
            await RefuseUnknownServerAsync(context);
            return;
        }

        if (sessions.IsFull)
        {
            metrics.RequestRejected(sessions.IsDraining ? RejectionReasons.Draining : RejectionReasons.SessionLimit);
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            await McpErrorResults.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, BridgeErrorCodes.ChildUnavailable,
                "Service unavailable: the gateway has as many sessions as Bridge:MaxSessions allows, or is stopping. Retry later.");
            return;
        }

        // Not the host's ApplicationStopping: a draining gateway ends its sessions itself, once their calls are answered.
        var closed = context.RequestAborted;
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await StartEventStreamAsync(context);
        await using var transport = new SseResponseStreamTransport(context.Response.Body, MessageEndpoint(context.Request, _replicaPrefix + id), id);
        try
        {
            var options = serverOptions.Create(Options.DefaultName);
            await binder.BindSessionAsync(context, endpoint, id, options, closed);
            _streams[id] = transport;
            LogOpened(logger, endpoint, id);
            var sending = transport.RunAsync(closed);
            await using (var mcp = McpServer.Create(transport, options, loggerFactory, context.RequestServices))
            {
                await SessionBinder.RunSessionAsync(context, mcp, closed);
            }

            await transport.DisposeAsync();
            await sending.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        catch (OperationCanceledException) when (closed.IsCancellationRequested)
        {
            // The client closed the stream: that is how this transport ends a session.
        }
        finally
        {
            _streams.TryRemove(id, out _);
            if (context.Items[typeof(BridgeSession)] is BridgeSession session)
            {
                await session.EndAsync("its SSE stream closed");
            }
        }
    }

    /// <summary>The URL of the stream's message endpoint: beside the stream's own (<c>.../sse</c> becomes <c>.../message</c>).</summary>
    private static string MessageEndpoint(HttpRequest request, string publicId)
    {
        var path = (request.PathBase + request.Path).ToString();
        return $"{path[..(path.LastIndexOf('/') + 1)]}message?{SessionIdParameter}={Uri.EscapeDataString(publicId)}";
    }

    private static async Task StartEventStreamAsync(HttpContext context)
    {
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache,no-store";
        context.Response.Headers.ContentEncoding = "identity";
        context.Features.GetRequiredFeature<IHttpResponseBodyFeature>().DisableBuffering();

        // The client sees it is connected while an isolated session's child starts; the endpoint event follows.
        await context.Response.StartAsync(context.RequestAborted);
    }

    private Task RefuseUnknownServerAsync(HttpContext context)
    {
        metrics.RequestRejected(RejectionReasons.ServerUnknown);
        return McpErrorResults.WriteAsync(context, StatusCodes.Status404NotFound, -32601,
            $"Not found: no MCP server is named '{context.Request.RouteValues[SessionBinder.ServerRouteValue]}'.");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId} of {Server} opened over the legacy HTTP+SSE transport")]
    private static partial void LogOpened(ILogger logger, string server, string sessionId);
}
