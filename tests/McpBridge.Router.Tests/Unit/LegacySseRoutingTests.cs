using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using McpBridge.Router.Tests.Infrastructure;

namespace McpBridge.Router.Tests.Unit;

/// <summary>
/// The legacy HTTP+SSE transport through the router process: a stream is placed like a new session and relayed as it
/// comes, and a message reaches the replica its <c>sessionId</c> names. The replicas are stand-ins (the gateway's own
/// legacy endpoints are issue 12's); what is under test is the router.
/// </summary>
public sealed class LegacySseRoutingTests : IAsyncLifetime
{
    private readonly List<LegacySseReplica> _replicas = [];
    private RouterProcess _router = null!;

    public async Task InitializeAsync()
    {
        _replicas.Add(await LegacySseReplica.StartAsync("replica-a"));
        _replicas.Add(await LegacySseReplica.StartAsync("replica-b"));
        _router = await RouterProcess.StartAsync(_replicas.Select(replica => replica.BaseAddress));
        await _router.WaitForReadyReplicasAsync(2);
    }

    public async Task DisposeAsync()
    {
        await _router.DisposeAsync();
        foreach (var replica in _replicas)
        {
            await replica.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("/message?sessionId=replica-b.S9", "replica-b took replica-b.S9")]
    [InlineData("/message?sessionId=replica-a.S1", "replica-a took replica-a.S1")]
    [InlineData("/servers/memory/message?x=1&sessionId=replica-b.S2", "replica-b took replica-b.S2")]
    public async Task Message_ReachesTheReplicaItsSessionIdNames(string path, string answer)
    {
        using var http = new HttpClient();

        using var response = await http.PostAsync(new Uri(_router.BaseAddress, path), Message(), TestContext.Timeout);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(answer, await response.Content.ReadAsStringAsync(TestContext.Timeout));
    }

    [Fact]
    public async Task MessageOfNoKnownReplica_Gets404WithAJsonRpcError_ThatSaysToOpenANewStream()
    {
        using var http = new HttpClient();

        using var response = await http.PostAsync(new Uri(_router.BaseAddress, "/message?sessionId=gone.S1"), Message(), TestContext.Timeout);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Timeout))!["error"]!;
        Assert.Equal(-32001, (int)error["code"]!);
        Assert.Contains("SSE stream", (string)error["message"]!);
    }

    [Fact]
    public async Task Streams_ArePlacedOnTheReplicas_AndTheirEndpointEventArrivesWhileTheyStayOpen()
    {
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var owners = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_router.BaseAddress, "/sse"));
            request.Headers.Accept.ParseAdd("text/event-stream");
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Timeout);
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(TestContext.Timeout));

            Assert.Equal("event: endpoint", await reader.ReadLineAsync(TestContext.Timeout));
            var endpoint = (await reader.ReadLineAsync(TestContext.Timeout))!;
            owners.Add(endpoint[(endpoint.IndexOf('=', StringComparison.Ordinal) + 1)..endpoint.IndexOf('.', StringComparison.Ordinal)]);
        }

        // Equal replicas take turns: both get streams.
        Assert.Equal(["replica-a", "replica-b"], owners.Distinct().Order());
    }

    private static StringContent Message() => new("""{"jsonrpc":"2.0","id":1,"method":"ping"}""", Encoding.UTF8, "application/json");
}
