using McpBridge.Forwarding;
using McpBridge.Gateway.Auth;
using McpBridge.Gateway.Edge;
using Microsoft.Extensions.Options;

namespace McpBridge.Gateway.LegacySse;

/// <summary>
/// Maps the 2024-11-05 HTTP+SSE transport beside each Streamable HTTP endpoint: <c>GET /servers/NAME/sse</c> and
/// <c>POST /servers/NAME/message?sessionId=ID</c>, and <c>/sse</c> and <c>/message</c> beside <c>/mcp</c> (the single
/// server, or the aggregated endpoint of several), unless
/// <c>Edge:LegacySse</c> is <see langword="false"/>. They pass the same edge checks, keys and limits as <c>/mcp</c>.
/// </summary>
internal static class LegacySseApi
{
    public static IEndpointRouteBuilder MapLegacySse(this IEndpointRouteBuilder endpoints)
    {
        var services = endpoints.ServiceProvider;
        if (!services.GetRequiredService<IOptions<EdgeOptions>>().Value.LegacySse)
        {
            return endpoints;
        }

        var handler = ActivatorUtilities.CreateInstance<LegacySseHandler>(services);
        Map(endpoints, $"/servers/{{{SessionBinder.ServerRouteValue}}}", handler);
        Map(endpoints, "", handler);

        return endpoints;
    }

    private static void Map(IEndpointRouteBuilder endpoints, string prefix, LegacySseHandler handler)
    {
        var group = endpoints.MapGroup(prefix)
            .WithMetadata(McpEndpointMetadata.Instance, LegacySseEndpointMetadata.Instance)
            .RequireGatewayAuth(endpoints.ServiceProvider);
        group.MapGet("/sse", handler.HandleStreamAsync);
        group.MapPost("/message", handler.HandleMessageAsync);
    }
}
