using System.Globalization;
using System.Text.Json.Nodes;

namespace McpBridge.Router.Routing;

/// <summary>The router's own answers to MCP requests: an HTTP status with a JSON-RPC error body, as a gateway gives.</summary>
internal static class McpErrorResponses
{
    private const int ServerError = -32000;
    private const int SessionNotFound = -32001;
    private const int RetryAfterSeconds = 2;

    /// <summary>404: the session's replica is gone or unknown, so the client must start a new session (spec behaviour).</summary>
    public static Task SessionNotFoundAsync(HttpContext context, McpTransport transport) =>
        WriteAsync(context, StatusCodes.Status404NotFound, SessionNotFound, transport == McpTransport.LegacyMessage
            ? "Session not found: the replica that held it is gone. Open a new SSE stream (GET .../sse) and post to the endpoint it names."
            : "Session not found: the replica that held it is gone. Send a new initialize request without Mcp-Session-Id.");

    /// <summary>503 with <c>Retry-After</c>: the session's replica is stopping; it takes no new connection but finishes its calls.</summary>
    public static Task ReplicaStoppingAsync(HttpContext context)
    {
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return WriteAsync(context, StatusCodes.Status503ServiceUnavailable, ServerError,
            "Service unavailable: the replica that holds this session is stopping and finishing its running calls. Retry later; " +
            "once it has stopped, the session ends (404).");
    }

    /// <summary>503 with <c>Retry-After</c>: no replica takes new sessions now.</summary>
    public static Task NoReplicaReadyAsync(HttpContext context)
    {
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return WriteAsync(context, StatusCodes.Status503ServiceUnavailable, ServerError,
            "Service unavailable: no gateway replica is ready to take this request. Retry later.");
    }

    /// <summary>A body for the status YARP set when forwarding failed (502, 504), which it leaves empty.</summary>
    public static Task ForwardingFailedAsync(HttpContext context, string reason) =>
        WriteAsync(context, context.Response.StatusCode, ServerError, $"The router could not forward the request to a gateway replica: {reason}.");

    private static Task WriteAsync(HttpContext context, int status, int code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var body = new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = null,
            ["error"] = new JsonObject { ["code"] = code, ["message"] = message },
        };
        return context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }
}
