using McpBridge.Chat.Configuration;
using McpBridge.Chat.Conversation;
using McpBridge.Chat.Gateway;
using Microsoft.Extensions.Options;

namespace McpBridge.Chat.Api;

/// <summary><c>GET /api/status</c> (the gateway and Claude as the page should show them) and <c>GET /healthz</c>.</summary>
internal static class StatusApi
{
    public static IEndpointRouteBuilder MapStatusApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/status", StatusAsync);
        endpoints.MapGet("/healthz", () => TypedResults.Ok(new { status = "Healthy" }));
        return endpoints;
    }

    private static async Task<IResult> StatusAsync(GatewayConnection gateway, ChatTurn turn, IOptions<ClaudeOptions> claude, HttpContext http)
    {
        var status = await gateway.CheckAsync(http.RequestAborted);
        return TypedResults.Ok(new
        {
            gateway = new { url = status.Url, connected = status.Connected, error = status.Error is null ? null : GatewayMessage(status), toolsVersion = status.ToolsVersion },
            claude = new { enabled = turn.Enabled, model = claude.Value.Model },
        });
    }

    private static string GatewayMessage(GatewayStatus status) =>
        new GatewayUnavailableException(status.Url, status.Error!).Message;
}
