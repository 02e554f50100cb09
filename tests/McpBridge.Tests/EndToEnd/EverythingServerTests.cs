using McpBridge.Tests.Infrastructure;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpBridge.Tests.EndToEnd;

/// <summary>The npm reference server, @modelcontextprotocol/server-everything, through the gateway with the C# SDK client.</summary>
public sealed class EverythingServerTests : IAsyncLifetime
{
    private GatewayProcess _gateway = null!;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayProcess.ServeAsync(["--name", "everything"], "node", RepoPaths.EverythingServer, "stdio");
        await _gateway.EverythingSettledAsync();
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Theory]
    [MemberData(nameof(Revisions.Both), MemberType = typeof(Revisions))]
    public async Task Handshake_MirrorsTheChildsServerInfoAndInstructions(string revision)
    {
        await using var client = await Clients.ConnectAsync(_gateway.McpUrl, revision);

        Assert.Equal("mcp-servers/everything", client.ServerInfo?.Name);
        Assert.Contains("Everything Server", client.ServerInstructions ?? "");
        Assert.NotNull(client.ServerCapabilities.Resources?.Subscribe);
    }

    [Theory]
    [MemberData(nameof(Revisions.Both), MemberType = typeof(Revisions))]
    public async Task ToolsCall_Echo_ReturnsTheChildsResult(string revision)
    {
        await using var client = await Clients.ConnectAsync(_gateway.McpUrl, revision);

        var tools = await client.ListToolsAsync(cancellationToken: TestContext.Timeout);
        var result = await client.CallToolAsync("echo", new Dictionary<string, object?> { ["message"] = "through the bridge" }, cancellationToken: TestContext.Timeout);

        Assert.Contains(tools, tool => tool.Name == "echo");
        Assert.Equal("Echo: through the bridge", Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text);
    }

    [Theory]
    [MemberData(nameof(Revisions.Both), MemberType = typeof(Revisions))]
    public async Task LongRunningOperation_ReportsProgressWithTheClientsToken(string revision)
    {
        var progress = new SessionProgress();
        var options = progress.AddTo(new McpClientOptions());
        await using var client = await Clients.ConnectAsync(_gateway.McpUrl, revision, options);
        const int Steps = 5;

        var result = await client.CallToolAsync(
            "trigger-long-running-operation",
            new Dictionary<string, object?> { ["duration"] = 1, ["steps"] = Steps },
            SessionProgress.Requested,
            cancellationToken: TestContext.Timeout);
        var allArrived = await progress.ArrivedAsync(values => values.Count >= Steps);

        var updates = progress.Updates;
        Assert.True(allArrived, $"Only {updates.Count} of {Steps} progress notifications arrived.");
        Assert.NotNull(Assert.Single(updates.Select(update => update.Token).Distinct()));
        // Each handled on a task of its own, so not necessarily in order: each step once.
        Assert.Equal(Enumerable.Range(1, Steps).Select(step => (double)step), updates.Select(update => update.Progress).Order());
        Assert.Contains("completed", Assert.IsType<TextContentBlock>(result.Content[0]).Text, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(Revisions.Both), MemberType = typeof(Revisions))]
    public async Task ResourcesAndPrompts_AreForwarded(string revision)
    {
        await using var client = await Clients.ConnectAsync(_gateway.McpUrl, revision);

        var resources = await client.ListResourcesAsync(cancellationToken: TestContext.Timeout);
        var read = await client.ReadResourceAsync(resources[0].Uri, cancellationToken: TestContext.Timeout);
        var prompt = await client.GetPromptAsync("simple-prompt", cancellationToken: TestContext.Timeout);

        Assert.NotEmpty(read.Contents);
        Assert.Equal(resources[0].Uri, read.Contents[0].Uri);
        Assert.NotEmpty(prompt.Messages);
    }

    [Fact]
    public async Task UnknownMethod_GetsTheChildsOwnError()
    {
        await using var client = await Clients.ConnectAsync(_gateway.McpUrl, Revisions.Sessions);

        var error = await Assert.ThrowsAsync<ModelContextProtocol.McpProtocolException>(() =>
            client.SendRequestAsync(new JsonRpcRequest { Method = "vendor/unknown" }, TestContext.Timeout));

        Assert.Equal(ModelContextProtocol.McpErrorCode.MethodNotFound, error.ErrorCode);
    }
}
