namespace McpBridge.Router.Routing;

/// <summary>
/// The MCP endpoints the router forwards, each request through <see cref="McpRequestRouter"/> and YARP's forwarder:
/// Streamable HTTP at <c>/mcp</c> and <c>/servers/NAME/mcp</c>, and the 2024-11-05 HTTP+SSE transport at
/// <c>/sse</c> and <c>/message</c> (and under <c>/servers/NAME/</c>).
/// </summary>
internal static class McpRoutingExtensions
{
    public static IServiceCollection AddMcpRouting(this IServiceCollection services)
    {
        services.AddHttpForwarder();
        services.AddSingleton<ReplicaForwarder>();
        services.AddSingleton<McpRequestRouter>();
        return services;
    }

    public static IEndpointRouteBuilder MapMcpRouting(this IEndpointRouteBuilder endpoints)
    {
        var router = endpoints.ServiceProvider.GetRequiredService<McpRequestRouter>();
        foreach (var prefix in new[] { "", "/servers/{server}" })
        {
            endpoints.Map($"{prefix}/mcp", context => router.RouteAsync(context, McpTransport.StreamableHttp));
            endpoints.Map($"{prefix}/sse", context => router.RouteAsync(context, McpTransport.LegacyStream));
            endpoints.Map($"{prefix}/message", context => router.RouteAsync(context, McpTransport.LegacyMessage));
        }

        return endpoints;
    }
}
