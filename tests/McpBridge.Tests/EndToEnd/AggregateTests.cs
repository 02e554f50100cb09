using System.Text.Json.Nodes;
using McpBridge.Tests.Infrastructure;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpBridge.Tests.EndToEnd;

/// <summary>
/// The aggregated <c>/mcp</c> of a gateway with several servers: server-everything and server-memory (isolated), the
/// time sample (a shared pool) and the test server that crashes on demand, all as one MCP server to the C# SDK client.
/// </summary>
public sealed class AggregateTests : IAsyncLifetime
{
    private GatewayProcess _gateway = null!;

    public async Task InitializeAsync()
    {
        var config = await McpServersFile.WriteAsync(
            ("everything", ["node", RepoPaths.EverythingServer, "stdio"]),
            ("memory", ["node", RepoPaths.MemoryServer]),
            ("time", ["dotnet", RepoPaths.TimeServerDll]),
            ("faulty", ["dotnet", RepoPaths.TestServerDll, "--fault", "crash-on-call"]));
        _gateway = await GatewayProcess.StartAsync("--config", config,
            "--Servers:time:Policy=Shared", "--Servers:time:PoolSize=1",
            "--Servers:memory:Env:MEMORY_FILE_PATH=" + Path.Combine(Path.GetTempPath(), $"mcpbridge-memory-{Guid.NewGuid():N}.jsonl"),
            "--Servers:everything:Tools:Deny:0=get-env");
        await _gateway.EverythingSettledAsync();
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task Initialize_AnswersTheGateway_WithTheUnionOfCapabilities_AndEachServersInstructionsUnderItsName()
    {
        await using var client = await Clients.ConnectAsync(_gateway.McpUrl);

        Assert.Equal("mcpbridge", client.ServerInfo?.Name);
        Assert.True(client.ServerCapabilities.Tools?.ListChanged);
        Assert.NotNull(client.ServerCapabilities.Prompts);
        Assert.True(client.ServerCapabilities.Resources?.Subscribe);
        Assert.NotNull(client.ServerCapabilities.Completions);
        Assert.Contains("## everything", client.ServerInstructions);
    }

    [Theory]
    [MemberData(nameof(Revisions.Both), MemberType = typeof(Revisions))]
    public async Task Tools_OfEveryServer_AreListedUnderItsPrefix_AndEachCallReachesItsServer(string revision)
    {
        await using var client = await Clients.ConnectAsync(_gateway.McpUrl, revision);

        var names = (await client.ListToolsAsync(cancellationToken: TestContext.Timeout)).Select(tool => tool.Name).ToList();
        var echo = await client.CallToolAsync("everything__echo", new Dictionary<string, object?> { ["message"] = "one url" }, cancellationToken: TestContext.Timeout);
        var time = await client.CallToolAsync("time__get_current_time", new Dictionary<string, object?> { ["timezone"] = "Asia/Tokyo" }, cancellationToken: TestContext.Timeout);
        await client.CallToolAsync("memory__create_entities", new Dictionary<string, object?>
        {
            ["entities"] = new[] { new Dictionary<string, object?> { ["name"] = "gateway", ["entityType"] = "project", ["observations"] = new[] { "aggregated" } } },
        }, cancellationToken: TestContext.Timeout);
        var graph = await client.CallToolAsync("memory__read_graph", new Dictionary<string, object?>(), cancellationToken: TestContext.Timeout);

        Assert.Contains("everything__echo", names);
        Assert.Contains("memory__read_graph", names);
        Assert.Contains("time__convert_time", names);
        Assert.Contains("faulty__echo", names);
        Assert.All(names, name => Assert.Matches("^[a-zA-Z0-9_-]{1,64}$", name));
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Equal("Echo: one url", Text(echo));
        Assert.Contains("Asia/Tokyo", Text(time));
        Assert.Contains("aggregated", Text(graph));
    }

    [Fact]
    public async Task ADeniedTool_IsNeitherListedNorCallable_OnTheAggregateAndOnItsServersOwnEndpoint()
    {
        await using var aggregate = await Clients.ConnectAsync(_gateway.McpUrl);
        await using var own = await Clients.ConnectAsync(_gateway.ServerUrl("everything"));

        var listed = (await aggregate.ListToolsAsync(cancellationToken: TestContext.Timeout)).Select(tool => tool.Name).ToList();
        var ownListed = (await own.ListToolsAsync(cancellationToken: TestContext.Timeout)).Select(tool => tool.Name).ToList();
        var viaAggregate = await Assert.ThrowsAsync<McpProtocolException>(() =>
            aggregate.CallToolAsync("everything__get-env", new Dictionary<string, object?>(), cancellationToken: TestContext.Timeout).AsTask());
        var viaOwn = await Assert.ThrowsAsync<McpProtocolException>(() =>
            own.CallToolAsync("get-env", new Dictionary<string, object?>(), cancellationToken: TestContext.Timeout).AsTask());
        // A tool the server does not have is the server's to answer (server-everything: a result with isError).
        var unknown = await aggregate.CallToolAsync("everything__no-such-tool", new Dictionary<string, object?>(), cancellationToken: TestContext.Timeout);

        Assert.DoesNotContain("everything__get-env", listed);
        Assert.Contains("everything__get-sum", listed);
        Assert.DoesNotContain("get-env", ownListed);
        Assert.Contains("echo", ownListed);
        Assert.Equal(McpErrorCode.InvalidParams, viaAggregate.ErrorCode);
        Assert.Equal(McpErrorCode.InvalidParams, viaOwn.ErrorCode);
        Assert.Contains("Unknown tool: get-env", viaOwn.Message);
        Assert.Contains("Unknown tool: everything__get-env", viaAggregate.Message);
        Assert.True(unknown.IsError);
        Assert.Contains("no-such-tool", Text(unknown));
    }

    [Fact]
    public async Task Prompts_Resources_AndTemplateReads_GoToTheServerThatOwnsThem()
    {
        await using var client = await Clients.ConnectAsync(_gateway.McpUrl);

        var prompts = await client.ListPromptsAsync(cancellationToken: TestContext.Timeout);
        var prompt = await client.GetPromptAsync("everything__simple-prompt", cancellationToken: TestContext.Timeout);
        var resources = await client.ListResourcesAsync(cancellationToken: TestContext.Timeout);
        var everythingResource = resources.First(resource => resource.Uri.StartsWith("demo://", StringComparison.Ordinal));
        var read = await client.ReadResourceAsync(everythingResource.Uri, cancellationToken: TestContext.Timeout);
        var templates = await client.ListResourceTemplatesAsync(cancellationToken: TestContext.Timeout);
        var fromTemplate = await client.ReadResourceAsync("test://template/42/data", cancellationToken: TestContext.Timeout);
        var completion = await client.CompleteAsync(new PromptReference { Name = "faulty__test_prompt_with_arguments" }, "arg1", "p",
            cancellationToken: TestContext.Timeout);

        Assert.Contains(prompts, p => p.Name == "everything__simple-prompt");
        Assert.Contains(prompts, p => p.Name == "faulty__test_simple_prompt");
        Assert.NotEmpty(prompt.Messages);
        Assert.Contains(resources, resource => resource.Uri == "test://static-text");
        Assert.Equal(everythingResource.Uri, read.Contents[0].Uri);
        Assert.Contains(templates, template => template.UriTemplate == "test://template/{id}/data");
        Assert.Contains("42", ((TextResourceContents)fromTemplate.Contents[0]).Text);
        Assert.NotNull(completion.Completion);
    }

    [Theory]
    [MemberData(nameof(Revisions.Both), MemberType = typeof(Revisions))]
    public async Task Sampling_AndProgress_OfAServer_ReachTheClient_ThroughTheAggregate(string revision)
    {
        var progress = new SessionProgress();
        var options = progress.AddTo(new McpClientOptions());
        options.Handlers.SamplingHandler = (request, _, _) => ValueTask.FromResult(new CreateMessageResult
        {
            Model = "test-model",
            Role = Role.Assistant,
            Content = [new TextContentBlock { Text = $"aggregate sampled {request?.Messages.Count} message(s)" }],
        });
        await using var client = await Clients.ConnectAsync(_gateway.McpUrl, revision, options);

        var sampled = await client.CallToolAsync("everything__trigger-sampling-request", new Dictionary<string, object?> { ["prompt"] = "hi" },
            cancellationToken: TestContext.Timeout);
        var longRunning = await client.CallToolAsync("everything__trigger-long-running-operation",
            new Dictionary<string, object?> { ["duration"] = 1, ["steps"] = 3 }, SessionProgress.Requested, cancellationToken: TestContext.Timeout);
        var allArrived = await progress.ArrivedAsync(values => values.Count >= 3);

        Assert.Contains("aggregate sampled 1 message(s)", Text(sampled));
        Assert.Contains("completed", Text(longRunning), StringComparison.OrdinalIgnoreCase);
        Assert.True(allArrived, $"Only {progress.Updates.Count} of 3 progress notifications arrived.");
    }

    [Fact]
    public async Task AServerThatCrashes_TakesOnlyItsOwnTools_OutOfTheSession_WhileACallRunsOnAnother()
    {
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = new McpClientOptions();
        options.Handlers.NotificationHandlers = [new(NotificationMethods.ToolListChangedNotification, (_, _) =>
        {
            changed.TrySetResult();
            return ValueTask.CompletedTask;
        })];
        await using var client = await Clients.ConnectAsync(_gateway.McpUrl, options: options);
        await using var bystander = await Clients.ConnectAsync(_gateway.McpUrl);

        var running = client.CallToolAsync("everything__trigger-long-running-operation",
            new Dictionary<string, object?> { ["duration"] = 2, ["steps"] = 2 }, cancellationToken: TestContext.Timeout).AsTask();
        var crash = await Assert.ThrowsAsync<McpProtocolException>(() =>
            client.CallToolAsync("faulty__crash", new Dictionary<string, object?>(), cancellationToken: TestContext.Timeout).AsTask());
        await changed.Task.WaitAsync(TestContext.Timeout);
        var after = (await client.ListToolsAsync(cancellationToken: TestContext.Timeout)).Select(tool => tool.Name).ToList();
        var gone = await Assert.ThrowsAsync<McpProtocolException>(() =>
            client.CallToolAsync("faulty__echo", new Dictionary<string, object?> { ["text"] = "x" }, cancellationToken: TestContext.Timeout).AsTask());

        Assert.Contains("exited with code 70", crash.Message);
        Assert.Contains("completed", Text(await running), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(after, name => name.StartsWith("faulty__", StringComparison.Ordinal));
        Assert.Contains("everything__echo", after);
        Assert.Contains("'faulty'", gone.Message);
        Assert.Equal("Echo: still one session", Text(await client.CallToolAsync("everything__echo",
            new Dictionary<string, object?> { ["message"] = "still one session" }, cancellationToken: TestContext.Timeout)));
        Assert.Equal("unaffected", Text(await bystander.CallToolAsync("faulty__echo",
            new Dictionary<string, object?> { ["text"] = "unaffected" }, cancellationToken: TestContext.Timeout)));
    }

    [Fact]
    public async Task ASessionOfTheAggregate_IsNotASessionOfAServer_AndEndsEveryChildItStarted()
    {
        using var http = new HttpClient();
        var before = _gateway.Children().ToHashSet();
        var sessionId = await RawMcp.InitializeSessionAsync(http, _gateway.McpUrl);
        var started = _gateway.Children().Where(pid => !before.Contains(pid)).ToList();

        using var elsewhere = await http.SendAsync(RawMcp.Post(_gateway.ServerUrl("everything"), """{"jsonrpc":"2.0","id":1,"method":"ping"}""", sessionId: sessionId), TestContext.Timeout);
        using var delete = await http.SendAsync(RawMcp.WithIdentity(new HttpRequestMessage(HttpMethod.Delete, _gateway.McpUrl), null, sessionId), TestContext.Timeout);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, elsewhere.StatusCode);
        Assert.Equal(3, started.Count); // everything, memory and faulty are isolated; time is the shared pool's
        await Eventually.TrueAsync(() => started.All(pid => !ProcessTree.IsAlive(pid)), "the session's children to stop");
    }

    [Theory]
    [InlineData("http", "/mcp")]
    [InlineData("sse", "/sse")]
    public async Task TheTypeScriptSdk_ListsCallsWithProgress_AndAnswersSampling_ThroughTheAggregate(string transport, string path)
    {
        var (exitCode, output, errors) = await NodeScript.RunAsync(
            ["client-matrix.mjs", "@modelcontextprotocol/sdk", transport, new Uri(_gateway.BaseAddress, path).ToString(), "faulty__"], TimeSpan.FromSeconds(90));

        Assert.True(exitCode == 0, $"The TypeScript SDK ({transport}) exited with {exitCode}:\n{errors}\n{output}");
        var seen = JsonNode.Parse(output.Trim().Split('\n')[^1])!;
        Assert.Equal("mcpbridge", (string?)seen["server"]);
        Assert.True((int?)seen["tools"] > 40, seen.ToJsonString());
        Assert.Contains(100, seen["progress"]!.AsArray().Select(value => (double?)value));
        Assert.Contains("sampled by the matrix client", (string?)seen["sampling"], StringComparison.Ordinal);
    }

    private static string Text(CallToolResult result) => Assert.IsType<TextContentBlock>(result.Content[0]).Text;

}
