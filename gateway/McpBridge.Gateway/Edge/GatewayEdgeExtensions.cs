using McpBridge.Gateway.Auth;
using McpBridge.Gateway.Limits;
using Microsoft.Extensions.Options;

namespace McpBridge.Gateway.Edge;

/// <summary>Registers and orders the edge checks of the MCP endpoints.</summary>
internal static class GatewayEdgeExtensions
{
    public static IServiceCollection AddGatewayEdge(this IServiceCollection services, IConfiguration configuration)
    {
        // Read once at start (see AddMcpBridge): a reload must not revalidate these in a running gateway.
        services.AddOptions<EdgeOptions>().Configure(options => configuration.GetSection(EdgeOptions.SectionName).Bind(options)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EdgeOptions>, EdgeOptionsValidator>();
        return services;
    }

    public static IApplicationBuilder UseGatewayEdge(this IApplicationBuilder app)
    {
        // Routing itself answers some bad requests (a wrong method, a POST that is not JSON) before any MCP code runs.
        app.UseStatusCodePages(RoutingRefusals.WriteAsync);
        // Cheapest refusals first; the limits count by the key authentication found; sessions belong to that key.
        app.UseMiddleware<OriginGuardMiddleware>();
        app.UseGatewayAuth();
        app.UseMiddleware<LimitsMiddleware>();
        app.UseMiddleware<SessionGuardMiddleware>();
        return app;
    }
}
