using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace McpBridge.Router.Tests.Infrastructure;

/// <summary>Streamable HTTP by hand, for what the SDK client hides: status codes, headers and the GET stream.</summary>
internal static class RawMcp
{
    public static HttpRequestMessage Post(Uri url, JsonObject message, string? sessionId = null, string revision = Revisions.Sessions)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(message.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        request.Headers.Add("MCP-Protocol-Version", revision);
        if (sessionId is not null)
        {
            request.Headers.Add("Mcp-Session-Id", sessionId);
        }

        return request;
    }

    public static JsonObject Request(int id, string method, JsonObject? parameters = null) =>
        new() { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters ?? [] };

    public static JsonObject Notification(string method) => new() { ["jsonrpc"] = "2.0", ["method"] = method };

    /// <summary>Initializes a session by hand and returns its id (after <c>notifications/initialized</c>).</summary>
    public static async Task<string> InitializeAsync(HttpClient http, Uri url)
    {
        using var initialize = await http.SendAsync(Post(url, Request(1, "initialize", new JsonObject
        {
            ["protocolVersion"] = Revisions.Sessions,
            ["capabilities"] = new JsonObject(),
            ["clientInfo"] = new JsonObject { ["name"] = "router-tests", ["version"] = "1.0" },
        })), TestContext.Timeout);
        initialize.EnsureSuccessStatusCode();
        var sessionId = initialize.Headers.GetValues("Mcp-Session-Id").Single();
        using var initialized = await http.SendAsync(Post(url, Notification("notifications/initialized"), sessionId), TestContext.Timeout);
        initialized.EnsureSuccessStatusCode();
        return sessionId;
    }

    /// <summary>The JSON-RPC messages of an SSE or JSON answer body.</summary>
    public static async Task<List<JsonObject>> MessagesAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Timeout);
        if (response.Content.Headers.ContentType?.MediaType == "application/json")
        {
            return [JsonNode.Parse(body)!.AsObject()];
        }

        return [.. body.Split('\n')
            .Where(line => line.StartsWith("data:", StringComparison.Ordinal) && line.Length > 5)
            .Select(line => JsonNode.Parse(line[5..])!.AsObject())];
    }
}
