using McpBridge.Forwarding;
using McpBridge.Gateway.Auth;
using McpBridge.Gateway.Edge;
using McpBridge.Gateway.LegacySse;
using McpBridge.Sessions;

namespace McpBridge.Gateway;

/// <summary>
/// Maps each configured server at <c>/servers/NAME/mcp</c>, and a single one also at <c>/mcp</c>; with API keys
/// configured, both need one.
/// </summary>
internal static class McpEndpoints
{
    public static IEndpointRouteBuilder MapMcpBridge(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMcp($"/servers/{{{SessionBinder.ServerRouteValue}}}/mcp").WithMetadata(McpEndpointMetadata.Instance)
            .RequireGatewayAuth(endpoints.ServiceProvider);
        if (endpoints.ServiceProvider.GetRequiredService<ServerCatalog>().Single is not null)
        {
            endpoints.MapMcp("/mcp").WithMetadata(McpEndpointMetadata.Instance).RequireGatewayAuth(endpoints.ServiceProvider);
        }

        endpoints.MapLegacySse();
        return endpoints;
    }
}
