using System.Net;
using McpBridge.Tests.Infrastructure;
using ModelContextProtocol.Protocol;

namespace McpBridge.Tests.EndToEnd;

/// <summary>
/// Per-client limits: over <c>Limits:RequestsPerMinute</c> or <c>Limits:ConcurrentRequests</c> a client gets 429 with
/// <c>Retry-After</c>; other clients, answers, notifications and health probes are not held back.
/// </summary>
public sealed class LimitsTests
{
    private const string AliceKey = "alice-0123456789abcdef";
    private const string BobKey = "bob-fedcba9876543210";

    [Fact]
    public async Task RequestsPerMinute_Answers429WithRetryAfter_AfterTheConfiguredCount_PerKey()
    {
        await using var gateway = await GatewayProcess.ServeAsync(
            ["--Limits:RequestsPerMinute=3", $"--Auth:Keys:alice={AliceKey}", $"--Auth:Keys:bob={BobKey}"],
            "dotnet", RepoPaths.TestServerDll);
        using var http = new HttpClient();

        // Three requests: initialize and two pings.
        using var initialized = await http.SendAsync(RawMcp.Post(gateway.McpUrl, RawMcp.Initialize, AliceKey), TestContext.Timeout);
        var session = initialized.Headers.GetValues("Mcp-Session-Id").Single();
        for (var i = 0; i < 2; i++)
        {
            using var ping = await http.SendAsync(RawMcp.Post(gateway.McpUrl, RawMcp.Ping, AliceKey, session), TestContext.Timeout);
            Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
        }

        using var fourth = await http.SendAsync(RawMcp.Post(gateway.McpUrl, RawMcp.Ping, AliceKey, session), TestContext.Timeout);
        using var notification = await http.SendAsync(RawMcp.Post(gateway.McpUrl, RawMcp.Initialized, AliceKey, session), TestContext.Timeout);
        using var bobs = await http.SendAsync(RawMcp.Post(gateway.McpUrl, RawMcp.Initialize, BobKey), TestContext.Timeout);
        using var health = await http.GetAsync(new Uri(gateway.BaseAddress, "/healthz"), TestContext.Timeout);

        Assert.Equal(HttpStatusCode.OK, initialized.StatusCode);
        Assert.Equal((HttpStatusCode)429, fourth.StatusCode);
        Assert.True(fourth.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 and <= 60 }, $"Retry-After: {fourth.Headers.RetryAfter}");
        var error = await RawMcp.ReadMessageAsync(fourth);
        Assert.Equal("2.0", (string?)error["jsonrpc"]);
        Assert.Contains("Limits:RequestsPerMinute", (string?)error["error"]?["message"]);
        Assert.Equal(HttpStatusCode.Accepted, notification.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bobs.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task ConcurrentRequests_Answers429WhileTheLimitIsHeld_AndNotAfter()
    {
        await using var gateway = await GatewayProcess.ServeAsync(["--Limits:ConcurrentRequests=1"], "dotnet", RepoPaths.TestServerDll, "--fault", "hang");
        await using var client = await Clients.ConnectAsync(gateway.McpUrl);
        using var http = new HttpClient();
        using var holding = new CancellationTokenSource();

        // The hang tool holds the only permit until it is cancelled; a ping gets through until the call has arrived.
        var hanging = client.CallToolAsync("hang", cancellationToken: holding.Token).AsTask();
        await Eventually.TrueAsync(async () => await PingAsync() == (HttpStatusCode)429, "a ping to be refused while the hang call runs");
        using var held = await http.SendAsync(RawMcp.Post(gateway.McpUrl, RawMcp.Ping, sessionId: client.SessionId), TestContext.Timeout);
        using var notification = await http.SendAsync(RawMcp.Post(gateway.McpUrl, RawMcp.Initialized, sessionId: client.SessionId), TestContext.Timeout);

        Assert.Equal((HttpStatusCode)429, held.StatusCode);
        Assert.NotNull(held.Headers.RetryAfter);
        Assert.Contains("Limits:ConcurrentRequests", (string?)(await RawMcp.ReadMessageAsync(held))["error"]?["message"]);
        Assert.Equal(HttpStatusCode.Accepted, notification.StatusCode);

        await holding.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => hanging);
        await Eventually.TrueAsync(async () => await PingAsync() == HttpStatusCode.OK, "the permit to be free once the call is cancelled");
        var echo = await client.CallToolAsync("echo", new Dictionary<string, object?> { ["text"] = "free again" }, cancellationToken: TestContext.Timeout);
        Assert.Equal("free again", ((TextContentBlock)echo.Content[0]).Text);

        async Task<HttpStatusCode> PingAsync()
        {
            using var response = await http.SendAsync(RawMcp.Post(gateway.McpUrl, RawMcp.Ping, sessionId: client.SessionId), TestContext.Timeout);
            return response.StatusCode;
        }
    }
}
