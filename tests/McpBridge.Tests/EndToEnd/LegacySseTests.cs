using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using McpBridge.Tests.Infrastructure;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpBridge.Tests.EndToEnd;

/// <summary>
/// The legacy 2024-11-05 HTTP+SSE transport (<c>GET /sse</c>, <c>POST /message?sessionId=ID</c>) of a gateway process:
/// each stream is a session with its own child, closed with the stream, and bad messages get a status and a JSON-RPC error.
/// </summary>
public sealed class LegacySseTests : IAsyncLifetime
{
    private GatewayProcess _gateway = null!;

    public static TheoryData<string> Streams => new() { "/sse", "/servers/default/sse" };

    public async Task InitializeAsync() =>
        _gateway = await GatewayProcess.ServeAsync(["--Edge:MaxRequestBodyBytes=2048"], "dotnet", RepoPaths.TestServerDll);

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    private Uri Url(string path) => new(_gateway.BaseAddress, path);

    [Theory]
    [MemberData(nameof(Streams))]
    public async Task AStream_AnnouncesItsMessageEndpoint_NegotiatesTheClientsRevision_AndAnswersOnTheStream(string stream)
    {
        await using var client = await LegacySseClient.OpenAsync(Url(stream));

        Assert.Equal(stream[..^"sse".Length] + "message", client.MessageEndpoint.AbsolutePath);
        Assert.Matches(@"^[0-9a-f]+\.[0-9a-f]{32}$", client.SessionId);
        var initialized = await client.InitializeAsync();
        Assert.Equal(LegacySseClient.Revision, (string?)initialized["protocolVersion"]);
        Assert.Equal("mcpbridge-test-server", (string?)initialized["serverInfo"]?["name"]);
        Assert.Equal("over the old transport", await client.CallToolTextAsync(2, "echo", new JsonObject { ["text"] = "over the old transport" }));
    }

    [Fact]
    public async Task ClosingTheStream_EndsTheSessionAndStopsItsChild_AndAPostToItThenGets404()
    {
        var client = await LegacySseClient.OpenAsync(Url("/sse"));
        await client.InitializeAsync();
        var pid = int.Parse(await client.CallToolTextAsync(2, "whoami"), CultureInfo.InvariantCulture);
        var endpoint = client.MessageEndpoint;

        await client.DisposeAsync();

        await Eventually.TrueAsync(() => !ProcessTree.IsAlive(pid), $"the session's child {pid} to stop after its stream closed");
        using var http = new HttpClient();
        using var late = await http.PostAsync(endpoint, new StringContent(RawMcp.Ping, Encoding.UTF8, "application/json"), TestContext.Timeout);
        Assert.Equal(HttpStatusCode.NotFound, late.StatusCode);
        Assert.Equal(-32001, (int?)(await RawMcp.ReadMessageAsync(late))["error"]?["code"]);
    }

    [Theory]
    [InlineData("/message", HttpStatusCode.BadRequest, -32600, "sessionId query parameter is missing")]
    [InlineData("/message?sessionId=", HttpStatusCode.BadRequest, -32600, "sessionId query parameter is missing")]
    [InlineData("/message?sessionId=nobody.0123456789abcdef0123456789abcdef", HttpStatusCode.NotFound, -32001, "Session not found")]
    [InlineData("/servers/nope/message?sessionId=x", HttpStatusCode.NotFound, -32601, "no MCP server is named 'nope'")]
    public async Task AMessageWithoutALiveSession_GetsAStatusAndAJsonRpcError(string path, HttpStatusCode status, int code, string says)
    {
        using var http = new HttpClient();

        using var response = await http.PostAsync(Url(path), new StringContent(RawMcp.Ping, Encoding.UTF8, "application/json"), TestContext.Timeout);

        Assert.Equal(status, response.StatusCode);
        var error = await RawMcp.ReadMessageAsync(response);
        Assert.Equal(code, (int?)error["error"]?["code"]);
        Assert.Contains(says, (string?)error["error"]?["message"]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ABodyOverTheLimit_Gets413_AndTheSessionGoesOn(bool withLength)
    {
        await using var client = await LegacySseClient.OpenAsync(Url("/sse"));
        await client.InitializeAsync();
        var body = new JsonObject
        {
            ["jsonrpc"] = "2.0", ["id"] = 7, ["method"] = "tools/call",
            ["params"] = new JsonObject { ["name"] = "echo", ["arguments"] = new JsonObject { ["text"] = new string('x', 4096) } },
        }.ToJsonString();
        using var http = new HttpClient();
        using var content = withLength
            ? (HttpContent)new StringContent(body, Encoding.UTF8, "application/json")
            : new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body)));
        content.Headers.ContentType = new("application/json");

        using var response = await http.PostAsync(client.MessageEndpoint, content, TestContext.Timeout);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(-32600, (int?)(await RawMcp.ReadMessageAsync(response))["error"]?["code"]);
        Assert.Equal("still here", await client.CallToolTextAsync(8, "echo", new JsonObject { ["text"] = "still here" }));
    }

    [Fact]
    public async Task ABodyThatIsNotJsonRpc_Gets400WithAParseError_AndTheSessionGoesOn()
    {
        await using var client = await LegacySseClient.OpenAsync(Url("/sse"));
        await client.InitializeAsync();

        using var response = await client.PostAsync("{not json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(-32700, (int?)(await RawMcp.ReadMessageAsync(response))["error"]?["code"]);
        Assert.Equal("fine", await client.CallToolTextAsync(2, "echo", new JsonObject { ["text"] = "fine" }));
    }

    [Fact]
    public async Task AForeignOrigin_Gets403_OnTheStreamAndOnItsMessages()
    {
        await using var client = await LegacySseClient.OpenAsync(Url("/sse"));
        using var http = new HttpClient();
        using var stream = new HttpRequestMessage(HttpMethod.Get, Url("/sse")) { Headers = { { "Origin", "http://evil.example" } } };
        using var message = new HttpRequestMessage(HttpMethod.Post, client.MessageEndpoint)
        {
            Headers = { { "Origin", "http://evil.example" } },
            Content = new StringContent(RawMcp.Ping, Encoding.UTF8, "application/json"),
        };

        using var refusedStream = await http.SendAsync(stream, TestContext.Timeout);
        using var refusedMessage = await http.SendAsync(message, TestContext.Timeout);

        Assert.Equal(HttpStatusCode.Forbidden, refusedStream.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refusedMessage.StatusCode);
        Assert.Contains("Edge:AllowedOrigins", (string?)(await RawMcp.ReadMessageAsync(refusedMessage))["error"]?["message"]);
    }

    [Fact]
    public async Task KillingTheChildOfOneSseSession_EndsOnlyThatStream()
    {
        await using var doomed = await LegacySseClient.OpenAsync(Url("/sse"));
        await using var other = await LegacySseClient.OpenAsync(Url("/servers/default/sse"));
        await using var streamable = await Clients.ConnectAsync(_gateway.McpUrl);
        await doomed.InitializeAsync();
        await other.InitializeAsync();
        var doomedPid = int.Parse(await doomed.CallToolTextAsync(2, "whoami"), CultureInfo.InvariantCulture);
        var otherPid = await other.CallToolTextAsync(2, "whoami");

        System.Diagnostics.Process.GetProcessById(doomedPid).Kill();

        await doomed.Closed.WaitAsync(TestContext.Timeout);
        Assert.Equal(otherPid, await other.CallToolTextAsync(3, "whoami"));
        var result = await streamable.CallToolAsync("echo", new Dictionary<string, object?> { ["text"] = "unaffected" }, cancellationToken: TestContext.Timeout);
        Assert.Equal("unaffected", Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text);
        Assert.False(other.Closed.IsCompleted);
    }

    [Fact]
    public async Task TheChildsQuestion_GoesOutOnTheStream_AndTheClientsAnswerComesBackByPost()
    {
        await using var client = await LegacySseClient.OpenAsync(Url("/sse"));
        await client.InitializeAsync(new JsonObject { ["sampling"] = new JsonObject() });
        var (call, question) = await client.StartSamplingCallAsync(5);

        using var answered = await client.AnswerSamplingAsync(question, "from the stream's client");

        Assert.Equal(HttpStatusCode.Accepted, answered.StatusCode);
        var answer = await client.AnswerToAsync(5);
        Assert.Contains("from the stream's client", (string?)answer["result"]?["content"]?[0]?["text"]);
        using var posted = await call;
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
    }
}
