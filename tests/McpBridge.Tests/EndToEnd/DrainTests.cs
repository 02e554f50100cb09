using System.Net;
using System.Text.Json.Nodes;
using McpBridge.Tests.Infrastructure;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpBridge.Tests.EndToEnd;

/// <summary>
/// SIGTERM drains before it stops: the gateway still answers, refuses new sessions and readiness with 503, lets
/// running calls finish within Bridge:DrainTimeout, and answers the ones it has to cut with an error.
/// </summary>
public sealed class DrainTests
{
    [Fact]
    public async Task Sigterm_LetsARunningCallFinish_WhileReadinessAndNewSessionsGet503()
    {
        var gateway = await GatewayProcess.ServeAsync([], "node", RepoPaths.EverythingServer, "stdio");
        var asked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = new McpClientOptions();
        options.Handlers.SamplingHandler = async (_, _, cancellationToken) =>
        {
            // The call stays running on the child until the test lets the client answer.
            asked.TrySetResult();
            await release.Task.WaitAsync(cancellationToken);
            return new CreateMessageResult { Model = "test-model", Role = Role.Assistant, Content = [new TextContentBlock { Text = "answered during the drain" }] };
        };
        await using var client = await Clients.ConnectAsync(gateway.McpUrl, options: options);
        var call = client.CallToolAsync("trigger-sampling-request", new Dictionary<string, object?> { ["prompt"] = "hello" },
            cancellationToken: TestContext.Timeout).AsTask();
        await asked.Task.WaitAsync(TestContext.Timeout);

        ProcessTree.Terminate(gateway.Pid);

        using var http = new HttpClient();
        await Eventually.TrueAsync(() => StatusOf(http, new Uri(gateway.BaseAddress, "/readyz")) == HttpStatusCode.ServiceUnavailable,
            "/readyz to answer 503 while the gateway drains");
        using var initialize = RawMcp.Post(gateway.McpUrl, RawMcp.Initialize);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.SendAsync(initialize, TestContext.Timeout)).StatusCode);
        release.SetResult();
        var result = await call;
        Assert.Contains("answered during the drain", Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text);
        await gateway.DisposeAsync();
    }

    [Fact]
    public async Task Sigterm_AnswersACallThatOutlastsTheDrain_WithAnError()
    {
        var gateway = await GatewayProcess.ServeAsync(
            ["--Bridge:DrainTimeout=00:00:02"], "dotnet", RepoPaths.TestServerDll, "--fault", "hang");
        await using var client = await Clients.ConnectAsync(gateway.McpUrl);
        using var http = new HttpClient();
        var call = client.CallToolAsync("hang", new Dictionary<string, object?>(), cancellationToken: TestContext.Timeout).AsTask();
        await Eventually.TrueAsync(() => RunningCalls(http, gateway) == 1, "/status to count the running call");

        ProcessTree.Terminate(gateway.Pid);

        var error = await Assert.ThrowsAsync<McpProtocolException>(() => call);
        Assert.Contains("stopped by the gateway", error.Message);
        await gateway.DisposeAsync();
    }

    private static HttpStatusCode StatusOf(HttpClient http, Uri url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        return http.Send(request, TestContext.Timeout).StatusCode;
    }

    private static int RunningCalls(HttpClient http, GatewayProcess gateway)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(gateway.BaseAddress, "/status"));
        using var response = http.Send(request, TestContext.Timeout);
        using var reader = new StreamReader(response.Content.ReadAsStream(TestContext.Timeout));
        return (int)JsonNode.Parse(reader.ReadToEnd())!["runningCalls"]!;
    }
}
