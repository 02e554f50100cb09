using McpBridge.Router.Replicas;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace McpBridge.Router;

/// <summary>Tells the user, once listening, where the router serves MCP and where its replicas come from.</summary>
internal static class RouterBanner
{
    public static void Print(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var source = app.Services.GetRequiredService<IReplicaSource>();
        foreach (var address in addresses)
        {
            Console.WriteLine($"McpBridge router: MCP endpoint {address.TrimEnd('/')}/mcp and /servers/NAME/mcp, over {source.Description}");
        }
    }
}
