using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using McpBridge.Configuration;
using McpBridge.Forwarding;
using McpBridge.Relay;
using McpBridge.Sessions;
using McpBridge.Telemetry;

namespace McpBridge.Gateway.Edge;

/// <summary>
/// Holds MCP requests to the bridge's view of sessions: an ended or unknown session id gets 404 (so the client
/// starts a new session), as does another caller's session, a full gateway gets 503 with <c>Retry-After</c>, and activity
/// keeps a session alive.
/// </summary>
internal sealed partial class SessionGuardMiddleware(
    RequestDelegate next, SessionBinder binder, SessionRegistry sessions, DirectRelay relay, BridgeMetrics metrics,
    IOptions<BridgeOptions> options, ILogger<SessionGuardMiddleware> logger)
{
    private readonly string _replicaPrefix = options.Value.ReplicaId + ".";

    private const string SessionIdHeader = "Mcp-Session-Id";
    private const string ProtocolVersionHeader = "MCP-Protocol-Version";
    private const int RetryAfterSeconds = 5;

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata is not { } metadata || metadata.GetMetadata<McpEndpointMetadata>() is null ||
            metadata.GetMetadata<LegacySse.LegacySseEndpointMetadata>() is not null)
        {
            await next(context);
            return;
        }

        if (binder.EndpointFor(context) is not { } endpoint)
        {
            metrics.RequestRejected(RejectionReasons.ServerUnknown);
            await McpErrorResults.WriteAsync(context, StatusCodes.Status404NotFound, -32601,
                $"Not found: no MCP server is named '{context.Request.RouteValues[SessionBinder.ServerRouteValue]}'.");
            return;
        }

        var version = context.Request.Headers[ProtocolVersionHeader].ToString();
        if (version.Length > 0 && !ProtocolVersions.IsKnown(version) && HttpMethods.IsPost(context.Request.Method))
        {
            // The SDK would list the initialize-era versions too; a request that names a version in a header is
            // on the per-request path, whose versions server/discover lists (SEP-2575).
            metrics.RequestRejected(RejectionReasons.ProtocolVersion);
            await McpErrorResults.WriteAsync(context, StatusCodes.Status400BadRequest, -32022,
                $"Unsupported protocol version '{version}'. Supported: {string.Join(", ", ProtocolVersions.PerRequest)}; " +
                "clients of earlier revisions start a session with initialize.",
                await McpErrorResults.PeekRequestIdAsync(context),
                new JsonObject { ["supported"] = new JsonArray([.. ProtocolVersions.PerRequest.Select(v => (JsonNode)v)]), ["requested"] = version });
            return;
        }

        if (Replies.IsPerRequestMetadataRevision(version))
        {
            // 2026-07-28 requests have no session.
            await next(context);
            return;
        }

        var sessionId = context.Request.Headers[SessionIdHeader].ToString();
        if (sessionId.Length == 0)
        {
            // A new session's id goes out as REPLICA.ID, which routers read to come back here.
            context.Response.OnStarting(PrefixSessionId, context);
            if (HttpMethods.IsPost(context.Request.Method) && sessions.IsFull)
            {
                metrics.RequestRejected(sessions.IsDraining ? RejectionReasons.Draining : RejectionReasons.SessionLimit);
                context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await McpErrorResults.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, BridgeErrorCodes.ChildUnavailable,
                    "Service unavailable: the gateway has as many sessions as Bridge:MaxSessions allows. Retry later.");
                return;
            }

            await next(context);
            return;
        }

        if (!sessionId.StartsWith(_replicaPrefix, StringComparison.Ordinal) ||
            sessions.Find(sessionId[_replicaPrefix.Length..], endpoint) is not { } session ||
            !IsOwnedByCaller(session, context))
        {
            metrics.RequestRejected(RejectionReasons.SessionUnknown);
            await McpErrorResults.WriteAsync(context, StatusCodes.Status404NotFound, -32001,
                "Session not found: it ended or never existed. Send a new initialize request without Mcp-Session-Id.");
            return;
        }

        // The SDK knows the session by its own id; the client sees the one it sent.
        context.Request.Headers[SessionIdHeader] = session.Id;
        context.Response.OnStarting(PrefixSessionId, context);
        if (HttpMethods.IsGet(context.Request.Method))
        {
            session.MarkSeenBySdk();
            var stream = session.TrackStream(context);
            try
            {
                await next(context);
            }
            finally
            {
                session.UntrackStream(stream);
            }

            return;
        }

        session.Touch();
        if (HttpMethods.IsPost(context.Request.Method))
        {
            await ForwardWhileSessionLivesAsync(context, session);
            return;
        }

        session.MarkSeenBySdk();
        await next(context);
    }

    /// <summary>
    /// Relays a session's POST (<see cref="DirectRelay"/>) or passes it on to the SDK, cancelled if the session ends meanwhile: the SDK may already have taken a
    /// request that its ending session will never read, and the client must not wait for it forever.
    /// </summary>
    private async Task ForwardWhileSessionLivesAsync(HttpContext context, BridgeSession session)
    {
        var clientAborted = context.RequestAborted;
        using var sessionOrClient = CancellationTokenSource.CreateLinkedTokenSource(clientAborted, session.Ended);
        context.RequestAborted = sessionOrClient.Token;
        try
        {
            if (!await relay.TryRelayAsync(context, session))
            {
                await next(context);
            }
        }
        catch (OperationCanceledException) when (session.Ended.IsCancellationRequested && !clientAborted.IsCancellationRequested)
        {
            if (!context.Response.HasStarted)
            {
                await McpErrorResults.WriteAsync(context, StatusCodes.Status404NotFound, -32001,
                    "Session not found: it ended while this request was waiting. Send a new initialize request without Mcp-Session-Id.");
            }
        }
        finally
        {
            context.RequestAborted = clientAborted;
        }
    }

    /// <summary>
    /// Whether the caller is who created the session. Another caller is answered as if the session did not exist,
    /// so that an id seen elsewhere reveals nothing.
    /// </summary>
    private bool IsOwnedByCaller(BridgeSession session, HttpContext context)
    {
        var caller = CallerIdentity.Of(context);
        if (CallerIdentity.IsOwner(session.Owner, caller))
        {
            return true;
        }

        LogForeignSession(logger, caller ?? "(anonymous)", session.Id, context.Request.Method);
        return false;
    }

    private Task PrefixSessionId(object state)
    {
        var response = ((HttpContext)state).Response;
        if (response.Headers[SessionIdHeader].ToString() is { Length: > 0 } id && !id.StartsWith(_replicaPrefix, StringComparison.Ordinal))
        {
            response.Headers[SessionIdHeader] = _replicaPrefix + id;
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused {Method} with 404: the API key {KeyName} presented session {SessionId}, which another key created")]
    private static partial void LogForeignSession(ILogger logger, string keyName, string sessionId, string method);
}
