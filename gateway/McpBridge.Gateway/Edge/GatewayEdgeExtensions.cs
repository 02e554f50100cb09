using Microsoft.Extensions.Options;

namespace McpBridge.Gateway.Edge;

/// <summary>Registers and orders the edge checks of the MCP endpoints.</summary>
internal static class GatewayEdgeExtensions
{
    public static IServiceCollection AddGatewayEdge(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EdgeOptions>().Bind(configuration.GetSection(EdgeOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EdgeOptions>, EdgeOptionsValidator>();
        return services;
    }

    public static IApplicationBuilder UseGatewayEdge(this IApplicationBuilder app)
    {
        app.UseMiddleware<OriginGuardMiddleware>();
        app.UseMiddleware<SessionGuardMiddleware>();
        return app;
    }
}
