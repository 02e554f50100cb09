using Microsoft.Extensions.Configuration.Memory;

namespace McpBridge.Gateway;

/// <summary>Defaults under every other configuration source (appsettings, environment, command line override them).</summary>
internal static class GatewayDefaults
{
    public static IConfigurationBuilder AddGatewayDefaults(this IConfigurationBuilder configuration)
    {
        // ASP.NET Core logs every request at Information: a line per MCP call is a cost on the hot path.
        configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            },
        });
        return configuration;
    }
}
