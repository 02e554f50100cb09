using System.Text.Json.Nodes;
using McpBridge.Chat.Tests.Infrastructure;

namespace McpBridge.Chat.Tests.Live;

/// <summary>
/// The real thing, opt-in: <c>MCPBRIDGE_LIVE_CLAUDE=1 ANTHROPIC_API_KEY=... dotnet test tests/McpBridge.Chat.Tests
/// --filter Execution=Manual</c>. Claude is asked something only the time server can answer.
/// </summary>
[Trait("Execution", "Manual")]
public sealed class LiveClaudeTests
{
    [LiveClaudeFact]
    public async Task Claude_answers_with_the_time_servers_help()
    {
        await using var gateway = await GatewayService.StartTimeAsync();
        var settings = new Dictionary<string, string?> { ["ANTHROPIC_API_KEY"] = Environment.GetEnvironmentVariable("ANTHROPIC_API_KEY") };
        if (Environment.GetEnvironmentVariable("ANTHROPIC_MODEL") is { Length: > 0 } model)
        {
            settings["ANTHROPIC_MODEL"] = model;
        }

        await using var chat = await ChatService.StartAsync(gateway.McpUrl, claude: null, settings);
        using var http = chat.CreateClient();

        var events = await ChatEvents.SendAsync(http, [ChatEvents.User("What time is it in Tokyo right now? Use the get_current_time tool.")]);

        Assert.DoesNotContain(events, e => e.Type == "error");
        var result = events.First(e => e.Type == "tool_result");
        Assert.Equal("Asia/Tokyo", (string?)JsonNode.Parse((string)result.Data["result"]!)!["timezone"]);
        Assert.False(string.IsNullOrWhiteSpace(events.Text()));
    }
}
