using System.Diagnostics;
using System.Text.Json;
using McpBridge.Chat.Gateway;
using Microsoft.AspNetCore.Http.HttpResults;
using ModelContextProtocol;

namespace McpBridge.Chat.Api;

/// <summary>
/// The Tools panel's API, which works without an API key: <c>GET /api/tools</c> lists the gateway's tools with their
/// input schemas, <c>POST /api/tools/{name}</c> calls one.
/// </summary>
internal static class ToolsApi
{
    public static IEndpointRouteBuilder MapToolsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/tools", ListAsync);
        endpoints.MapPost("/api/tools/{name}", CallAsync).RequireRateLimiting(ChatEdgeExtensions.RatePolicy);
        return endpoints;
    }

    private static async Task<IResult> ListAsync(GatewayConnection gateway, HttpContext http)
    {
        try
        {
            var tools = await gateway.ListToolsAsync(http.RequestAborted);
            return TypedResults.Ok(new
            {
                gateway = gateway.Url,
                tools = tools.Select(tool => new
                {
                    name = tool.Name,
                    title = tool.Title,
                    description = tool.Description,
                    inputSchema = tool.JsonSchema,
                    annotations = tool.ProtocolTool.Annotations,
                }),
            });
        }
        catch (GatewayUnavailableException ex)
        {
            return GatewayDown(ex);
        }
    }

    private static async Task<IResult> CallAsync(string name, ToolCallRequest request, GatewayConnection gateway, HttpContext http)
    {
        var arguments = request.Arguments is { ValueKind: JsonValueKind.Object } json
            ? json.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone())
            : null;
        var clock = Stopwatch.StartNew();
        try
        {
            var result = await gateway.CallToolAsync(name, arguments, http.RequestAborted);
            var outcome = ToolCallOutcome.From(result, clock.Elapsed);
            return TypedResults.Ok(new
            {
                name,
                isError = outcome.IsError,
                result = outcome.Text,
                content = JsonSerializer.SerializeToElement(result.Content, McpJsonUtilities.DefaultOptions),
                structuredContent = result.StructuredContent,
                durationMs = Math.Round(clock.Elapsed.TotalMilliseconds, 1),
            });
        }
        catch (GatewayUnavailableException ex)
        {
            return GatewayDown(ex);
        }
        catch (McpException ex) when (!http.RequestAborted.IsCancellationRequested)
        {
            return TypedResults.Ok(new { name, isError = true, result = ex.Message, durationMs = Math.Round(clock.Elapsed.TotalMilliseconds, 1) });
        }
    }

    private static ProblemHttpResult GatewayDown(GatewayUnavailableException ex) =>
        TypedResults.Problem(title: "The MCP gateway is not reachable", detail: ex.Message, statusCode: StatusCodes.Status502BadGateway);

    /// <summary>The body of <c>POST /api/tools/{name}</c>.</summary>
    internal sealed record ToolCallRequest(JsonElement? Arguments);
}
