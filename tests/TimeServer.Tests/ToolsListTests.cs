using System.Text.Json.Nodes;
using Newtonsoft.Json.Linq;
using Snapshooter.Xunit;
using TimeServer.Tests.Infrastructure;

namespace TimeServer.Tests;

/// <summary>What the server advertises, compared with what mcp-server-time advertises.</summary>
public sealed class ToolsListTests(TimeServerFixture server) : IClassFixture<TimeServerFixture>
{
    [Fact]
    public async Task ToolsList_MatchesTheSnapshotOfMcpServerTimesTools()
    {
        var result = await RawMcp.ListToolsAsync(server.Client);

        Snapshot.Match(JToken.Parse(result.ToJsonString()));
    }

    [Fact]
    public async Task ToolsList_NamesBothToolsInThePythonServersOrder()
    {
        var result = await RawMcp.ListToolsAsync(server.Client);

        var names = result["tools"]!.AsArray().Select(tool => (string)tool!["name"]!);
        Assert.Equal(["get_current_time", "convert_time"], names);
    }

    [Fact]
    public async Task ToolsList_AnnotatesBothToolsReadOnlyIdempotentNonDestructiveClosedWorld()
    {
        using var timeout = new CancellationTokenSource(TimeServerProcess.Timeout);
        var tools = await server.Client.ListToolsAsync(cancellationToken: timeout.Token);

        Assert.Equal(2, tools.Count);
        Assert.All(tools, tool =>
        {
            var annotations = tool.ProtocolTool.Annotations;
            Assert.NotNull(annotations);
            Assert.True(annotations.ReadOnlyHint);
            Assert.True(annotations.IdempotentHint);
            Assert.False(annotations.DestructiveHint);
            Assert.False(annotations.OpenWorldHint);
        });
    }

    [Theory]
    [InlineData("get_current_time", new[] { "timezone" })]
    [InlineData("convert_time", new[] { "source_timezone", "time", "target_timezone" })]
    public async Task ToolsList_SchemaHasRequiredStringArguments(string name, string[] arguments)
    {
        var result = await RawMcp.ListToolsAsync(server.Client);

        var schema = result["tools"]!.AsArray().Single(tool => (string)tool!["name"]! == name)!["inputSchema"]!;
        Assert.Equal("object", (string?)schema["type"]);
        Assert.Equal(arguments, schema["properties"]!.AsObject().Select(property => property.Key));
        Assert.All(arguments, argument => Assert.Equal("string", (string?)schema["properties"]![argument]!["type"]));
        Assert.Equal(arguments, schema["required"]!.AsArray().Select(item => (string)item!));
    }

    [Fact]
    public async Task ToolsList_IsTheSameToolsInThe20260728Revision()
    {
        await using var client = await TimeServerProcess.StartAsync(
            ["--local-timezone", TimeServerFixture.LocalTimeZone], revision: "2026-07-28");

        var current = await RawMcp.ListToolsAsync(client);
        var pinned = await RawMcp.ListToolsAsync(server.Client);

        Assert.Equal("2026-07-28", client.NegotiatedProtocolVersion);
        Assert.Equal("complete", (string?)current["resultType"]);
        Assert.True(JsonNode.DeepEquals(pinned["tools"], current["tools"]), "The tools differ between revisions.");
    }

    [Fact]
    public void Initialize_ReportsTheServerAsMcpTime()
    {
        Assert.Equal("mcp-time", server.Client.ServerInfo?.Name);
        Assert.NotNull(server.Client.ServerCapabilities?.Tools);
    }
}
