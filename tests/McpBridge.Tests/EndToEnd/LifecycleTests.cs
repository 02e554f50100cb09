using System.Net;
using McpBridge.Tests.Infrastructure;

namespace McpBridge.Tests.EndToEnd;

/// <summary>Sessions and children come and go as users expect: reaped when idle, capped, stopped with the gateway.</summary>
public sealed class LifecycleTests
{
    private static readonly string[] Everything = ["node", RepoPaths.EverythingServer, "stdio"];

    [Fact]
    public async Task IdleSession_IsReaped_EvenWithAnOpenGetStream()
    {
        await using var gateway = await GatewayProcess.ServeAsync(["--Bridge:SessionIdleTimeout=00:00:03"], Everything);
        var before = await gateway.ReadyChildrenAsync();
        await using var client = await Clients.ConnectAsync(gateway.McpUrl);
        var child = Assert.Single(gateway.Children(), pid => ProcessTree.IsNode(pid) && !before.Contains(pid));

        await Eventually.TrueAsync(() => !ProcessTree.IsAlive(child), "the idle session's child to stop");

        using var http = new HttpClient();
        using var ping = new HttpRequestMessage(HttpMethod.Post, gateway.McpUrl)
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":9,"method":"ping"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        ping.Headers.Add("Accept", "application/json, text/event-stream");
        ping.Headers.Add("Mcp-Session-Id", client.SessionId);
        ping.Headers.Add("MCP-Protocol-Version", Revisions.Sessions);
        Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync(ping, TestContext.Timeout)).StatusCode);
    }

    [Fact]
    public async Task GetStream_OpensAtOnce_EchoingTheSessionIdTheClientHolds()
    {
        await using var gateway = await GatewayProcess.ServeAsync([], Everything);
        using var http = new HttpClient();
        using var initialize = RawMcp.Post(gateway.McpUrl, RawMcp.Initialize);
        using var initialized = await http.SendAsync(initialize, TestContext.Timeout);
        var sessionId = initialized.Headers.GetValues("Mcp-Session-Id").Single();
        using var stream = new HttpRequestMessage(HttpMethod.Get, gateway.McpUrl);
        stream.Headers.Add("Accept", "text/event-stream");
        stream.Headers.Add("Mcp-Session-Id", sessionId);
        stream.Headers.Add("MCP-Protocol-Version", Revisions.Sessions);

        // Headers first, before any event: clients with a response-header timeout must not see a quiet stream as dead.
        using var response = await http.SendAsync(stream, HttpCompletionOption.ResponseHeadersRead, TestContext.Timeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(sessionId, response.Headers.GetValues("Mcp-Session-Id").Single());
    }

    [Fact]
    public async Task SessionCap_Answers503WithRetryAfter()
    {
        await using var gateway = await GatewayProcess.ServeAsync(["--Bridge:MaxSessions=1"], Everything);
        await using var first = await Clients.ConnectAsync(gateway.McpUrl);
        using var http = new HttpClient();
        using var request = RawMcp.Post(gateway.McpUrl, RawMcp.Initialize);

        var response = await http.SendAsync(request, TestContext.Timeout);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.NotEmpty(await first.ListToolsAsync(cancellationToken: TestContext.Timeout));
    }

    [Fact]
    public async Task ConfigFile_ServesEachServerAtItsOwnPath()
    {
        var config = Path.Combine(Path.GetTempPath(), $"mcpbridge-{Guid.NewGuid():N}.json");
        var servers = new System.Text.Json.Nodes.JsonObject
        {
            ["everything"] = new System.Text.Json.Nodes.JsonObject { ["command"] = "node", ["args"] = new System.Text.Json.Nodes.JsonArray(RepoPaths.EverythingServer, "stdio") },
            ["memory"] = new System.Text.Json.Nodes.JsonObject
            {
                ["command"] = "node",
                ["args"] = new System.Text.Json.Nodes.JsonArray(RepoPaths.MemoryServer),
                ["env"] = new System.Text.Json.Nodes.JsonObject { ["MEMORY_FILE_PATH"] = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.jsonl") },
            },
        };
        await File.WriteAllTextAsync(config, new System.Text.Json.Nodes.JsonObject { ["mcpServers"] = servers }.ToJsonString());
        try
        {
            await using var gateway = await GatewayProcess.StartAsync("--config", config);
            await using var everything = await Clients.ConnectAsync(gateway.ServerUrl("everything"));
            await using var memory = await Clients.ConnectAsync(gateway.ServerUrl("memory"));

            Assert.Equal("mcp-servers/everything", everything.ServerInfo?.Name);
            Assert.Contains(await memory.ListToolsAsync(cancellationToken: TestContext.Timeout), tool => tool.Name == "read_graph");
            using var http = new HttpClient();
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(gateway.ServerUrl("nope"), TestContext.Timeout)).StatusCode);
        }
        finally
        {
            File.Delete(config);
        }
    }

    [Fact]
    public async Task InvalidConfiguration_StopsStartUp_ListingEveryProblem()
    {
        var (exitCode, output) = await GatewayProcess.RunToExitAsync("--urls", "http://127.0.0.1:0", "--Servers:broken:Command=", "--Bridge:MaxSessions=0", "--Telemetry:Prometheus=yes", "--Edge:InlineIo=sometimes");

        Assert.Equal(2, exitCode);
        Assert.Contains("Servers:broken:Command is empty", output);
        Assert.Contains("Bridge:MaxSessions is 0", output);
        Assert.Contains("Telemetry:Prometheus is 'yes'", output);
        Assert.Contains("Edge:InlineIo is 'sometimes'", output);
        Assert.DoesNotContain("   at ", output);
    }

    private static async Task<int> RunGatewayCommandAsync(params string[] arguments) => (await GatewayProcess.RunToExitAsync(arguments)).ExitCode;

    [Fact]
    public async Task HealthcheckMode_ExitsZeroWhileTheGatewayRuns_AndOneAfter()
    {
        var gateway = await GatewayProcess.ServeAsync([], Everything);
        var healthz = new Uri(gateway.BaseAddress, "/healthz").ToString();

        var whileRunning = await RunGatewayCommandAsync("--healthcheck", healthz);
        await gateway.DisposeAsync();
        var afterStop = await RunGatewayCommandAsync("--healthcheck", healthz);

        Assert.Equal(0, whileRunning);
        Assert.Equal(1, afterStop);
    }

    [Fact]
    public async Task Sigterm_StopsEveryChild()
    {
        var gateway = await GatewayProcess.ServeAsync([], Everything);
        await using var a = await Clients.ConnectAsync(gateway.McpUrl);
        await using var b = await Clients.ConnectAsync(gateway.McpUrl);
        await using var c = await Clients.ConnectAsync(gateway.McpUrl);
        Assert.True(gateway.Children().Count(ProcessTree.IsNode) >= 4, "three session children and the stateless one");

        var leftovers = await gateway.StopAsync();

        Assert.Empty(leftovers);
        await gateway.DisposeAsync();
    }
}
