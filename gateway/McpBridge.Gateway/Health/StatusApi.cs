using System.Text.Json.Nodes;
using McpBridge.Configuration;
using McpBridge.Gateway.Auth;
using McpBridge.Sessions;
using Microsoft.Extensions.Options;

namespace McpBridge.Gateway.Health;

/// <summary>
/// <c>GET /status</c>: this replica's name and load, which a router uses to place new sessions. Open unless
/// <c>Auth:ProtectStatus</c> asks for a key.
/// </summary>
internal static class StatusApi
{
    public static IEndpointRouteBuilder MapGatewayStatus(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/status", (ServerCatalog catalog, SessionRegistry sessions, IOptions<BridgeOptions> options) =>
        {
            var servers = new JsonObject();
            foreach (var server in catalog.Servers)
            {
                servers[server.Name] = new JsonObject
                {
                    ["policy"] = server.Options.Policy.ToString(),
                    ["children"] = server.ChildCount,
                    ["warmSpares"] = server.SpareCount,
                };
            }

            var status = new JsonObject
            {
                ["replica"] = options.Value.ReplicaId,
                ["sessions"] = sessions.Count,
                ["runningCalls"] = sessions.RunningCalls,
                ["maxSessions"] = options.Value.MaxSessions,
                ["draining"] = sessions.IsDraining,
                ["servers"] = servers,
            };
            return Results.Text(status.ToJsonString(), "application/json");
        }).RequireGatewayAuth(endpoints.ServiceProvider, ApiKeyDefaults.StatusPolicy);
        return endpoints;
    }
}
