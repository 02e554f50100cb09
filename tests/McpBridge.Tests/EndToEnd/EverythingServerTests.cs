using System.Net;
using System.Text;
using System.Text.Json.Nodes;
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

    [Fact]
    public async Task ACallAnsweredBeforeAnyEvent_IsOneJsonBodyWithItsLength()
    {
        using var http = new HttpClient();
        var session = await RawMcp.InitializeSessionAsync(http, _gateway.McpUrl);

        using var response = await http.SendAsync(RawMcp.Post(_gateway.McpUrl,
            """{"jsonrpc":"2.0","id":"call-7","method":"tools/call","params":{"name":"echo","arguments":{"message":"as json"}}}""",
            sessionId: session), TestContext.Timeout);
        var body = await response.Content.ReadAsStringAsync(TestContext.Timeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Encoding.UTF8.GetByteCount(body), response.Content.Headers.ContentLength);
        var answer = JsonNode.Parse(body)!;
        Assert.Equal("call-7", answer["id"]?.GetValue<string>());
        Assert.Equal("Echo: as json", answer["result"]?["content"]?[0]?["text"]?.GetValue<string>());
    }

    [Fact]
    public async Task ACallThatReportsProgress_StreamsEachStepInOrderThenItsAnswer()
    {
        using var http = new HttpClient();
        var session = await RawMcp.InitializeSessionAsync(http, _gateway.McpUrl);
        const int Steps = 4; // as the request below asks

        using var response = await http.SendAsync(RawMcp.Post(_gateway.McpUrl,
            """{"jsonrpc":"2.0","id":8,"method":"tools/call","params":{"name":"trigger-long-running-operation","arguments":{"duration":1,"steps":4},"_meta":{"progressToken":"raw-progress"}}}""",
            sessionId: session), TestContext.Timeout);
        var events = await RawMcp.ReadEventsAsync(response);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Steps + 1, events.Count);
        var progress = events.Take(Steps).ToArray();
        Assert.All(progress, message =>
        {
            Assert.Equal("notifications/progress", message["method"]?.GetValue<string>());
            Assert.Equal("raw-progress", message["params"]?["progressToken"]?.GetValue<string>());
        });
        Assert.Equal(Enumerable.Range(1, Steps).Select(step => (double)step), progress.Select(message => message["params"]!["progress"]!.GetValue<double>()));
        Assert.Equal(8, events[^1]["id"]?.GetValue<int>());
        Assert.NotNull(events[^1]["result"]);
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
