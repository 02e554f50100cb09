using System.Net;
using McpBridge.Router.Tests.Infrastructure;
using ModelContextProtocol.Client;

namespace McpBridge.Router.Tests.EndToEnd;

/// <summary>
/// A replica that dies takes its sessions with it: their next request gets 404 and the client starts a new session
/// through the router, on a replica that lives. Sessions on the other replicas never notice.
/// </summary>
public sealed class ReplicaLossTests : IAsyncLifetime
{
    private ReplicaSet _set = null!;

    public async Task InitializeAsync() => _set = await ReplicaSet.StartAsync(3, ReplicaSet.Everything);

    public async Task DisposeAsync() => await _set.DisposeAsync();

    [Fact]
    public async Task KilledReplica_ItsSessionsGet404AndReinitialize_TheOthersNeverNotice()
    {
        var clients = new List<McpClient>();
        for (var i = 0; i < 9; i++)
        {
            clients.Add(await Clients.ConnectAsync(_set.Router.McpUrl));
        }

        try
        {
            var victim = _set.OwnerOf(clients[0].SessionId!);
            var doomed = clients.Where(client => _set.OwnerOf(client.SessionId!) == victim).ToList();
            var survivors = clients.Except(doomed).ToList();
            Assert.NotEmpty(survivors);

            // The survivors keep calling, before, during and after the kill.
            using var stop = new CancellationTokenSource();
            var traffic = survivors.Select((client, i) => CallUntilStoppedAsync(client, $"survivor {i}", stop.Token)).ToList();

            victim.Process.Crash();
            await victim.Process.Exited.WaitAsync(TestContext.Timeout);

            using var http = new HttpClient();
            foreach (var client in doomed)
            {
                using var ping = await http.SendAsync(RawMcp.Post(_set.Router.McpUrl, RawMcp.Request(7, "ping"), client.SessionId), TestContext.Timeout);
                var error = Assert.Single(await RawMcp.MessagesAsync(ping))["error"]!;

                Assert.Equal(HttpStatusCode.NotFound, ping.StatusCode);
                Assert.Equal(-32001, (int)error["code"]!);
                await Assert.ThrowsAnyAsync<Exception>(() => client.EchoAsync("into the void"));
            }

            // Starting over through the router lands on a replica that lives.
            await using var again = await Clients.ConnectAsync(_set.Router.McpUrl);
            Assert.NotEqual(victim, _set.OwnerOf(again.SessionId!));
            Assert.Equal("Echo: again", await again.EchoAsync("again"));

            // And the survivors went on through all of it.
            await stop.CancelAsync();
            var calls = await Task.WhenAll(traffic);
            Assert.All(calls, made => Assert.True(made > 1, $"A surviving session made only {made} call(s)."));
            Assert.All((await _set.Router.ReplicasAsync()).Where(replica => (string?)replica!["name"] == victim.Name),
                replica => Assert.False((bool)replica!["reachable"]!));
        }
        finally
        {
            await Task.WhenAll(clients.Select(client => client.DisposeAsync().AsTask().ContinueWith(_ => { }, TaskScheduler.Default)));
        }
    }

    /// <summary>Echoes on the session until stopped; any failure fails the test. Returns the number of calls made.</summary>
    private static async Task<int> CallUntilStoppedAsync(McpClient client, string name, CancellationToken stop)
    {
        var calls = 0;
        while (!stop.IsCancellationRequested)
        {
            var payload = $"{name} call {calls} {Guid.NewGuid():N}";
            Assert.Equal($"Echo: {payload}", await client.EchoAsync(payload));
            calls++;
        }

        return calls;
    }
}
