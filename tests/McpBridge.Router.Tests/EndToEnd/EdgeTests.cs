using System.Diagnostics;
using System.Net;
using McpBridge.Router.Tests.Infrastructure;

namespace McpBridge.Router.Tests.EndToEnd;

/// <summary>
/// What the router answers itself (health, unknown sessions, bad configuration), and what it leaves to the replicas:
/// <c>Host</c> and <c>Origin</c> reach them unchanged, so their DNS-rebinding checks still hold.
/// </summary>
public sealed class EdgeTests : IAsyncLifetime
{
    private ReplicaSet _set = null!;

    public async Task InitializeAsync() => _set = await ReplicaSet.StartAsync(2, ReplicaSet.Everything);

    public async Task DisposeAsync() => await _set.DisposeAsync();

    [Theory]
    [InlineData("nosuchreplica.abc")]
    [InlineData("no-prefix")]
    public async Task SessionOfNoKnownReplica_Gets404WithAJsonRpcError(string sessionId)
    {
        using var http = new HttpClient();

        using var response = await http.SendAsync(RawMcp.Post(_set.Router.McpUrl, RawMcp.Request(3, "ping"), sessionId), TestContext.Timeout);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = Assert.Single(await RawMcp.MessagesAsync(response))["error"]!;
        Assert.Equal(-32001, (int)error["code"]!);
        Assert.Contains("initialize", (string)error["message"]!);
    }

    [Fact]
    public async Task ForeignHostAndOrigin_ReachTheReplicaUnchanged_WhichRefusesThem()
    {
        using var http = new HttpClient();
        using var foreignHost = RawMcp.Post(_set.Router.McpUrl, RawMcp.Request(4, "ping"));
        foreignHost.Headers.Host = "attacker.example";
        using var foreignOrigin = RawMcp.Post(_set.Router.McpUrl, RawMcp.Request(5, "ping"));
        foreignOrigin.Headers.Add("Origin", "http://attacker.example");

        using var hostRefused = await http.SendAsync(foreignHost, TestContext.Timeout);
        using var originRefused = await http.SendAsync(foreignOrigin, TestContext.Timeout);

        Assert.Equal(HttpStatusCode.Forbidden, hostRefused.StatusCode);
        Assert.Contains("attacker.example", await hostRefused.Content.ReadAsStringAsync(TestContext.Timeout));
        Assert.Equal(HttpStatusCode.Forbidden, originRefused.StatusCode);
        Assert.Contains("http://attacker.example", await originRefused.Content.ReadAsStringAsync(TestContext.Timeout));
    }

    [Fact]
    public async Task HealthEndpoints_AreTheRoutersOwn()
    {
        using var http = new HttpClient();

        using var live = await http.GetAsync(new Uri(_set.Router.BaseAddress, "/healthz"), TestContext.Timeout);
        using var ready = await http.GetAsync(new Uri(_set.Router.BaseAddress, "/readyz"), TestContext.Timeout);
        var replicas = await _set.Router.ReplicasAsync();

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("2 of 2", await ready.Content.ReadAsStringAsync(TestContext.Timeout));
        Assert.Equal(_set.Replicas.Select(replica => replica.Name).Order(), replicas.Select(replica => (string)replica!["name"]!).Order());
    }

    [Fact]
    public async Task ServerPaths_AreRoutedToo()
    {
        await using var client = await Clients.ConnectAsync(new Uri(_set.Router.BaseAddress, "/servers/default/mcp"));

        Assert.Equal("Echo: by name", await client.EchoAsync("by name"));
        Assert.Contains(_set.Replicas, replica => client.SessionId!.StartsWith(replica.Name + ".", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(new string[0], "Router:Replicas:0=http://HOST:PORT")]
    [InlineData(new[] { "--Router:Replicas:0=ftp://x", "--Router:PollInterval=00:00:00" }, "Router:Replicas:0 'ftp://x'", "Router:PollInterval")]
    [InlineData(new[] { "--Router:Replicas:0=http://127.0.0.1:1", "--Router:Dns:Name=gateway" }, "both set")]
    [InlineData(new[] { "--Router:Replicas:0=http://127.0.0.1:1", "--Router:InlineIo=maybe" }, "Router:InlineIo is 'maybe'")]
    public async Task InvalidConfiguration_StopsWithExitCode2_NamingEachKeyAndTheFix(string[] arguments, params string[] expected)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(RepoPaths.RouterDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var router = Process.Start(start)!;
        var output = router.StandardOutput.ReadToEndAsync(TestContext.Timeout);
        var errors = router.StandardError.ReadToEndAsync(TestContext.Timeout);
        try
        {
            await router.WaitForExitAsync(TestContext.Timeout);
        }
        finally
        {
            if (!router.HasExited)
            {
                ProcessTree.ForceKill(router.Id);
            }
        }

        var text = await output + await errors;
        Assert.Equal(2, router.ExitCode);
        Assert.Contains("McpBridge router cannot start", text);
        Assert.All(expected, part => Assert.Contains(part, text));
        Assert.DoesNotContain("   at ", text);
    }
}
