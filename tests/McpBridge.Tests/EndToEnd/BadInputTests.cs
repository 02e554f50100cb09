using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using McpBridge.Tests.Infrastructure;

namespace McpBridge.Tests.EndToEnd;

/// <summary>Bad input gets the right status and a JSON-RPC error, and the gateway goes on serving.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private const string Initialize = """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""";
    private GatewayProcess _gateway = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync() =>
        _gateway = await GatewayProcess.ServeAsync(["--Edge:MaxRequestBodyBytes=65536"], "node", RepoPaths.EverythingServer, "stdio");

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _gateway.DisposeAsync();
    }

    public static TheoryData<string, string, int, int?> Cases => new()
    {
        // name, body, expected HTTP status, expected JSON-RPC error code (null: only the status is checked)
        { "invalid JSON", "{not json", 400, -32600 },
        { "JSON that is not JSON-RPC", """{"hello":"world"}""", 400, -32600 },
        { "a batch array", $"[{Initialize}]", 400, -32600 },
        { "a request without a session id", """{"jsonrpc":"2.0","id":2,"method":"tools/list"}""", 400, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task MalformedBodies_Get400WithAJsonRpcError(string name, string body, int status, int? code)
    {
        var response = await PostAsync(body);

        await AssertJsonRpcErrorAsync(response, status, code, name);
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task MissingAccept_Gets406()
    {
        using var request = Post(Initialize);
        request.Headers.Accept.Clear();
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        await AssertJsonRpcErrorAsync(await _http.SendAsync(request), 406, null, "Accept: application/json only");
    }

    [Fact]
    public async Task WrongContentType_Gets415()
    {
        using var request = Post(Initialize);
        request.Content = new StringContent(Initialize, Encoding.UTF8, "text/plain");

        await AssertJsonRpcErrorAsync(await _http.SendAsync(request), 415, -32600, "text/plain");
    }

    [Theory]
    [InlineData("PUT", "/mcp", "GET, POST, DELETE")]
    [InlineData("PATCH", "/servers/default/mcp", "GET, POST, DELETE")]
    [InlineData("POST", "/sse", "GET")]
    [InlineData("GET", "/message?sessionId=x", "POST")]
    public async Task WrongMethod_Gets405WithAllowAndAJsonRpcError(string method, string path, string allow)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(_gateway.BaseAddress, path))
        {
            Content = new StringContent(Initialize, Encoding.UTF8, "application/json"),
        };

        var response = await _http.SendAsync(request, TestContext.Timeout);

        Assert.Equal(allow, string.Join(", ", response.Content.Headers.Allow));
        await AssertJsonRpcErrorAsync(response, 405, -32600, $"{method} {path}");
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task OversizedBody_Gets413()
    {
        var padding = new string('x', 70_000);
        var body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"pad\":\"" + padding + "\"}}";

        await AssertJsonRpcErrorAsync(await PostAsync(body), 413, -32600, "70 kB over a 64 kB limit");
    }

    [Theory]
    [InlineData("Origin", "https://evil.example")]
    [InlineData("Host", "evil.example")]
    public async Task ForeignOriginOrHost_Gets403(string header, string value)
    {
        using var request = Post(Initialize);
        if (header == "Host")
        {
            request.Headers.Host = value;
        }
        else
        {
            request.Headers.Add(header, value);
        }

        await AssertJsonRpcErrorAsync(await _http.SendAsync(request), 403, -32600, $"{header}: {value}");
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task LocalhostOrigin_IsAllowed()
    {
        using var request = Post(Initialize);
        request.Headers.Add("Origin", "http://localhost:6274");

        var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task UnknownSessionId_Gets404()
    {
        using var request = Post("""{"jsonrpc":"2.0","id":2,"method":"tools/list"}""");
        request.Headers.Add("Mcp-Session-Id", "no-such-session");
        request.Headers.Add("MCP-Protocol-Version", "2025-11-25");

        await AssertJsonRpcErrorAsync(await _http.SendAsync(request), 404, -32001, "unknown session");
    }

    [Fact]
    public async Task DeletedSession_Gets404Afterwards()
    {
        var initialized = await PostAsync(Initialize);
        var session = initialized.Headers.GetValues("Mcp-Session-Id").Single();
        using var delete = new HttpRequestMessage(HttpMethod.Delete, _gateway.McpUrl);
        delete.Headers.Add("Mcp-Session-Id", session);
        delete.Headers.Add("MCP-Protocol-Version", "2025-11-25");
        var deleted = await _http.SendAsync(delete);

        using var after = Post("""{"jsonrpc":"2.0","id":3,"method":"ping"}""");
        after.Headers.Add("Mcp-Session-Id", session);
        after.Headers.Add("MCP-Protocol-Version", "2025-11-25");

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        await AssertJsonRpcErrorAsync(await _http.SendAsync(after), 404, -32001, "deleted session");
    }

    private HttpRequestMessage Post(string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _gateway.McpUrl) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        return request;
    }

    private async Task<HttpResponseMessage> PostAsync(string body)
    {
        using var request = Post(body);
        return await _http.SendAsync(request, TestContext.Timeout);
    }

    private static async Task AssertJsonRpcErrorAsync(HttpResponseMessage response, int status, int? code, string because)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"{because}: expected {status}, got {(int)response.StatusCode}: {text}");
        var json = JsonNode.Parse(text.StartsWith("event:", StringComparison.Ordinal) ? text[(text.IndexOf("data:", StringComparison.Ordinal) + 5)..] : text)!;
        Assert.Equal("2.0", (string?)json["jsonrpc"]);
        Assert.NotNull(json["error"]?["message"]);
        if (code is not null)
        {
            Assert.Equal(code, (int?)json["error"]!["code"]);
        }
    }

    private async Task AssertStillServesAsync()
    {
        await using var client = await Clients.ConnectAsync(_gateway.McpUrl);
        Assert.NotEmpty(await client.ListToolsAsync(cancellationToken: TestContext.Timeout));
    }
}
