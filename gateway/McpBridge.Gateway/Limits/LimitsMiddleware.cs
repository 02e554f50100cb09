using System.Globalization;
using System.Text.Json;
using System.Threading.RateLimiting;
using McpBridge.Gateway.Edge;
using McpBridge.Sessions;
using McpBridge.Telemetry;

namespace McpBridge.Gateway.Limits;

/// <summary>
/// Holds each client (API key, or remote address without keys) to <see cref="LimitsOptions"/> on the MCP endpoints:
/// over a limit, 429 with <c>Retry-After</c> and a JSON-RPC error.
/// </summary>
/// <remarks>
/// A POST that carries an answer (to the server's sampling, elicitation or roots request) or a notification (such as
/// a cancellation) is never refused: a call waiting for that answer holds a concurrency permit, and refusing the
/// answer would keep it waiting until it times out. Telling them apart needs a look at the body, which the
/// synchronous partitioning of ASP.NET Core's rate-limiting middleware cannot take, so the limiters (the built-in
/// <see cref="System.Threading.RateLimiting"/> ones) are applied here.
/// </remarks>
internal sealed partial class LimitsMiddleware(RequestDelegate next, RequestLimits limits, BridgeMetrics metrics, ILogger<LimitsMiddleware> logger)
{
    // The JSON-RPC "server error" range, as the 503 of a full gateway.
    private const int TooManyRequestsCode = -32000;
    private const string McpMethodHeader = "Mcp-Method";

    public Task InvokeAsync(HttpContext context) =>
        limits.IsEnabled && context.GetEndpoint()?.Metadata.GetMetadata<McpEndpointMetadata>() is not null
            ? LimitAsync(context)
            : next(context);

    private async Task LimitAsync(HttpContext context)
    {
        var isPost = HttpMethods.IsPost(context.Request.Method);
        if (isPost && !await CarriesRequestAsync(context))
        {
            await next(context);
            return;
        }

        var client = CallerIdentity.Of(context) ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

        // Concurrency first: a request it refuses does not use up the minute's count.
        using var running = isPost ? limits.Concurrent?.AttemptAcquire(client) : null;
        if (running is { IsAcquired: false })
        {
            await RefuseAsync(context, client, TimeSpan.FromSeconds(1),
                $"Too many requests: {limits.Options.ConcurrentRequests} request(s) of this client are running, as many as " +
                $"{LimitsOptions.SectionName}:ConcurrentRequests allows. Retry when one has finished.");
            return;
        }

        using var counted = limits.PerMinute?.AttemptAcquire(client);
        if (counted is { IsAcquired: false })
        {
            var retryAfter = counted.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
            await RefuseAsync(context, client, retryAfter,
                $"Too many requests: this client made the {limits.Options.RequestsPerMinute} requests a minute that " +
                $"{LimitsOptions.SectionName}:RequestsPerMinute allows. Retry after {RetryAfterSeconds(retryAfter)} s.");
            return;
        }

        await next(context);
    }

    private Task RefuseAsync(HttpContext context, string client, TimeSpan retryAfter, string message)
    {
        LogRefused(logger, context.Request.Method, context.Request.Path.Value ?? "", client);
        metrics.RequestRejected(RejectionReasons.RateLimit);
        context.Response.Headers.RetryAfter = RetryAfterSeconds(retryAfter).ToString(CultureInfo.InvariantCulture);
        return McpErrorResults.WriteAsync(context, StatusCodes.Status429TooManyRequests, TooManyRequestsCode, message);
    }

    private static int RetryAfterSeconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    /// <summary>
    /// Whether a POST carries a JSON-RPC request, rather than an answer or a notification: from the 2026-07-28
    /// <c>Mcp-Method</c> header when there is one, else from the body (read, then rewound for the protocol).
    /// </summary>
    private static async Task<bool> CarriesRequestAsync(HttpContext context)
    {
        if (context.Request.Headers[McpMethodHeader].ToString() is { Length: > 0 } method)
        {
            return !method.StartsWith("notifications/", StringComparison.Ordinal);
        }

        context.Request.EnableBuffering();
        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            var root = body.RootElement;
            return root.ValueKind != JsonValueKind.Object || (root.TryGetProperty("method", out _) && root.TryGetProperty("id", out _));
        }
        catch (JsonException)
        {
            // Not JSON-RPC: the protocol answers it with 400; it counts like a request.
            return true;
        }
        finally
        {
            context.Request.Body.Position = 0;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused {Method} {Path} of {Client} with 429: over its limit")]
    private static partial void LogRefused(ILogger logger, string method, string path, string client);
}
