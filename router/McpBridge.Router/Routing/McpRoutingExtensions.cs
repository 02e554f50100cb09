using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.LoadBalancing;

namespace McpBridge.Router.Routing;

/// <summary>The MCP routes on YARP: affinity and failover around YARP's load balancing and forwarder.</summary>
internal static class McpRoutingExtensions
{
    public static IServiceCollection AddMcpRouting(this IServiceCollection services)
    {
        services.AddReverseProxy().AddTransforms<ReplicaResponseTransforms>();
        services.AddSingleton<IProxyConfigProvider, ReplicaProxyConfigProvider>();
        services.AddSingleton<ILoadBalancingPolicy, LeastLoadedPolicy>();
        return services;
    }

    public static IEndpointRouteBuilder MapMcpRouting(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapReverseProxy(proxy =>
        {
            proxy.UseMiddleware<ReplicaFailover>();
            proxy.UseMiddleware<ReplicaPlacement>();
            proxy.UseLoadBalancing();
        });
        return endpoints;
    }
}
