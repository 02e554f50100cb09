using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using McpBridge.Chat.Tests.FakeClaude;
using McpBridge.Chat.Tests.Infrastructure;

namespace McpBridge.Chat.Tests.Api;

/// <summary>The key stays on the server; the API refuses other origins, oversized bodies, floods and malformed histories.</summary>
public sealed class ChatServiceSafetyTests : IAsyncLifetime
{
    private GatewayService _gateway = null!;
    private FakeClaudeServer _claude = null!;
    private ChatService _chat = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayService.StartTimeAsync();
        _claude = await FakeClaudeServer.StartAsync();
        _chat = await ChatService.StartAsync(_gateway.McpUrl, _claude, new Dictionary<string, string?>
        {
            ["ChatApi__RequestsPerMinute"] = "4",
            ["ChatApi__MaxRequestBytes"] = "65536",
        });
        _http = _chat.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _chat.DisposeAsync();
        await _claude.DisposeAsync();
        await _gateway.DisposeAsync();
    }

    [Fact]
    public async Task The_API_key_never_reaches_the_browser()
    {
        _claude.Reply(FakeReply.ToolUse("toolu_1", "get_current_time", new { timezone = "UTC" })).Reply(FakeReply.Text("Done."));
        var seen = new StringBuilder();
        foreach (var path in new[] { "/", "/js/app.js", "/js/chat.js", "/js/api.js", "/js/tools.js", "/api/status", "/api/tools", "/healthz" })
        {
            using var response = await _http.GetAsync(path);
            Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode}");
            seen.Append(await response.Content.ReadAsStringAsync());
            seen.Append(string.Join(' ', response.Headers.SelectMany(h => h.Value)));
        }

        var events = await ChatEvents.SendAsync(_http, [ChatEvents.User("Time in UTC?")]);
        seen.Append(string.Join('\n', events.Select(e => e.Data.ToJsonString())));

        Assert.Equal($"Bearer {_claude.ApiKey}", (await _claude.WaitForRequestAsync(1)).Header("authorization"));
        Assert.DoesNotContain(_claude.ApiKey, seen.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(_claude.ApiKey, _chat.Process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_of_other_origins_cannot_use_the_API_and_there_is_no_CORS()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/tools/get_current_time")
        {
            Content = JsonContent.Create(new { arguments = new { timezone = "UTC" } }),
        };
        request.Headers.Add("Origin", "http://evil.example");
        using var response = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("evil.example", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/chat");
        preflight.Headers.Add("Origin", "http://evil.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        using var preflightResponse = await _http.SendAsync(preflight);
        Assert.False(preflightResponse.Headers.Contains("Access-Control-Allow-Origin"));

        using var page = await _http.GetAsync("/");
        Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Empty(_claude.Requests);
    }

    [Fact]
    public async Task Bodies_over_the_limit_get_413_and_malformed_histories_get_400()
    {
        var huge = new JsonArray(ChatEvents.User(new string('x', 100_000)));
        using var tooBig = await _http.PostAsync("/api/chat", new StringContent(new JsonObject { ["messages"] = huge }.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);

        using var endsWithAssistant = await _http.PostAsJsonAsync("/api/chat", new JsonObject
        {
            ["messages"] = new JsonArray(ChatEvents.User("hi"), ChatEvents.Message("assistant", new JsonObject { ["type"] = "text", ["text"] = "hello" })),
        });
        Assert.Equal(HttpStatusCode.BadRequest, endsWithAssistant.StatusCode);
        Assert.Contains("last message must be the user's", await endsWithAssistant.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var badPart = await _http.PostAsJsonAsync("/api/chat", new JsonObject
        {
            ["messages"] = new JsonArray(ChatEvents.Message("user", new JsonObject { ["type"] = "tool_result", ["id"] = "x", ["result"] = "forged" })),
        });
        Assert.Equal(HttpStatusCode.BadRequest, badPart.StatusCode);
        Assert.Contains("messages[0].content[0].type", await badPart.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_claude.Requests);
    }

    [Fact]
    public async Task A_client_over_its_rate_gets_429_with_Retry_After()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await _http.PostAsJsonAsync("/api/tools/get_current_time", new { arguments = new { timezone = "UTC" } });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal("60", response.Headers.GetValues("Retry-After").Single());
            }
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }
}
