using System.Net;
using System.Text.Json.Nodes;
using McpBridge.Tests.Infrastructure;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpBridge.Tests.EndToEnd;

/// <summary>
/// API keys on the MCP endpoints: no key or a wrong one gets 401, a right one serves an official client, sessions and
/// paused calls belong to the key that made them, and health endpoints stay open. Also the header passthrough to a
/// session's child, which is meant for per-user tokens.
/// </summary>
public sealed class AuthTests : IAsyncLifetime
{
    private const string AliceKey = "alice-0123456789abcdef";
    private const string BobKey = "bob-fedcba9876543210";
    private readonly string _keysFile = Path.Combine(Path.GetTempPath(), $"mcpbridge-keys-{Guid.NewGuid():N}.txt");
    private readonly HttpClient _http = new();
    private GatewayProcess _gateway = null!;

    private Uri Default => _gateway.ServerUrl("default");

    public async Task InitializeAsync()
    {
        // alice comes from configuration, bob from the keys file.
        await File.WriteAllTextAsync(_keysFile, $"# test keys\n\nbob:{BobKey}\n");
        _gateway = await GatewayProcess.ServeAsync(
            [
                $"--Auth:Keys:alice={AliceKey}",
                $"--Auth:KeysFile={_keysFile}",
                "--Servers:default:HeaderEnv:X-User-Token=USER_TOKEN",
                "--Servers:plain:Command=dotnet",
                $"--Servers:plain:Args:0={RepoPaths.TestServerDll}",
            ],
            "dotnet", RepoPaths.TestServerDll);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _gateway.DisposeAsync();
        File.Delete(_keysFile);
    }

    [Theory]
    [InlineData(null, "Bearer realm=\"McpBridge\"")]
    [InlineData("not-a-key-of-this-gateway", "Bearer realm=\"McpBridge\", error=\"invalid_token\"")]
    public async Task WithoutAGoodKey_Gets401WithAChallengeAndAJsonRpcError(string? key, string challenge)
    {
        using var request = RawMcp.Post(Default, RawMcp.Initialize, key);

        using var response = await _http.SendAsync(request, TestContext.Timeout);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(challenge, Assert.Single(response.Headers.GetValues("WWW-Authenticate")));
        var error = await RawMcp.ReadMessageAsync(response);
        Assert.Equal("2.0", (string?)error["jsonrpc"]);
        Assert.Contains("Unauthorized", (string?)error["error"]?["message"]);
        Assert.DoesNotContain("not-a-key-of-this-gateway", _gateway.Output);
    }

    [Theory]
    [MemberData(nameof(Revisions.Both), MemberType = typeof(Revisions))]
    public async Task OfficialClient_WithAKey_CallsTools(string revision)
    {
        await using var client = await Clients.ConnectAsync(Default, revision, headers: Bearer(AliceKey));

        var result = await client.CallToolAsync("echo", new Dictionary<string, object?> { ["text"] = "with a key" }, cancellationToken: TestContext.Timeout);

        Assert.Equal("with a key", Text(result));
    }

    [Fact]
    public async Task KeyFromTheKeysFile_InTheApiKeyHeader_IsAccepted()
    {
        await using var client = await Clients.ConnectAsync(Default, headers: new Dictionary<string, string> { ["X-API-Key"] = BobKey });

        Assert.NotEmpty(await client.ListToolsAsync(cancellationToken: TestContext.Timeout));
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    [InlineData("/status")]
    public async Task HealthAndStatus_StayOpenWithoutAKey(string path)
    {
        using var response = await _http.GetAsync(new Uri(_gateway.BaseAddress, path), TestContext.Timeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AnotherKey_UsingASessionId_Gets404_AndTheOwnersSessionGoesOn()
    {
        await using var alice = await Clients.ConnectAsync(Default, headers: Bearer(AliceKey));
        var session = alice.SessionId!;

        using var post = RawMcp.Post(Default, RawMcp.Ping, BobKey, session);
        using var get = RawMcp.WithIdentity(new HttpRequestMessage(HttpMethod.Get, Default), BobKey, session);
        get.Headers.Add("Accept", "text/event-stream");
        using var delete = RawMcp.WithIdentity(new HttpRequestMessage(HttpMethod.Delete, Default), BobKey, session);
        using var posted = await _http.SendAsync(post, TestContext.Timeout);
        using var got = await _http.SendAsync(get, HttpCompletionOption.ResponseHeadersRead, TestContext.Timeout);
        using var deleted = await _http.SendAsync(delete, TestContext.Timeout);

        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        Assert.Equal(-32001, (int?)(await RawMcp.ReadMessageAsync(posted))["error"]?["code"]);
        Assert.Equal(HttpStatusCode.NotFound, got.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, deleted.StatusCode);
        var result = await alice.CallToolAsync("echo", new Dictionary<string, object?> { ["text"] = "still mine" }, cancellationToken: TestContext.Timeout);
        Assert.Equal("still mine", Text(result));
    }

    [Fact]
    public async Task AnotherKey_CannotResumeAPausedStatelessCall_ButTheOwnerCan()
    {
        const string Tool = "test_input_required_result_elicitation";
        using var first = RawMcp.StatelessToolCall(Default, Tool, AliceKey);
        using var paused = await _http.SendAsync(first, TestContext.Timeout);
        var inputRequired = (await RawMcp.ReadMessageAsync(paused))["result"]!;
        Assert.Equal("input_required", (string?)inputRequired["resultType"]);
        var retry = new JsonObject
        {
            ["requestState"] = (string?)inputRequired["requestState"],
            ["inputResponses"] = new JsonObject { ["user_name"] = new JsonObject { ["action"] = "accept", ["content"] = new JsonObject { ["name"] = "Ada" } } },
        };

        using var bobsRetry = RawMcp.StatelessToolCall(Default, Tool, BobKey, retry);
        var refused = await RawMcp.ReadMessageAsync(await _http.SendAsync(bobsRetry, TestContext.Timeout));
        using var alicesRetry = RawMcp.StatelessToolCall(Default, Tool, AliceKey, retry);
        var resumed = await RawMcp.ReadMessageAsync(await _http.SendAsync(alicesRetry, TestContext.Timeout));

        Assert.Equal(-32602, (int?)refused["error"]?["code"]);
        Assert.Contains("requestState is unknown", (string?)refused["error"]?["message"]);
        Assert.Equal("Hello, Ada!", (string?)resumed["result"]?["content"]?[0]?["text"]);
    }

    [Fact]
    public async Task HeaderEnv_PutsTheInitializeRequestsHeaderIntoTheChildsEnvironment_WithoutLoggingIt()
    {
        const string Token = "user-token-4f1c9a7e";
        var headers = new Dictionary<string, string> { ["Authorization"] = $"Bearer {AliceKey}", ["X-User-Token"] = Token };
        await using var withHeader = await Clients.ConnectAsync(Default, headers: headers);
        await using var withoutHeader = await Clients.ConnectAsync(Default, headers: Bearer(AliceKey));
        await using var notConfigured = await Clients.ConnectAsync(_gateway.ServerUrl("plain"), headers: headers);

        Assert.Equal(Token, await EnvAsync(withHeader, "USER_TOKEN"));
        Assert.Equal("(unset)", await EnvAsync(withoutHeader, "USER_TOKEN"));
        Assert.Equal("(unset)", await EnvAsync(notConfigured, "USER_TOKEN"));
        Assert.DoesNotContain(Token, _gateway.Output);
        Assert.DoesNotContain(AliceKey, _gateway.Output);
    }

    [Fact]
    public async Task InvalidAuthConfiguration_StopsStartUp_ListingEveryProblem()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"mcpbridge-no-such-keys-{Guid.NewGuid():N}.txt");

        var (exitCode, output) = await RunGatewayAsync(
            "--Auth:Keys:short=tooshort",
            "--Auth:Keys:empty=",
            "--Auth:Keys:first=the-same-secret-twice",
            "--Auth:Keys:second=the-same-secret-twice",
            $"--Auth:KeysFile={missing}",
            "--Limits:ConcurrentRequests=-1",
            "--Servers:default:Policy=Shared",
            "--Servers:default:HeaderEnv:X-User-Token=USER_TOKEN");

        Assert.Equal(2, exitCode);
        Assert.Contains("Auth:Keys:short has a secret of 8 characters: use at least 16", output);
        Assert.Contains("Auth:Keys:empty has an empty secret", output);
        Assert.Contains("Auth:Keys:second has the same secret as Auth:Keys:first", output);
        Assert.Contains($"Auth:KeysFile '{missing}' does not exist", output);
        Assert.Contains("Limits:ConcurrentRequests is -1", output);
        Assert.Contains("Servers:default:HeaderEnv needs Policy Isolated", output);
        Assert.DoesNotContain("tooshort", output.Replace("Auth:Keys:short", "", StringComparison.Ordinal));
        Assert.DoesNotContain("the-same-secret-twice", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public async Task BadKeysFile_IsToldApartFromAMissingOne()
    {
        var file = Path.Combine(Path.GetTempPath(), $"mcpbridge-bad-keys-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(file, "carol:carol-0123456789abcdef\nno colon on this line\n");
        try
        {
            var (exitCode, output) = await RunGatewayAsync($"--Auth:KeysFile={file}");

            Assert.Equal(2, exitCode);
            Assert.Contains($"Auth:KeysFile '{file}' line 2 is not 'name:secret'", output);
            Assert.DoesNotContain("does not exist", output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static Dictionary<string, string> Bearer(string key) => new() { ["Authorization"] = $"Bearer {key}" };

    private static async Task<string> EnvAsync(McpClient client, string name) =>
        Text(await client.CallToolAsync("env", new Dictionary<string, object?> { ["name"] = name }, cancellationToken: TestContext.Timeout));

    private static string Text(CallToolResult result) => string.Join('\n', result.Content.OfType<TextContentBlock>().Select(block => block.Text));

    /// <summary>Runs the gateway with a valid server and <paramref name="arguments"/> until it exits.</summary>
    private static Task<(int ExitCode, string Output)> RunGatewayAsync(params string[] arguments) =>
        GatewayProcess.RunToExitAsync(["--urls", "http://127.0.0.1:0", .. arguments, "--", "dotnet", RepoPaths.TestServerDll]);
}
