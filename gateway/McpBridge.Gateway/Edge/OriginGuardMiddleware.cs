using McpBridge.Telemetry;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace McpBridge.Gateway.Edge;

/// <summary>
/// Rejects MCP requests whose <c>Host</c> or <c>Origin</c> is foreign (403), as the MCP spec requires against DNS
/// rebinding, and bodies that are too large (413) or not JSON (415), before they reach the protocol.
/// </summary>
internal sealed partial class OriginGuardMiddleware(
    RequestDelegate next, IOptions<EdgeOptions> options, BridgeMetrics metrics, ILogger<OriginGuardMiddleware> logger)
{
    private readonly EdgeOptions _options = options.Value;

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<McpEndpointMetadata>() is null)
        {
            await next(context);
            return;
        }

        var request = context.Request;
        if (!IsAllowedHost(request.Host.Host))
        {
            LogRejected(logger, "Host", request.Host.Value ?? "");
            metrics.RequestRejected(RejectionReasons.Host);
            await McpErrorResults.WriteAsync(context, StatusCodes.Status403Forbidden, -32600,
                $"Forbidden: the Host '{request.Host.Host}' is not allowed. Add it to Edge:AllowedHosts if this gateway is reached under that name.");
            return;
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && !IsAllowedOrigin(origin))
        {
            LogRejected(logger, "Origin", origin);
            metrics.RequestRejected(RejectionReasons.Origin);
            await McpErrorResults.WriteAsync(context, StatusCodes.Status403Forbidden, -32600,
                $"Forbidden: the Origin '{origin}' is not allowed. Add it to Edge:AllowedOrigins to let that web page use this gateway.");
            return;
        }

        if (HttpMethods.IsPost(request.Method))
        {
            if (request.ContentLength > _options.MaxRequestBodyBytes)
            {
                metrics.RequestRejected(RejectionReasons.BodySize);
                await McpErrorResults.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, -32600,
                    $"Payload too large: the body has {request.ContentLength} bytes, more than the {_options.MaxRequestBodyBytes} of Edge:MaxRequestBodyBytes.");
                return;
            }

            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = _options.MaxRequestBodyBytes;
            }

            if (!IsJson(request.ContentType))
            {
                metrics.RequestRejected(RejectionReasons.MediaType);
                await McpErrorResults.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, -32600,
                    $"Unsupported Media Type: an MCP POST must have Content-Type application/json, not '{request.ContentType}'.");
                return;
            }
        }

        await next(context);
    }

    private bool IsAllowedHost(string host) =>
        IsLoopback(host) || _options.AllowedHosts.Any(allowed => allowed == "*" || string.Equals(allowed, host, StringComparison.OrdinalIgnoreCase));

    private bool IsAllowedOrigin(string origin)
    {
        if (_options.AllowedOrigins.Any(allowed => allowed == "*" || string.Equals(allowed.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        return Uri.TryCreate(origin, UriKind.Absolute, out var uri) && IsLoopback(uri.Host);
    }

    private static bool IsLoopback(string host) =>
        host is "localhost" or "127.0.0.1" or "[::1]" or "::1" || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);

    private static bool IsJson(string? contentType) =>
        contentType is not null && (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) ||
            (contentType.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && contentType.Contains("+json", StringComparison.OrdinalIgnoreCase)));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected an MCP request with a foreign {Header}: {Value}")]
    private static partial void LogRejected(ILogger logger, string header, string value);
}
