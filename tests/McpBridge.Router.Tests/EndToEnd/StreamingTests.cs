using System.Diagnostics;
using System.Net;
using McpBridge.Router.Tests.Infrastructure;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpBridge.Router.Tests.EndToEnd;

/// <summary>Server-sent events pass through the router as they come: a call's progress before its answer, and the GET stream's messages.</summary>
public sealed class StreamingTests : IAsyncLifetime
{
    private ReplicaSet _set = null!;

    public async Task InitializeAsync() => _set = await ReplicaSet.StartAsync(2, ReplicaSet.Everything);

    public async Task DisposeAsync() => await _set.DisposeAsync();

    [Fact]
    public async Task Progress_ArrivesWhileTheCallStillRuns()
    {
        await using var client = await Clients.ConnectAsync(_set.Router.McpUrl);
        var firstProgress = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var call = client.CallToolAsync(
            "trigger-long-running-operation",
            new Dictionary<string, object?> { ["duration"] = 3, ["steps"] = 3 },
            new Progress(firstProgress),
            cancellationToken: TestContext.Timeout).AsTask();
        await firstProgress.Task.WaitAsync(TestContext.Timeout);

        Assert.False(call.IsCompleted, "The first progress notification came no earlier than the answer: the stream was buffered.");
        Assert.Contains("completed", ((TextContentBlock)(await call).Content[0]).Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task GetStream_StaysOpen_AndCarriesMessagesSentLongAfterItOpened()
    {
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var sessionId = await RawMcp.InitializeAsync(http, _set.Router.McpUrl);
        using var get = new HttpRequestMessage(HttpMethod.Get, _set.Router.McpUrl);
        get.Headers.Accept.ParseAdd("text/event-stream");
        get.Headers.Add("Mcp-Session-Id", sessionId);
        get.Headers.Add("MCP-Protocol-Version", Revisions.Sessions);
        // The gateway sends a GET stream's headers with its first event, so the stream is awaited only after the toggle.
        var opening = http.SendAsync(get, HttpCompletionOption.ResponseHeadersRead, TestContext.Timeout);

        // server-everything then logs to the session every 5 s, from a timer: those messages can only go on the GET stream.
        using var toggle = await http.SendAsync(RawMcp.Post(_set.Router.McpUrl, RawMcp.Request(2, "tools/call", new()
        {
            ["name"] = "toggle-simulated-logging",
            ["arguments"] = new System.Text.Json.Nodes.JsonObject(),
        }), sessionId), TestContext.Timeout);
        toggle.EnsureSuccessStatusCode();
        var toggled = Stopwatch.StartNew();
        using var stream = await opening;
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType?.MediaType);

        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync(TestContext.Timeout));
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        string? line;
        do
        {
            line = await reader.ReadLineAsync(deadline.Token);
            Assert.NotNull(line);
        }
        while (!line.Contains("notifications/message", StringComparison.Ordinal));

        Assert.True(toggled.Elapsed > TimeSpan.FromSeconds(1), $"The log message came {toggled.Elapsed} after the toggle: not from the timer.");
    }

    private sealed class Progress(TaskCompletionSource first) : IProgress<ProgressNotificationValue>
    {
        public void Report(ProgressNotificationValue value) => first.TrySetResult();
    }
}
