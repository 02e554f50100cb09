using System.Text.Json.Nodes;
using McpBridge.Tests.Infrastructure;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpBridge.Tests.EndToEnd;

/// <summary>
/// The <c>--config</c> file changed while the gateway runs: servers are added, removed and changed without a restart,
/// sessions of unchanged servers go on, and a broken file is refused while the running servers stay.
/// </summary>
public sealed class ReloadTests : IAsyncLifetime
{
    private string _config = null!;
    private GatewayProcess _gateway = null!;

    private static string[] TestServer(params string[] flags) => ["dotnet", RepoPaths.TestServerDll, .. flags];

    public async Task InitializeAsync()
    {
        _config = await McpServersFile.WriteAsync(("alpha", TestServer()), ("beta", TestServer()), ("gamma", ["dotnet", RepoPaths.TimeServerDll]));
        // SIGHUP as a user's shell leaves it, whether or not the test host inherited it ignored (a CI runner may).
        _gateway = await GatewayProcess.StartWithSighupAsync(ignored: false, "--config", _config);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        File.Delete(_config);
    }

    [Fact]
    public async Task AddingRemovingAndChangingServers_LeavesUnchangedSessionsAlone_AndTellsAggregatedSessions()
    {
        var (options, listChanged) = ToolListChangedWatch();
        await using var aggregate = await Clients.ConnectAsync(_gateway.McpUrl, options: options);
        await using var unchanged = await Clients.ConnectAsync(_gateway.ServerUrl("alpha"));
        await using var removed = await Clients.ConnectAsync(_gateway.ServerUrl("beta"));
        await using var changed = await Clients.ConnectAsync(_gateway.ServerUrl("gamma"));
        var childrenBefore = _gateway.Children();

        // beta goes, gamma becomes the test server, delta is new; alpha is as it was.
        await RewriteAsync(("alpha", TestServer()), ("gamma", TestServer()), ("delta", ["dotnet", RepoPaths.TimeServerDll]));
        await _gateway.WaitForOutputAsync("Configuration reloaded (a configuration source changed): servers added: delta; removed: beta; changed: gamma");
        await listChanged.WaitAsync(TestContext.Timeout);

        var names = (await aggregate.ListToolsAsync(cancellationToken: TestContext.Timeout)).Select(tool => tool.Name).ToList();
        Assert.Contains("delta__get_current_time", names);
        Assert.Contains("gamma__echo", names);
        Assert.DoesNotContain(names, name => name.StartsWith("beta__", StringComparison.Ordinal));
        Assert.Equal("alpha goes on", await EchoAsync(unchanged, "alpha goes on"));
        Assert.Equal("aggregate goes on", Text(await aggregate.CallToolAsync("alpha__echo", new Dictionary<string, object?> { ["text"] = "aggregate goes on" },
            cancellationToken: TestContext.Timeout)));
        using var http = new HttpClient();
        Assert.Equal(404, await PingStatusAsync(http, _gateway.ServerUrl("beta"), removed.SessionId!));
        Assert.Equal(404, await PingStatusAsync(http, _gateway.ServerUrl("gamma"), changed.SessionId!));
        await using var fresh = await Clients.ConnectAsync(_gateway.ServerUrl("gamma"));
        Assert.Equal("the new gamma", await EchoAsync(fresh, "the new gamma"));
        await Eventually.TrueAsync(() => childrenBefore.Count(ProcessTree.IsAlive) < childrenBefore.Count, "the removed and changed servers' children to stop");
    }

    [Fact]
    public async Task AServerThatJoinsAnAggregatedSession_GetsItsHeaderEnvFromTheHeadersThatOpenedTheSession()
    {
        const string Token = "joining-token-7d2e91";
        var (options, listChanged) = ToolListChangedWatch();
        await using var withHeader = await Clients.ConnectAsync(_gateway.McpUrl, options: options, headers: new Dictionary<string, string> { ["X-User-Token"] = Token });
        await using var withoutHeader = await Clients.ConnectAsync(_gateway.McpUrl);

        var servers = JsonNode.Parse(await File.ReadAllTextAsync(_config))!.AsObject();
        servers["mcpServers"]!["delta"] = new JsonObject
        {
            ["command"] = "dotnet",
            ["args"] = new JsonArray(RepoPaths.TestServerDll),
            ["headerEnv"] = new JsonObject { ["X-User-Token"] = "USER_TOKEN" },
        };
        var written = Path.Combine(Path.GetTempPath(), $"mcpbridge-servers-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(written, servers.ToJsonString());
        File.Move(written, _config, overwrite: true);
        await _gateway.WaitForOutputAsync("servers added: delta");
        await listChanged.WaitAsync(TestContext.Timeout);

        Assert.Equal(Token, await EnvAsync(withHeader, "delta__env", "USER_TOKEN"));
        Assert.Equal("(unset)", await EnvAsync(withoutHeader, "delta__env", "USER_TOKEN"));
        await using var opened = await Clients.ConnectAsync(_gateway.McpUrl, headers: new Dictionary<string, string> { ["X-User-Token"] = Token });
        Assert.Equal(Token, await EnvAsync(opened, "delta__env", "USER_TOKEN"));
        Assert.DoesNotContain(Token, _gateway.Output);
    }

    [Fact]
    public async Task AFileWithProblems_IsRefusedWithEveryProblem_AndTheRunningServersStay()
    {
        await using var session = await Clients.ConnectAsync(_gateway.ServerUrl("alpha"));

        var broken = new JsonObject
        {
            ["mcpServers"] = new JsonObject
            {
                ["alpha"] = new JsonObject { ["command"] = "" },
                ["beta"] = new JsonObject { ["command"] = "dotnet", ["policy"] = "Shared", ["poolSize"] = 0 },
            },
        };
        // Written in place, as an editor saves: a read that meets the file half-written is refused too (as not JSON),
        // so the test waits for the problems of the whole file, which the read after the last write names.
        await File.WriteAllTextAsync(_config, broken.ToJsonString());
        await _gateway.WaitForOutputAsync("Servers:alpha:Command is empty");
        Assert.Contains("has problems and was not applied; the running servers stay", _gateway.Output);
        Assert.Contains("Servers:beta:PoolSize is 0", _gateway.Output);
        var printed = _gateway.Output.Length;
        await File.WriteAllTextAsync(_config, "{ not json");
        await Eventually.TrueAsync(() => _gateway.Output[printed..].Contains("is not valid JSON", StringComparison.Ordinal),
            "the gateway to refuse the file that is not JSON");

        Assert.Equal("still serving", await EchoAsync(session, "still serving"));
        await using var another = await Clients.ConnectAsync(_gateway.ServerUrl("gamma"));
        Assert.Contains("get_current_time", (await another.ListToolsAsync(cancellationToken: TestContext.Timeout)).Select(tool => tool.Name));
    }

    [Fact]
    public async Task Sighup_ReadsTheConfigurationAgain_AndDoesNotEndTheGateway()
    {
        ProcessTree.Hangup(_gateway.Pid);

        await _gateway.WaitForOutputAsync("Reading the configuration again (SIGHUP)");
        await _gateway.WaitForOutputAsync("Configuration reloaded (a configuration source changed): no server changed");
        await using var session = await Clients.ConnectAsync(_gateway.ServerUrl("alpha"));
        Assert.Equal("after SIGHUP", await EchoAsync(session, "after SIGHUP"));
    }

    [Fact]
    public async Task Sighup_InheritedAsIgnored_IsSaidAtStart_AndEndsNothing()
    {
        await using var nohup = await GatewayProcess.StartWithSighupAsync(ignored: true, "--config", _config);
        await nohup.WaitForOutputAsync("SIGHUP is ignored by this process (it was started with SIGHUP ignored, as nohup does)");

        ProcessTree.Hangup(nohup.Pid);

        await using var session = await Clients.ConnectAsync(nohup.ServerUrl("alpha"));
        Assert.Equal("after SIGHUP", await EchoAsync(session, "after SIGHUP"));
        Assert.DoesNotContain("Reading the configuration again (SIGHUP)", nohup.Output);
    }

    /// <summary>Client options whose task completes when the session is told its tool list changed.</summary>
    private static (McpClientOptions Options, Task ListChanged) ToolListChangedWatch()
    {
        var listChanged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = new McpClientOptions();
        options.Handlers.NotificationHandlers = [new(NotificationMethods.ToolListChangedNotification, (_, _) =>
        {
            listChanged.TrySetResult();
            return ValueTask.CompletedTask;
        })];
        return (options, listChanged.Task);
    }

    private async Task RewriteAsync(params (string Name, string[] Command)[] servers)
    {
        var written = await McpServersFile.WriteAsync(servers);
        File.Move(written, _config, overwrite: true);
    }

    private static async Task<string> EchoAsync(McpClient client, string text) =>
        Text(await client.CallToolAsync("echo", new Dictionary<string, object?> { ["text"] = text }, cancellationToken: TestContext.Timeout));

    private static async Task<string> EnvAsync(McpClient client, string tool, string name) =>
        Text(await client.CallToolAsync(tool, new Dictionary<string, object?> { ["name"] = name }, cancellationToken: TestContext.Timeout));

    private static string Text(CallToolResult result) => Assert.IsType<TextContentBlock>(result.Content[0]).Text;

    private static async Task<int> PingStatusAsync(HttpClient http, Uri url, string sessionId)
    {
        using var response = await http.SendAsync(RawMcp.Post(url, """{"jsonrpc":"2.0","id":1,"method":"ping"}""", sessionId: sessionId), TestContext.Timeout);
        return (int)response.StatusCode;
    }
}
