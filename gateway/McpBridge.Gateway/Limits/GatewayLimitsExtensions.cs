using Microsoft.Extensions.Options;

namespace McpBridge.Gateway.Limits;

/// <summary>Registers the per-client limits of the MCP endpoints (configuration section <c>Limits</c>).</summary>
internal static class GatewayLimitsExtensions
{
    public static IServiceCollection AddGatewayLimits(this IServiceCollection services, IConfiguration configuration)
    {
        // Read once at start (see AddMcpBridge): a reload must not revalidate these in a running gateway.
        services.AddOptions<LimitsOptions>().Configure(options => configuration.GetSection(LimitsOptions.SectionName).Bind(options)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LimitsOptions>, LimitsOptionsValidator>();
        services.AddSingleton<RequestLimits>();
        return services;
    }
}
