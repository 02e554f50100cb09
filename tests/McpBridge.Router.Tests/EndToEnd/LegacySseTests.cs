using McpBridge.Router.Tests.Infrastructure;
using ModelContextProtocol.Client;

namespace McpBridge.Router.Tests.EndToEnd;

/// <summary>
/// Legacy HTTP+SSE sessions (the C# SDK's SSE transport) through the router to real gateway replicas: each stream is
/// placed on a replica, and every message posted to <c>/message?sessionId=REPLICA.ID</c> reaches the replica that holds it.
/// </summary>
public sealed class LegacySseTests : IAsyncLifetime
{
    private ReplicaSet _set = null!;

    public async Task InitializeAsync() => _set = await ReplicaSet.StartAsync(2, ReplicaSet.Everything);

    public async Task DisposeAsync() => await _set.DisposeAsync();

    [Fact]
    public async Task SseSessions_SpreadOverTheReplicas_AndEachMessageReachesTheReplicaThatHoldsIt()
    {
        const int Sessions = 6;
        var clients = new List<McpClient>();
        try
        {
            for (var i = 0; i < Sessions; i++)
            {
                clients.Add(await McpClient.CreateAsync(
                    new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri(_set.Router.BaseAddress, "/sse"), TransportMode = HttpTransportMode.Sse }),
                    cancellationToken: TestContext.Timeout));
            }

            var replies = await Task.WhenAll(clients.Select((client, i) => client.EchoAsync($"sse session {i}")));
            var held = await Task.WhenAll(_set.Replicas.Select(replica => replica.SessionCountAsync()));

            Assert.Equal(Enumerable.Range(0, Sessions).Select(i => $"Echo: sse session {i}"), replies);
            Assert.Equal(Sessions, held.Sum());
            Assert.All(held, count => Assert.True(count > 0, $"A replica got no SSE session: {string.Join(", ", held)}"));
        }
        finally
        {
            await Task.WhenAll(clients.Select(client => client.DisposeAsync().AsTask()));
        }
    }
}
