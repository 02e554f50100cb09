using McpBridge.Sessions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace McpBridge.Gateway;

/// <summary>Tells the user, once listening, the URL of every MCP endpoint.</summary>
internal static class GatewayBanner
{
    public static void Print(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var catalog = app.Services.GetRequiredService<ServerCatalog>();
        foreach (var address in addresses)
        {
            var root = address.TrimEnd('/');
            Console.WriteLine(catalog.Aggregate is null
                ? $"McpBridge: MCP endpoint {root}/mcp"
                : $"McpBridge: MCP endpoint {root}/mcp (all {catalog.Servers.Count} servers as one)");

            foreach (var server in catalog.Servers)
            {
                Console.WriteLine($"McpBridge: MCP endpoint {root}/servers/{server.Name}/mcp ({server.Options.Command})");
            }
        }
    }
}
