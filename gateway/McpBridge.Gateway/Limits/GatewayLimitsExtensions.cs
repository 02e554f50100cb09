using Microsoft.Extensions.Options;

namespace McpBridge.Gateway.Limits;

/// <summary>Registers the per-client limits of the MCP endpoints (configuration section <c>Limits</c>).</summary>
internal static class GatewayLimitsExtensions
{
    public static IServiceCollection AddGatewayLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LimitsOptions>().Bind(configuration.GetSection(LimitsOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LimitsOptions>, LimitsOptionsValidator>();
        services.AddSingleton<RequestLimits>();
        return services;
    }
}
