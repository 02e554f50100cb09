using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace McpBridge.Tests.Infrastructure;

/// <summary>Hand-built MCP HTTP requests, for what an SDK client would not send: foreign session ids, replayed request states.</summary>
internal static class RawMcp
{
    public const string Initialize = """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""";

    public const string Ping = """{"jsonrpc":"2.0","id":2,"method":"ping"}""";

    public const string Initialized = """{"jsonrpc":"2.0","method":"notifications/initialized"}""";

    /// <summary>Starts a session by hand (<c>initialize</c>, then <c>notifications/initialized</c>) and returns its id.</summary>
    public static async Task<string> InitializeSessionAsync(HttpClient http, Uri url, string? key = null)
    {
        using var initialize = await http.SendAsync(Post(url, Initialize, key), TestContext.Timeout);
        initialize.EnsureSuccessStatusCode();
        var sessionId = initialize.Headers.GetValues("Mcp-Session-Id").Single();
        using var initialized = await http.SendAsync(Post(url, Initialized, key, sessionId), TestContext.Timeout);
        initialized.EnsureSuccessStatusCode();
        return sessionId;
    }

    /// <summary>A POST of <paramref name="body"/>, with an API key and a session id when given.</summary>
    public static HttpRequestMessage Post(Uri url, string body, string? key = null, string? sessionId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        return WithIdentity(request, key, sessionId);
    }

    /// <summary>A 2026-07-28 <c>tools/call</c> (no session), with the headers and <c>_meta</c> that revision requires.</summary>
    public static HttpRequestMessage StatelessToolCall(Uri url, string tool, string? key, JsonObject? extraParams = null)
    {
        var parameters = new JsonObject
        {
            ["name"] = tool,
            ["arguments"] = new JsonObject(),
            ["_meta"] = new JsonObject
            {
                ["io.modelcontextprotocol/protocolVersion"] = Revisions.Stateless,
                ["io.modelcontextprotocol/clientCapabilities"] = new JsonObject { ["elicitation"] = new JsonObject() },
            },
        };
        foreach (var (name, value) in extraParams ?? [])
        {
            parameters[name] = value?.DeepClone();
        }

        var body = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = 7, ["method"] = "tools/call", ["params"] = parameters };
        var request = Post(url, body.ToJsonString(), key);
        request.Headers.Add("MCP-Protocol-Version", Revisions.Stateless);
        request.Headers.Add("Mcp-Method", "tools/call");
        request.Headers.Add("Mcp-Name", tool);
        return request;
    }

    /// <summary>Adds <c>Authorization: Bearer KEY</c>, <c>Mcp-Session-Id</c> and its protocol version header, each when given.</summary>
    public static HttpRequestMessage WithIdentity(HttpRequestMessage request, string? key, string? sessionId)
    {
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        if (sessionId is not null)
        {
            request.Headers.Add("Mcp-Session-Id", sessionId);
            request.Headers.Add("MCP-Protocol-Version", Revisions.Sessions);
        }

        return request;
    }

    /// <summary>The JSON-RPC message of a response: its JSON body, or the first <c>data:</c> of an event stream.</summary>
    public static async Task<JsonNode> ReadMessageAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (response.Content.Headers.ContentType?.MediaType == "text/event-stream")
        {
            text = text.Split('\n').First(line => line.StartsWith("data:", StringComparison.Ordinal))[5..];
        }

        return JsonNode.Parse(text) ?? throw new InvalidOperationException($"An empty answer ({(int)response.StatusCode}).");
    }

    /// <summary>Every JSON-RPC message of an event stream's body, in the order the events came.</summary>
    public static async Task<IReadOnlyList<JsonNode>> ReadEventsAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return [.. text.Split('\n')
            .Where(line => line.StartsWith("data:", StringComparison.Ordinal))
            .Select(line => JsonNode.Parse(line[5..]) ?? throw new InvalidOperationException("An event without data."))];
    }
}
