using McpBridge.Router.Tests.Infrastructure;
using ModelContextProtocol.Client;

namespace McpBridge.Router.Tests.EndToEnd;

/// <summary>New sessions spread over the replicas; each session's requests reach its own replica, and replies never cross.</summary>
public sealed class SpreadTests : IAsyncLifetime
{
    private ReplicaSet _set = null!;

    public async Task InitializeAsync() => _set = await ReplicaSet.StartAsync(3, ReplicaSet.Everything);

    public async Task DisposeAsync() => await _set.DisposeAsync();

    [Fact]
    public async Task ThirtySessions_SpreadOverEveryReplica_WithNoCrossedReplies()
    {
        const int Sessions = 30;
        const int CallsEach = 4;
        var clients = await OpenAsync(Sessions);
        try
        {
            var replies = await Task.WhenAll(clients.Select((client, session) => Task.WhenAll(Enumerable.Range(0, CallsEach).Select(async call =>
            {
                var payload = $"session {session} call {call} {Guid.NewGuid():N}";
                return (expected: $"Echo: {payload}", actual: await client.EchoAsync(payload));
            }))));

            var crossed = replies.SelectMany(session => session).Where(reply => reply.expected != reply.actual).ToList();
            Assert.True(crossed.Count == 0, $"{crossed.Count} crossed replies, such as '{crossed.FirstOrDefault().actual}' for '{crossed.FirstOrDefault().expected}'.");

            // Every session is held by the replica its id names, and every replica got some.
            var byOwner = clients.GroupBy(client => _set.OwnerOf(client.SessionId!).Name).ToDictionary(group => group.Key, group => group.Count());
            foreach (var replica in _set.Replicas)
            {
                var held = await replica.SessionCountAsync();
                Assert.True(held > 0, $"{replica.Name} got no session: {string.Join(", ", byOwner.Select(pair => $"{pair.Key}={pair.Value}"))}");
                Assert.Equal(byOwner.GetValueOrDefault(replica.Name), held);
            }

            Assert.Equal(Sessions, byOwner.Values.Sum());
        }
        finally
        {
            await Task.WhenAll(clients.Select(client => client.DisposeAsync().AsTask()));
        }
    }

    private async Task<McpClient[]> OpenAsync(int count)
    {
        // Ten at a time: every session starts a child process, and two cores are all there is.
        using var gate = new SemaphoreSlim(10);
        return await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
        {
            Assert.True(await gate.WaitAsync(TimeSpan.FromMinutes(5)), "The earlier sessions took more than 5 minutes to open.");
            try
            {
                return await Clients.ConnectAsync(_set.Router.McpUrl);
            }
            finally
            {
                gate.Release();
            }
        }));
    }
}
