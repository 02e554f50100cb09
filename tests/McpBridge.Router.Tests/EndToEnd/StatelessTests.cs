using McpBridge.Router.Tests.Infrastructure;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpBridge.Router.Tests.EndToEnd;

/// <summary>
/// 2026-07-28 requests carry no session and may go to any replica, except the retry that answers an input-required
/// result: it must reach the replica that holds the paused call, which its <c>requestState</c> names.
/// </summary>
public sealed class StatelessTests : IAsyncLifetime
{
    private ReplicaSet _set = null!;

    public async Task InitializeAsync() => _set = await ReplicaSet.StartAsync(3, ReplicaSet.Everything);

    public async Task DisposeAsync() => await _set.DisposeAsync();

    [Fact]
    public async Task StatelessCalls_AreAnswered_WithNoSession()
    {
        var clients = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Clients.ConnectAsync(_set.Router.McpUrl, Revisions.Stateless)));
        try
        {
            var replies = await Task.WhenAll(clients.Select(async (client, i) => (expected: $"Echo: stateless {i}", actual: await client.EchoAsync($"stateless {i}"))));

            Assert.All(replies, reply => Assert.Equal(reply.expected, reply.actual));
            Assert.All(clients, client => Assert.Null(client.SessionId));
        }
        finally
        {
            await Task.WhenAll(clients.Select(client => client.DisposeAsync().AsTask()));
        }
    }

    [Fact]
    public async Task InputRequiredRetries_ReachTheReplicaThatHoldsThePausedCall()
    {
        // Equal replicas take turns, so without affinity a retry would land on the next replica, which does not know
        // its requestState.
        var options = new McpClientOptions();
        var sampled = 0;
        options.Handlers.SamplingHandler = (request, _, _) =>
        {
            Interlocked.Increment(ref sampled);
            return ValueTask.FromResult(new CreateMessageResult
            {
                Model = "test-model",
                Role = Role.Assistant,
                Content = [new TextContentBlock { Text = $"sampled reply to {request?.Messages.Count} message(s)" }],
            });
        };
        await using var client = await Clients.ConnectAsync(_set.Router.McpUrl, Revisions.Stateless, options);

        for (var i = 0; i < 6; i++)
        {
            var result = await client.CallToolAsync("trigger-sampling-request", new Dictionary<string, object?> { ["prompt"] = $"question {i}" },
                cancellationToken: TestContext.Timeout);

            Assert.True(result.IsError != true, $"Call {i} failed: {((TextContentBlock)result.Content[0]).Text}");
            Assert.Contains("sampled reply to 1 message(s)", ((TextContentBlock)result.Content[0]).Text);
        }

        Assert.Equal(6, sampled);
    }
}
