using McpBridge.Chat.Configuration;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace McpBridge.Chat.Hosting;

/// <summary>Tells the user, once listening, where the chat is and what it talks to.</summary>
internal static class ChatBanner
{
    public static void Print(WebApplication app)
    {
        var gateway = app.Services.GetRequiredService<IOptions<GatewayOptions>>().Value;
        var claude = app.Services.GetRequiredService<IOptions<ClaudeOptions>>().Value;
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            Console.WriteLine($"McpBridge: chat {address.TrimEnd('/')}/");
        }

        Console.WriteLine($"McpBridge: chat uses the MCP gateway {gateway.Url}");
        Console.WriteLine(claude.HasApiKey
            ? $"McpBridge: chat uses Claude {claude.Model}{(claude.BaseUrl is null ? string.Empty : $" at {claude.BaseUrl}")}"
            : "McpBridge: chat has no ANTHROPIC_API_KEY: the chat is off, the Tools panel works");
    }
}
