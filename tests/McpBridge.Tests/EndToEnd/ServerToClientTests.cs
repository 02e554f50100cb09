using System.Text.Json;
using McpBridge.Tests.Infrastructure;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpBridge.Tests.EndToEnd;

/// <summary>
/// The child's requests to the client (sampling, elicitation, roots) reach the client's handlers: on the call's
/// stream for a session, as an input-required result and a retry for a 2026-07-28 client.
/// </summary>
public sealed class ServerToClientTests : IAsyncLifetime
{
    private GatewayProcess _gateway = null!;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayProcess.ServeAsync(["--Servers:default:Env:FROM_CONFIG=configured"], "node", RepoPaths.EverythingServer, "stdio");
        await _gateway.EverythingSettledAsync();
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Theory]
    [MemberData(nameof(Revisions.Both), MemberType = typeof(Revisions))]
    public async Task Sampling_IsAnsweredByTheClient(string revision)
    {
        var options = new McpClientOptions();
        options.Handlers.SamplingHandler = (request, _, _) => ValueTask.FromResult(new CreateMessageResult
        {
            Model = "test-model",
            Role = Role.Assistant,
            Content = [new TextContentBlock { Text = $"sampled reply to {request?.Messages.Count} message(s)" }],
        });
        await using var client = await Clients.ConnectAsync(_gateway.McpUrl, revision, options);

        var result = await client.CallToolAsync("trigger-sampling-request", new Dictionary<string, object?> { ["prompt"] = "hello" },
            cancellationToken: TestContext.Timeout);

        Assert.Contains("sampled reply to 1 message(s)", Text(result));
    }

    [Theory]
    [MemberData(nameof(Revisions.Both), MemberType = typeof(Revisions))]
    public async Task Roots_AreListedByTheClient(string revision)
    {
        var options = new McpClientOptions();
        options.Handlers.RootsHandler = (_, _) => ValueTask.FromResult(new ListRootsResult
        {
            Roots = [new Root { Uri = "file:///workspace/bridge", Name = "bridge" }],
        });
        await using var client = await Clients.ConnectAsync(_gateway.McpUrl, revision, options);

        var result = await client.CallToolAsync("get-roots-list", new Dictionary<string, object?>(), cancellationToken: TestContext.Timeout);

        Assert.Contains("file:///workspace/bridge", Text(result));
    }

    [Fact]
    public async Task Sampling_WithoutTheCapability_IsRefusedToTheChild_NotHung()
    {
        await using var client = await Clients.ConnectAsync(_gateway.McpUrl);

        var result = await client.CallToolAsync("trigger-sampling-request", new Dictionary<string, object?> { ["prompt"] = "hello" },
            cancellationToken: TestContext.Timeout);

        Assert.True(result.IsError);
        Assert.Contains("sampling", Text(result));
    }

    [Fact]
    public async Task ChildEnvironment_IsMinimal_WithTheConfiguredVariables()
    {
        await using var client = await Clients.ConnectAsync(_gateway.McpUrl);

        var result = await client.CallToolAsync("get-env", new Dictionary<string, object?>(), cancellationToken: TestContext.Timeout);
        var environment = JsonSerializer.Deserialize<Dictionary<string, string>>(Text(result))!;

        Assert.Equal("configured", environment["FROM_CONFIG"]);
        Assert.True(environment.ContainsKey("PATH"));
        Assert.False(environment.ContainsKey("GATEWAY_TEST_SECRET"), "The gateway's own environment reached the child.");
    }

    [Fact]
    public async Task ChildThatInheritsTheEnvironment_GetsTheGatewaysOwn_ButNotItsInlineIoSetting()
    {
        await using var gateway = await GatewayProcess.ServeAsync(["--Servers:default:InheritEnv=true"], "node", RepoPaths.EverythingServer, "stdio");
        await using var client = await Clients.ConnectAsync(gateway.McpUrl);

        var result = await client.CallToolAsync("get-env", new Dictionary<string, object?>(), cancellationToken: TestContext.Timeout);
        var environment = JsonSerializer.Deserialize<Dictionary<string, string>>(Text(result))!;

        Assert.True(environment.ContainsKey("GATEWAY_TEST_SECRET"), "InheritEnv=true did not pass the gateway's environment.");
        Assert.False(environment.ContainsKey("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS"),
            "The variable the gateway sets for its own inline I/O (Edge:InlineIo) reached the child.");
    }

    private static string Text(CallToolResult result) => string.Join('\n', result.Content.OfType<TextContentBlock>().Select(block => block.Text));
}
