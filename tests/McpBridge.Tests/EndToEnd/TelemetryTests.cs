using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using McpBridge.Tests.Infrastructure;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using OpenTelemetry.Metrics;

namespace McpBridge.Tests.EndToEnd;

/// <summary>
/// The gateway's spans and metrics for real calls to a real child (the gateway hosted in-process with in-memory
/// exporters), trace context from a caller, and the Prometheus endpoint of a gateway process.
/// </summary>
public sealed class TelemetryTests
{
    private static readonly string[] TestServer = ["dotnet", RepoPaths.TestServerDll];

    [Fact]
    public async Task ToolsCall_InASession_IsASpanWithMethodToolServerSessionAndChildPid_AndFeedsTheMetrics()
    {
        int childPid;
        await using (var gateway = new InProcessGateway(TestServer))
        {
            await using (var client = await gateway.ConnectAsync())
            {
                var result = await client.CallToolAsync("whoami", cancellationToken: TestContext.Timeout);
                childPid = int.Parse(((TextContentBlock)result.Content[0]).Text, CultureInfo.InvariantCulture);

                var span = await gateway.Spans.WaitForAsync(IsBridgeSpan("tools/call whoami"), "the span of tools/call");
                Assert.Equal(ActivityKind.Server, span.Kind);
                Assert.Equal("tools/call", span.GetTagItem("mcp.method.name"));
                Assert.Equal("whoami", span.GetTagItem("gen_ai.tool.name"));
                Assert.Equal("default", span.GetTagItem("mcpbridge.server"));
                Assert.Equal("isolated", span.GetTagItem("mcpbridge.policy"));
                Assert.Equal(client.SessionId, span.GetTagItem("mcp.session.id"));
                Assert.Equal(childPid, span.GetTagItem("mcpbridge.child.pid"));
                Assert.NotNull(span.GetTagItem("jsonrpc.request.id"));
                Assert.Equal("ok", span.GetTagItem("mcpbridge.outcome"));
                Assert.Equal(ActivityStatusCode.Unset, span.Status);

                var start = await gateway.Spans.WaitForAsync(
                    candidate => IsBridgeSpan("mcpbridge.child.start")(candidate) && Equals(candidate.GetTagItem("mcpbridge.child.pid"), childPid),
                    "the start-up span of the session's child");
                Assert.Equal("session", start.GetTagItem("mcpbridge.child.role"));
                Assert.Contains(start.Events, e => e.Name == "spawned");

                // The stateless child starts beside the session's, on its own: wait for its start to be counted.
                await Eventually.TrueAsync(
                    () => Sum(gateway.CollectMetrics()["mcpbridge.child.starts"], ("mcpbridge.child.role", "stateless"), ("mcpbridge.outcome", "ok")) == 1,
                    "the stateless child's start in mcpbridge.child.starts");
                var metrics = gateway.CollectMetrics();
                Assert.Equal(1, Sum(metrics["mcpbridge.sessions.active"], ("mcpbridge.server", "default")));
                Assert.True(HistogramCount(metrics["mcpbridge.request.duration"], ("mcp.method.name", "tools/call"), ("mcpbridge.outcome", "ok")) >= 1,
                    "mcpbridge.request.duration has no tools/call with outcome ok");
                Assert.Equal(1, Sum(metrics["mcpbridge.child.starts"], ("mcpbridge.child.role", "session"), ("mcpbridge.outcome", "ok")));
                Assert.Equal(1, Sum(metrics["mcpbridge.child.starts"], ("mcpbridge.child.role", "stateless"), ("mcpbridge.outcome", "ok")));
                Assert.Equal(2, Sum(metrics["mcpbridge.children.live"], ("mcpbridge.policy", "isolated")));
                Assert.True(HistogramCount(metrics["mcpbridge.child.initialize.duration"]) >= 2, "mcpbridge.child.initialize.duration has fewer than 2 starts");
                Assert.True(HistogramCount(metrics["mcpbridge.child.spawn.duration"]) >= 2, "mcpbridge.child.spawn.duration has fewer than 2 starts");
            }

            // The client's DELETE ends the session and stops its child.
            await Eventually.TrueAsync(() => Sum(gateway.CollectMetrics()["mcpbridge.sessions.active"]) == 0, "the session count to drop to 0");
            await Eventually.TrueAsync(
                () => gateway.CollectMetrics().TryGetValue("mcpbridge.child.exits", out var exits) && Sum(exits, ("mcpbridge.child.exit.reason", "stopped")) == 1,
                "the session's child to be counted as stopped");
        }

        Assert.False(ProcessTree.IsAlive(childPid), $"The child {childPid} still runs after the gateway stopped.");
    }

    [Fact]
    public async Task StatelessRequests_AreSpansWithoutASession_AndAnErrorAnswerCarriesItsJsonRpcCode()
    {
        await using var gateway = new InProcessGateway(TestServer);
        await using var client = await gateway.ConnectAsync(Revisions.Stateless);

        var result = await client.CallToolAsync("whoami", cancellationToken: TestContext.Timeout);
        var childPid = int.Parse(((TextContentBlock)result.Content[0]).Text, CultureInfo.InvariantCulture);
        var span = await gateway.Spans.WaitForAsync(IsBridgeSpan("tools/call whoami"), "the span of the stateless tools/call");
        Assert.Null(span.GetTagItem("mcp.session.id"));
        Assert.Equal(childPid, span.GetTagItem("mcpbridge.child.pid"));
        Assert.Equal(Revisions.Stateless, span.GetTagItem("mcp.protocol.version"));

        // The child answers an unknown tool with a JSON-RPC error, which the gateway passes on.
        var error = await Assert.ThrowsAsync<McpProtocolException>(async () =>
            await client.CallToolAsync("no_such_tool", cancellationToken: TestContext.Timeout));
        var failed = await gateway.Spans.WaitForAsync(IsBridgeSpan("tools/call no_such_tool"), "the span of the failed call");
        Assert.Equal((int)error.ErrorCode, failed.GetTagItem("rpc.jsonrpc.error_code"));
        Assert.Equal(((int)error.ErrorCode).ToString(CultureInfo.InvariantCulture), failed.GetTagItem("error.type"));
        Assert.Equal("error", failed.GetTagItem("mcpbridge.outcome"));
        Assert.Equal(ActivityStatusCode.Error, failed.Status);

        var durations = gateway.CollectMetrics()["mcpbridge.request.duration"];
        Assert.Equal(1, HistogramCount(durations, ("mcp.method.name", "tools/call"), ("mcpbridge.outcome", "error")));
        Assert.Equal(1, HistogramCount(durations, ("mcp.method.name", "tools/call"), ("mcpbridge.outcome", "ok")));
    }

    [Fact]
    public async Task IncomingTraceparent_IsTheParentOfTheHttpSpan_WhichIsTheParentOfTheRequestSpan()
    {
        await using var gateway = new InProcessGateway(TestServer);
        using var http = gateway.CreateHttp();
        var sessionId = await InitializeAsync(http, gateway.McpUrl);
        var callerTrace = ActivityTraceId.CreateRandom();
        var callerSpan = ActivitySpanId.CreateRandom();

        using var call = Post(gateway.McpUrl, new JsonObject
        {
            ["jsonrpc"] = "2.0", ["id"] = 2, ["method"] = "tools/call", ["params"] = new JsonObject { ["name"] = "echo", ["arguments"] = new JsonObject { ["text"] = "hi" } },
        }, sessionId);
        call.Headers.Add("traceparent", $"00-{callerTrace}-{callerSpan}-01");
        using var answer = await http.SendAsync(call, TestContext.Timeout);
        Assert.Contains("\"hi\"", await answer.Content.ReadAsStringAsync(TestContext.Timeout), StringComparison.Ordinal);

        var span = await gateway.Spans.WaitForAsync(IsBridgeSpan("tools/call echo"), "the span of tools/call");
        Assert.Equal(callerTrace, span.TraceId);
        var request = await gateway.Spans.WaitForAsync(candidate => candidate.SpanId == span.ParentSpanId, "the parent of the tools/call span");
        Assert.Equal("Microsoft.AspNetCore", request.Source.Name);
        Assert.Equal(callerSpan, request.ParentSpanId);
    }

    [Fact]
    public async Task PrometheusEndpoint_WhenSwitchedOn_ServesTheBridgeMetrics_AndChildStderrHasItsOwnCategory()
    {
        await using var gateway = await GatewayProcess.ServeAsync(
            ["--Telemetry:Prometheus=true", "--Servers:default:Env:Logging__LogLevel__Default=Information"], TestServer);
        await using var client = await Clients.ConnectAsync(gateway.McpUrl);
        using var http = new HttpClient();

        using var scrape = await http.GetAsync(new Uri(gateway.BaseAddress, "/metrics"), TestContext.Timeout);
        var text = await scrape.Content.ReadAsStringAsync(TestContext.Timeout);

        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.Equal("text/plain", scrape.Content.Headers.ContentType?.MediaType);
        Assert.Matches(@"(?m)^mcpbridge_sessions_active\{[^}]*mcpbridge_server=""default""[^}]*\} 1$", text);
        Assert.Contains("mcpbridge_child_starts_total{", text, StringComparison.Ordinal);
        Assert.Contains("McpBridge.Children.ChildStderr", gateway.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrometheusEndpoint_IsOffByDefault()
    {
        await using var gateway = await GatewayProcess.ServeAsync([], TestServer);
        using var http = new HttpClient();

        using var scrape = await http.GetAsync(new Uri(gateway.BaseAddress, "/metrics"), TestContext.Timeout);

        Assert.Equal(HttpStatusCode.NotFound, scrape.StatusCode);
    }

    private static Func<Activity, bool> IsBridgeSpan(string name) =>
        span => span.Source.Name == "McpBridge" && span.DisplayName == name;

    private static long Sum(MetricSnapshot metric, params (string Key, object Value)[] tags) =>
        Points(metric, tags).Sum(point => point.GetSumLong());

    private static long HistogramCount(MetricSnapshot metric, params (string Key, object Value)[] tags) =>
        Points(metric, tags).Sum(point => point.GetHistogramCount());

    private static IEnumerable<MetricPoint> Points(MetricSnapshot metric, (string Key, object Value)[] tags)
    {
        foreach (var point in metric.MetricPoints)
        {
            var pointTags = new Dictionary<string, object?>();
            foreach (var tag in point.Tags)
            {
                pointTags[tag.Key] = tag.Value;
            }

            if (tags.All(tag => pointTags.TryGetValue(tag.Key, out var value) && Equals(value, tag.Value)))
            {
                yield return point;
            }
        }
    }

    private static HttpRequestMessage Post(Uri url, JsonObject message, string? sessionId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(message.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        request.Headers.Add("MCP-Protocol-Version", Revisions.Sessions);
        if (sessionId is not null)
        {
            request.Headers.Add("Mcp-Session-Id", sessionId);
        }

        return request;
    }

    private static async Task<string> InitializeAsync(HttpClient http, Uri url)
    {
        using var initialize = Post(url, new JsonObject
        {
            ["jsonrpc"] = "2.0", ["id"] = 1, ["method"] = "initialize", ["params"] = new JsonObject
            {
                ["protocolVersion"] = Revisions.Sessions,
                ["capabilities"] = new JsonObject(),
                ["clientInfo"] = new JsonObject { ["name"] = "telemetry-tests", ["version"] = "1.0" },
            },
        });
        using var initialized = await http.SendAsync(initialize, TestContext.Timeout);
        initialized.EnsureSuccessStatusCode();
        var sessionId = initialized.Headers.GetValues("Mcp-Session-Id").Single();
        using var notify = Post(url, new JsonObject { ["jsonrpc"] = "2.0", ["method"] = "notifications/initialized" }, sessionId);
        (await http.SendAsync(notify, TestContext.Timeout)).EnsureSuccessStatusCode();
        return sessionId;
    }
}
