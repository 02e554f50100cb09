using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using McpBridge.Tests.Infrastructure;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpBridge.Tests.EndToEnd;

/// <summary>
/// Children that fail at start, crash mid-call, never answer or print garbage: each is an error answer to its own
/// session, and the gateway goes on serving fresh sessions.
/// </summary>
public sealed class FaultTests
{
    private static string[] TestServer(params string[] flags) => ["dotnet", RepoPaths.TestServerDll, .. flags];

    [Fact]
    public async Task ChildThatExitsAtStart_AnswersInitializeWithItsStderr_AndOtherServersGoOn()
    {
        var config = await McpServersFile.WriteAsync(("bad", TestServer("--fault", "exit-at-start")), ("good", TestServer()));
        await using var gateway = await GatewayProcess.StartAsync("--config", config);
        using var http = new HttpClient();

        using var initialize = RawMcp.Post(gateway.ServerUrl("bad"), RawMcp.Initialize);
        var response = await http.SendAsync(initialize, TestContext.Timeout);
        var error = (await RawMcp.ReadMessageAsync(response))["error"]!;
        var sessionId = response.Headers.GetValues("Mcp-Session-Id").Single();

        Assert.Equal(-32000, (int)error["code"]!);
        Assert.Contains("fatal: cannot open database", (string)error["message"]!);
        Assert.Contains("exited with code 3", (string)error["message"]!);
        await Eventually.TrueAsync(() => PingStatus(http, gateway.ServerUrl("bad"), sessionId) == 404, "the failed session to answer 404");
        await using var good = await Clients.ConnectAsync(gateway.ServerUrl("good"));
        Assert.Equal("still here", await EchoAsync(good, "still here"));
    }

    [Fact]
    public async Task ChildThatCrashesMidCall_FailsTheCallWithItsStderr_EndsTheSession_AndANewSessionWorks()
    {
        await using var gateway = await GatewayProcess.ServeAsync([], TestServer("--fault", "crash-on-call"));
        await using var doomed = await Clients.ConnectAsync(gateway.McpUrl);
        await using var bystander = await Clients.ConnectAsync(gateway.McpUrl);

        var error = await Assert.ThrowsAsync<McpProtocolException>(() =>
            doomed.CallToolAsync("crash", new Dictionary<string, object?>(), cancellationToken: TestContext.Timeout).AsTask());

        Assert.Contains("panic: boom", error.Message);
        Assert.Contains("exited with code 70", error.Message);
        // Later requests of the session get the same error until it has ended; then its id answers 404.
        using var http = new HttpClient();
        await Eventually.TrueAsync(() => PingStatus(http, gateway.McpUrl, doomed.SessionId!) == 404, "the crashed session to answer 404");
        Assert.Equal("unaffected", await EchoAsync(bystander, "unaffected"));
        await using var fresh = await Clients.ConnectAsync(gateway.McpUrl);
        Assert.Equal("fresh", await EchoAsync(fresh, "fresh"));
    }

    [Fact]
    public async Task RequestThatTheSessionsEndOvertakes_Gets404_InsteadOfWaitingForever()
    {
        await using var gateway = await GatewayProcess.ServeAsync([], TestServer("--fault", "crash-on-call"));
        await using var doomed = await Clients.ConnectAsync(gateway.McpUrl);
        using var http = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromMinutes(1) });
        var body = new GatedContent("""{"jsonrpc":"2.0","id":7,"method":"ping"}""");
        using var late = new HttpRequestMessage(HttpMethod.Post, gateway.McpUrl) { Content = body };
        late.Headers.Accept.ParseAdd("application/json, text/event-stream");
        late.Headers.Add("Mcp-Session-Id", doomed.SessionId);
        late.Headers.Add("MCP-Protocol-Version", "2025-11-25");
        late.Headers.ExpectContinue = true;

        // Kestrel asks for the body (100 Continue) only once the request has passed the gateway's session check.
        var response = http.SendAsync(late, TestContext.Timeout);
        await body.Requested.Task.WaitAsync(TestContext.Timeout);
        await Assert.ThrowsAsync<McpProtocolException>(() =>
            doomed.CallToolAsync("crash", new Dictionary<string, object?>(), cancellationToken: TestContext.Timeout).AsTask());
        await Eventually.TrueAsync(() => PingStatus(http, gateway.McpUrl, doomed.SessionId!) == 404, "the crashed session to answer 404");
        body.Release();

        using var answer = await response;
        Assert.Equal(System.Net.HttpStatusCode.NotFound, answer.StatusCode);
        Assert.Contains("Session not found", await answer.Content.ReadAsStringAsync(TestContext.Timeout));
    }

    [Fact]
    public async Task ChildThatNeverAnswers_TimesOutWithAClearError_AndTheSessionGoesOn()
    {
        await using var gateway = await GatewayProcess.ServeAsync(["--Servers:default:RequestTimeout=00:00:02"], TestServer("--fault", "hang"));
        await using var client = await Clients.ConnectAsync(gateway.McpUrl);

        var error = await Assert.ThrowsAsync<McpProtocolException>(() =>
            client.CallToolAsync("hang", new Dictionary<string, object?>(), cancellationToken: TestContext.Timeout).AsTask());

        Assert.Equal(-32001, (int)error.ErrorCode);
        Assert.Contains("did not answer 'tools/call' within 2 s", error.Message);
        Assert.Equal("alive", await EchoAsync(client, "alive"));
    }

    [Fact]
    public async Task CancelledCall_IsCancelledOnTheChild_AndTheSessionGoesOn()
    {
        await using var gateway = await GatewayProcess.ServeAsync([], TestServer("--fault", "hang"));
        await using var client = await Clients.ConnectAsync(gateway.McpUrl);
        using var cancel = new CancellationTokenSource();

        var call = client.CallToolAsync("hang", new Dictionary<string, object?>(), cancellationToken: cancel.Token).AsTask();
        await Eventually.TrueAsync(() => gateway.Output.Contains("hang: the call started", StringComparison.Ordinal),
            "the child to log that its hang call started");
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        await Eventually.TrueAsync(() => gateway.Output.Contains("hang: the call was cancelled", StringComparison.Ordinal),
            "the child to log that its hang call was cancelled");
        Assert.Equal("after cancel", await EchoAsync(client, "after cancel"));
    }

    [Fact]
    public async Task CancelledNotification_OnItsOwnPost_CancelsTheRunningCallOnTheChild()
    {
        await using var gateway = await GatewayProcess.ServeAsync([], TestServer("--fault", "hang"));
        using var http = new HttpClient();
        var sessionId = await RawMcp.InitializeSessionAsync(http, gateway.McpUrl);

        // The call's response stays open; the cancellation comes on a request of its own, as clients send it.
        using var call = RawMcp.Post(gateway.McpUrl, """{"jsonrpc":"2.0","id":"hang-1","method":"tools/call","params":{"name":"hang","arguments":{}}}""", sessionId: sessionId);
        using var response = await http.SendAsync(call, HttpCompletionOption.ResponseHeadersRead, TestContext.Timeout);
        await Eventually.TrueAsync(() => gateway.Output.Contains("hang: the call started", StringComparison.Ordinal),
            "the child to log that its hang call started");
        using var cancel = RawMcp.Post(gateway.McpUrl,
            """{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":"hang-1","reason":"test"}}""", sessionId: sessionId);
        using var accepted = await http.SendAsync(cancel, TestContext.Timeout);

        Assert.Equal(System.Net.HttpStatusCode.Accepted, accepted.StatusCode);
        await Eventually.TrueAsync(() => gateway.Output.Contains("hang: the call was cancelled", StringComparison.Ordinal),
            "the child to log that its hang call was cancelled");
        Assert.Equal(200, PingStatus(http, gateway.McpUrl, sessionId));
    }

    [Fact]
    public async Task ChildThatPrintsGarbage_IsSkippedAndLogged_AndServesNormally()
    {
        await using var gateway = await GatewayProcess.ServeAsync([], TestServer("--fault", "garbage-stdout"));
        await using var client = await Clients.ConnectAsync(gateway.McpUrl);

        Assert.Equal("clean", await EchoAsync(client, "clean"));
        Assert.Equal("twice", await EchoAsync(client, "twice"));
        Assert.Contains("is not JSON-RPC; skipped", gateway.Output);
    }

    private static async Task<string> EchoAsync(ModelContextProtocol.Client.McpClient client, string text)
    {
        var result = await client.CallToolAsync("echo", new Dictionary<string, object?> { ["text"] = text }, cancellationToken: TestContext.Timeout);
        return Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
    }

    private static int PingStatus(HttpClient http, Uri url, string sessionId)
    {
        using var request = RawMcp.Post(url, RawMcp.Ping, sessionId: sessionId);

        // Bounded, so that a regression of the race tested above fails with a message instead of hanging the run.
        using var probe = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            return (int)http.Send(request, probe.Token).StatusCode;
        }
        catch (OperationCanceledException) when (probe.IsCancellationRequested)
        {
            return 0;
        }
    }

    /// <summary>A request body that is held back until the test releases it, to put a request in flight on purpose.</summary>
    private sealed class GatedContent : HttpContent
    {
        private readonly byte[] _bytes;
        private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public GatedContent(string json)
        {
            _bytes = Encoding.UTF8.GetBytes(json);
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        /// <summary>Completes when the server has asked for the body.</summary>
        public TaskCompletionSource Requested { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _gate.TrySetResult();

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            Requested.TrySetResult();
            await _gate.Task;
            await stream.WriteAsync(_bytes);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _bytes.Length;
            return true;
        }
    }
}
