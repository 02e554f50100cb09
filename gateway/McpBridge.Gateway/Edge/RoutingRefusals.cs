using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Net.Http.Headers;

namespace McpBridge.Gateway.Edge;

/// <summary>
/// Gives the refusals that routing answers by itself, before any MCP code runs (a method the endpoint does not take:
/// 405; a POST that is not JSON: 415), a JSON-RPC error body on the MCP and legacy SSE paths, and a 405 its
/// <c>Allow</c> header.
/// </summary>
internal static class RoutingRefusals
{
    public static Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var path = http.Request.Path.Value ?? "";
        var allowed = AllowedMethods(path);
        if (allowed is null)
        {
            return Task.CompletedTask;
        }

        var status = http.Response.StatusCode;
        if (status == StatusCodes.Status405MethodNotAllowed)
        {
            http.Response.Headers[HeaderNames.Allow] = allowed;
        }

        var message = status switch
        {
            StatusCodes.Status405MethodNotAllowed => $"{path} does not take {http.Request.Method}: it takes {allowed}.",
            StatusCodes.Status415UnsupportedMediaType => "The request was refused with HTTP 415: an MCP POST needs Content-Type application/json" +
                (path.EndsWith("/mcp", StringComparison.Ordinal) ? " and Accept: application/json, text/event-stream." : "."),
            StatusCodes.Status404NotFound => $"Nothing is served at {path}: the servers are at /servers/NAME/mcp (GET /status lists them), " +
                "and /sse and /message only while Edge:LegacySse is on.",
            _ => $"The request was refused with HTTP {status}.",
        };

        return McpErrorResults.WriteAsync(http, status, -32600, message);
    }

    private static string? AllowedMethods(string path) =>
        path.EndsWith("/mcp", StringComparison.Ordinal) ? "GET, POST, DELETE"
        : path.EndsWith("/sse", StringComparison.Ordinal) ? "GET"
        : path.EndsWith("/message", StringComparison.Ordinal) ? "POST"
        : null;
}
