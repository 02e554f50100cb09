using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using McpBridge.Tests.Infrastructure;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpBridge.Tests.EndToEnd;

/// <summary>
/// A legacy HTTP+SSE session is held to what a Streamable HTTP session is: API keys (the session bound to its key),
/// limits, drain, isolation from other sessions, and the off switch <c>Edge:LegacySse=false</c>.
/// </summary>
public sealed class LegacySseSessionTests
{
    private const string AliceKey = "alice-0123456789abcdef";
    private const string BobKey = "bob-fedcba9876543210";

    [Fact]
    public async Task WithKeys_TheStreamNeedsOne_AndItsSessionAnswersOnlyTheKeyThatOpenedIt()
    {
        await using var gateway = await GatewayProcess.ServeAsync([$"--Auth:Keys:alice={AliceKey}", $"--Auth:Keys:bob={BobKey}"],
            "dotnet", RepoPaths.TestServerDll);
        using var http = new HttpClient();
        using var anonymous = await http.GetAsync(new Uri(gateway.BaseAddress, "/sse"), HttpCompletionOption.ResponseHeadersRead, TestContext.Timeout);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        await using var alice = await LegacySseClient.OpenAsync(new Uri(gateway.BaseAddress, "/sse"), AliceKey);
        await alice.InitializeAsync();
        using var asBob = await alice.PostAsync(RawMcp.Ping, BobKey);
        using var withoutKey = await http.PostAsync(alice.MessageEndpoint, new StringContent(RawMcp.Ping, Encoding.UTF8, "application/json"), TestContext.Timeout);

        Assert.Equal(HttpStatusCode.NotFound, asBob.StatusCode);
        Assert.Equal(-32001, (int?)(await RawMcp.ReadMessageAsync(asBob))["error"]?["code"]);
        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
        Assert.Equal("alice's", await alice.CallToolTextAsync(3, "echo", new JsonObject { ["text"] = "alice's" }));
    }

    [Fact]
    public async Task ARunningCall_HoldsItsPost_SoTheConcurrencyLimitRefusesTheNextRequestWith429_ButNotTheClientsAnswer()
    {
        await using var gateway = await GatewayProcess.ServeAsync(["--Limits:ConcurrentRequests=1"], "dotnet", RepoPaths.TestServerDll);
        await using var client = await LegacySseClient.OpenAsync(new Uri(gateway.BaseAddress, "/sse"));
        await client.InitializeAsync(new JsonObject { ["sampling"] = new JsonObject() });
        var (call, question) = await client.StartSamplingCallAsync(5);

        using var refused = await client.PostAsync("""{"jsonrpc":"2.0","id":6,"method":"ping"}""");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);

        using var answered = await client.AnswerSamplingAsync(question, "answered under the limit");
        Assert.Equal(HttpStatusCode.Accepted, answered.StatusCode);
        Assert.Contains("answered under the limit", (string?)(await client.AnswerToAsync(5))["result"]?["content"]?[0]?["text"]);
        using var posted = await call;
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
    }

    [Fact]
    public async Task Sigterm_RefusesNewStreamsWith503_LetsTheRunningCallFinish_ThenClosesTheStream()
    {
        var gateway = await GatewayProcess.ServeAsync([], "dotnet", RepoPaths.TestServerDll);
        await using var client = await LegacySseClient.OpenAsync(new Uri(gateway.BaseAddress, "/sse"));
        await client.InitializeAsync(new JsonObject { ["sampling"] = new JsonObject() });
        var (call, question) = await client.StartSamplingCallAsync(5);

        ProcessTree.Terminate(gateway.Pid);

        using var http = new HttpClient();
        await Eventually.TrueAsync(async () =>
        {
            using var fresh = await http.GetAsync(new Uri(gateway.BaseAddress, "/sse"), HttpCompletionOption.ResponseHeadersRead, TestContext.Timeout);
            return fresh.StatusCode == HttpStatusCode.ServiceUnavailable && fresh.Headers.RetryAfter is not null;
        }, "a new stream to get 503 while the gateway drains");
        using var answered = await client.AnswerSamplingAsync(question, "answered during the drain");
        Assert.Contains("answered during the drain", (string?)(await client.AnswerToAsync(5))["result"]?["content"]?[0]?["text"]);
        using var posted = await call;
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        await client.Closed.WaitAsync(TestContext.Timeout);
        await gateway.DisposeAsync();
    }

    [Fact]
    public async Task ALegacySseSessionAndAStreamableHttpSession_OfAnIsolatedMemoryServer_NeverShareState()
    {
        var store = Path.Combine(Path.GetTempPath(), $"mcpbridge-legacy-{Guid.NewGuid():N}");
        Directory.CreateDirectory(store);
        try
        {
            // Each session's initialize (for SSE: its GET) names its own memory file; isolated children keep to theirs.
            await using var gateway = await GatewayProcess.ServeAsync(["--Servers:default:HeaderEnv:X-Memory-File=MEMORY_FILE_PATH"],
                "node", RepoPaths.MemoryServer);
            await using var sse = await LegacySseClient.OpenAsync(new Uri(gateway.BaseAddress, "/sse"),
                headers: new Dictionary<string, string> { ["X-Memory-File"] = Path.Combine(store, "sse.jsonl") });
            await using var streamable = await Clients.ConnectAsync(gateway.McpUrl,
                headers: new Dictionary<string, string> { ["X-Memory-File"] = Path.Combine(store, "streamable.jsonl") });
            await sse.InitializeAsync();

            await sse.CallToolTextAsync(2, "create_entities", new JsonObject
            {
                ["entities"] = new JsonArray(new JsonObject { ["name"] = "legacy", ["entityType"] = "transport", ["observations"] = new JsonArray("seen over SSE") }),
            });
            await streamable.CallToolAsync("create_entities", new Dictionary<string, object?>
            {
                ["entities"] = new[] { new Dictionary<string, object?> { ["name"] = "current", ["entityType"] = "transport", ["observations"] = new[] { "seen over Streamable HTTP" } } },
            }, cancellationToken: TestContext.Timeout);

            var sseGraph = await sse.CallToolTextAsync(3, "read_graph");
            var streamableGraph = Assert.IsType<TextContentBlock>((await streamable.CallToolAsync("read_graph", cancellationToken: TestContext.Timeout)).Content[0]).Text;
            Assert.Contains("seen over SSE", sseGraph);
            Assert.DoesNotContain("seen over Streamable HTTP", sseGraph);
            Assert.Contains("seen over Streamable HTTP", streamableGraph);
            Assert.DoesNotContain("seen over SSE", streamableGraph);
        }
        finally
        {
            Directory.Delete(store, recursive: true);
        }
    }

    [Fact]
    public async Task WithTwoServers_EachHasItsOwnStream_TheRootIsTheAggregate_AndOneServersSessionIsUnknownToTheOther()
    {
        await using var gateway = await GatewayProcess.StartAsync(
            "--Servers:one:Command=dotnet", $"--Servers:one:Args:0={RepoPaths.TestServerDll}",
            "--Servers:two:Command=dotnet", $"--Servers:two:Args:0={RepoPaths.TestServerDll}");

        await using var one = await LegacySseClient.OpenAsync(new Uri(gateway.BaseAddress, "/servers/one/sse"));
        await using var two = await LegacySseClient.OpenAsync(new Uri(gateway.BaseAddress, "/servers/two/sse"));
        await using var both = await LegacySseClient.OpenAsync(new Uri(gateway.BaseAddress, "/sse"));
        await one.InitializeAsync();
        await two.InitializeAsync();
        await both.InitializeAsync();
        using var crossed = await one.PostAsync(RawMcp.Ping, endpoint: new Uri(gateway.BaseAddress, $"/servers/two/message?sessionId={one.SessionId}"));
        var tools = (await both.RequestAsync(3, "tools/list"))["result"]!["tools"]!.AsArray().Select(tool => (string)tool!["name"]!).ToList();

        Assert.Equal(HttpStatusCode.NotFound, crossed.StatusCode);
        Assert.NotEqual(await one.CallToolTextAsync(2, "whoami"), await two.CallToolTextAsync(2, "whoami"));
        Assert.Contains("one__whoami", tools);
        Assert.Contains("two__whoami", tools);
        Assert.Equal("through the aggregate", await both.CallToolTextAsync(4, "two__echo", new JsonObject { ["text"] = "through the aggregate" }));
    }

    [Fact]
    public async Task TheOffSwitch_MapsNoLegacyEndpoints_AndStreamableHttpGoesOn()
    {
        await using var gateway = await GatewayProcess.ServeAsync(["--Edge:LegacySse=false"], "dotnet", RepoPaths.TestServerDll);
        using var http = new HttpClient();

        using var stream = await http.GetAsync(new Uri(gateway.BaseAddress, "/sse"), HttpCompletionOption.ResponseHeadersRead, TestContext.Timeout);
        using var named = await http.GetAsync(new Uri(gateway.BaseAddress, "/servers/default/sse"), HttpCompletionOption.ResponseHeadersRead, TestContext.Timeout);

        Assert.Equal(HttpStatusCode.NotFound, stream.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, named.StatusCode);
        var error = JsonNode.Parse(await stream.Content.ReadAsStringAsync(TestContext.Timeout))!["error"]!;
        Assert.Contains("Edge:LegacySse", (string?)error["message"], StringComparison.Ordinal);
        await using var client = await Clients.ConnectAsync(gateway.McpUrl);
        Assert.NotEmpty(await client.ListToolsAsync(cancellationToken: TestContext.Timeout));
    }

    [Fact]
    public async Task TheOfficialCSharpSseClient_IsASessionInTheTelemetry_WithItsChildPid()
    {
        await using var gateway = new InProcessGateway(["dotnet", RepoPaths.TestServerDll]);
        await using var client = await McpClient.CreateAsync(
            new HttpClientTransport(
                new HttpClientTransportOptions { Endpoint = new Uri(gateway.Server.BaseAddress, "/sse"), TransportMode = HttpTransportMode.Sse },
                gateway.CreateHttp(),
                ownsHttpClient: true),
            cancellationToken: TestContext.Timeout);

        var pid = Assert.IsType<TextContentBlock>((await client.CallToolAsync("whoami", cancellationToken: TestContext.Timeout)).Content[0]).Text;

        var span = await gateway.Spans.WaitForAsync(
            candidate => candidate.Source.Name == "McpBridge" && candidate.DisplayName == "tools/call whoami", "the span of tools/call over SSE");
        Assert.Equal("default", span.GetTagItem("mcpbridge.server"));
        Assert.Equal(int.Parse(pid, System.Globalization.CultureInfo.InvariantCulture), span.GetTagItem("mcpbridge.child.pid"));
        Assert.Matches(@"^[0-9a-f]+\.[0-9a-f]{32}$", (string?)span.GetTagItem("mcp.session.id"));
    }
}
