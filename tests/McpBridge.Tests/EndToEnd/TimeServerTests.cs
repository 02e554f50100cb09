using System.Text.Json.Nodes;
using McpBridge.Tests.Infrastructure;
using ModelContextProtocol.Protocol;

namespace McpBridge.Tests.EndToEnd;

/// <summary>The embedded default server (samples/TimeServer, a clone of mcp/time) through the gateway, as `make run` serves it.</summary>
public sealed class TimeServerTests : IAsyncLifetime
{
    private GatewayProcess _gateway = null!;

    public async Task InitializeAsync() =>
        _gateway = await GatewayProcess.ServeAsync(["--name", "time"], "dotnet", RepoPaths.TimeServerDll, "--local-timezone", "Europe/Paris");

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Theory]
    [MemberData(nameof(Revisions.Both), MemberType = typeof(Revisions))]
    public async Task Tools_AreThoseOfMcpTime(string revision)
    {
        await using var client = await Clients.ConnectAsync(_gateway.McpUrl, revision);

        var tools = await client.ListToolsAsync(cancellationToken: TestContext.Timeout);

        Assert.Equal("mcp-time", client.ServerInfo?.Name);
        Assert.Equal(["get_current_time", "convert_time"], tools.Select(tool => tool.Name));
        Assert.All(tools, tool => Assert.True(tool.ProtocolTool.Annotations?.ReadOnlyHint));
    }

    [Theory]
    [MemberData(nameof(Revisions.Both), MemberType = typeof(Revisions))]
    public async Task GetCurrentTime_ReturnsMcpTimesJson(string revision)
    {
        await using var client = await Clients.ConnectAsync(_gateway.McpUrl, revision);

        var result = await client.CallToolAsync("get_current_time", new Dictionary<string, object?> { ["timezone"] = "Asia/Tokyo" },
            cancellationToken: TestContext.Timeout);
        var json = JsonNode.Parse(Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text)!;

        Assert.Equal("Asia/Tokyo", (string?)json["timezone"]);
        Assert.EndsWith("+09:00", (string?)json["datetime"]);
        Assert.False((bool)json["is_dst"]!);
        Assert.Equal(DateTimeOffset.Parse((string)json["datetime"]!, System.Globalization.CultureInfo.InvariantCulture).DayOfWeek.ToString(), (string?)json["day_of_week"]);
    }

    [Fact]
    public async Task ConvertTime_ReportsTheDifference()
    {
        await using var client = await Clients.ConnectAsync(_gateway.McpUrl);

        var result = await client.CallToolAsync("convert_time", new Dictionary<string, object?>
        {
            ["source_timezone"] = "UTC", ["time"] = "12:00", ["target_timezone"] = "Asia/Kolkata",
        }, cancellationToken: TestContext.Timeout);
        var json = JsonNode.Parse(Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text)!;

        Assert.Equal("+5.5h", (string?)json["time_difference"]);
        Assert.Contains("T17:30:00+05:30", (string?)json["target"]?["datetime"]);
    }
}
