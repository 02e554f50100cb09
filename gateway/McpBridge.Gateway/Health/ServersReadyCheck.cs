using McpBridge.Sessions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace McpBridge.Gateway.Health;

/// <summary>Ready when every configured server can be started and completes the MCP handshake.</summary>
internal sealed class ServersReadyCheck(ServerCatalog catalog, SessionRegistry sessions) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (sessions.IsDraining)
        {
            return HealthCheckResult.Unhealthy("The gateway is stopping: it takes no new sessions.");
        }

        var data = new Dictionary<string, object>();
        var failures = 0;
        foreach (var server in catalog.Servers)
        {
            try
            {
                var info = await server.ProbeAsync(cancellationToken);
                data[server.Name] = $"{info.ServerInfo.Name} {info.ServerInfo.Version}";
            }
            catch (Children.ChildStartException ex)
            {
                data[server.Name] = ex.Message;
                failures++;
            }
        }

        return failures == 0
            ? HealthCheckResult.Healthy("Every MCP server starts and answers initialize.", data)
            : HealthCheckResult.Unhealthy($"{failures} MCP server(s) cannot be started.", data: data);
    }
}
