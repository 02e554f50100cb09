using McpBridge.Forwarding;
using McpBridge.Gateway.Auth;
using McpBridge.Gateway.Edge;
using McpBridge.Gateway.LegacySse;

namespace McpBridge.Gateway;

/// <summary>
/// Maps each configured server at <c>/servers/NAME/mcp</c>, and <c>/mcp</c>: a single server's second URL, or with
/// several servers the aggregated endpoint that serves them all as one; with API keys configured, each needs one.
/// </summary>
internal static class McpEndpoints
{
    public static IEndpointRouteBuilder MapMcpBridge(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMcp($"/servers/{{{SessionBinder.ServerRouteValue}}}/mcp").WithMetadata(McpEndpointMetadata.Instance)
            .RequireGatewayAuth(endpoints.ServiceProvider);
        endpoints.MapMcp("/mcp").WithMetadata(McpEndpointMetadata.Instance).RequireGatewayAuth(endpoints.ServiceProvider);
        endpoints.MapLegacySse();
        return endpoints;
    }
}
