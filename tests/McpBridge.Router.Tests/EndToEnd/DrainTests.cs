using System.Net;
using McpBridge.Router.Tests.Infrastructure;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpBridge.Router.Tests.EndToEnd;

/// <summary>
/// A replica told to stop (SIGTERM) drains: the call it is running finishes and reaches its client through the router,
/// new sessions go to the other replicas, and once it has stopped its sessions get 404.
/// </summary>
public sealed class DrainTests : IAsyncLifetime
{
    private ReplicaSet _set = null!;

    public async Task InitializeAsync() => _set = await ReplicaSet.StartAsync(3, ReplicaSet.Everything, ["--Bridge:DrainTimeout=00:00:30"]);

    public async Task DisposeAsync() => await _set.DisposeAsync();

    [Fact]
    public async Task Sigterm_TheRunningCallFinishes_NewSessionsGoElsewhere_ThenItsSessionsGet404()
    {
        await using var client = await Clients.ConnectAsync(_set.Router.McpUrl);
        var draining = _set.OwnerOf(client.SessionId!);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slowCall = client.CallToolAsync(
            "trigger-long-running-operation",
            new Dictionary<string, object?> { ["duration"] = 4, ["steps"] = 4 },
            new Progress(started),
            cancellationToken: TestContext.Timeout).AsTask();
        await started.Task.WaitAsync(TestContext.Timeout);

        draining.Process.Terminate();
        using var http = new HttpClient();
        await Eventually.TrueAsync(() => IsNotReadyAsync(http, draining), "the replica to drain (/readyz no longer 200)");

        // The router may not have polled it yet: a replica that refuses a new session (503, or no connection) is skipped
        // for the next one.
        for (var i = 0; i < 3; i++)
        {
            await using var newcomer = await Clients.ConnectAsync(_set.Router.McpUrl);
            Assert.NotEqual(draining, _set.OwnerOf(newcomer.SessionId!));
            Assert.Equal($"Echo: newcomer {i}", await newcomer.EchoAsync($"newcomer {i}"));
        }

        var result = await slowCall;
        Assert.Contains("Long running operation completed", ((TextContentBlock)result.Content[0]).Text);

        await draining.Process.Exited.WaitAsync(TestContext.Timeout);
        using var ping = await http.SendAsync(RawMcp.Post(_set.Router.McpUrl, RawMcp.Request(9, "ping"), client.SessionId), TestContext.Timeout);
        Assert.Equal(HttpStatusCode.NotFound, ping.StatusCode);
    }

    private static async Task<bool> IsNotReadyAsync(HttpClient http, GatewayReplica replica)
    {
        try
        {
            using var ready = await http.GetAsync(new Uri(replica.BaseAddress, "/readyz"), TestContext.Timeout);
            return ready.StatusCode == HttpStatusCode.ServiceUnavailable;
        }
        catch (HttpRequestException)
        {
            // The gateway stops listening when it stops; its running calls go on over their open connections.
            return true;
        }
    }

    private sealed class Progress(TaskCompletionSource started) : IProgress<ProgressNotificationValue>
    {
        public void Report(ProgressNotificationValue value) => started.TrySetResult();
    }
}
