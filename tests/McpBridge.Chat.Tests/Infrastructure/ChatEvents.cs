using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace McpBridge.Chat.Tests.Infrastructure;

/// <summary>Sends a chat turn as the browser does and reads its Server-Sent Events.</summary>
internal static class ChatEvents
{
    public static JsonObject User(string text) => Message("user", new JsonObject { ["type"] = "text", ["text"] = text });

    public static JsonObject Message(string role, params JsonObject[] parts) => new() { ["role"] = role, ["content"] = new JsonArray(parts) };

    /// <summary>Posts the conversation and returns every event until the stream ends (bounded).</summary>
    public static async Task<IReadOnlyList<ChatEvent>> SendAsync(HttpClient http, JsonArray messages, Func<ChatEvent, bool>? stopWhen = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/chat")
        {
            Content = new StringContent(new JsonObject { ["messages"] = messages.DeepClone() }.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        if (!response.IsSuccessStatusCode)
        {
            Assert.Fail($"POST /api/chat: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(timeout.Token)}");
        }

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);

        var events = new List<ChatEvent>();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        string? type = null;
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                type = line[6..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data.Append(line[5..].TrimStart());
            }
            else if (line.Length == 0 && data.Length > 0)
            {
                var chatEvent = new ChatEvent(type ?? "message", JsonNode.Parse(data.ToString())!.AsObject());
                events.Add(chatEvent);
                type = null;
                data.Clear();
                if (stopWhen?.Invoke(chatEvent) is true)
                {
                    // Like the browser's Stop: the response is dropped mid-stream.
                    break;
                }
            }
        }

        return events;
    }

    public static string Text(this IReadOnlyList<ChatEvent> events) =>
        string.Concat(events.Where(e => e.Type == "text").Select(e => (string?)e.Data["delta"]));

    public static ChatEvent Single(this IReadOnlyList<ChatEvent> events, string type) =>
        events.SingleOrDefault(e => e.Type == type) ?? throw new Xunit.Sdk.XunitException(
            $"Expected one '{type}' event, got: {string.Join(", ", events.Select(e => e.Type))}\n{string.Join('\n', events.Select(e => e.Data.ToJsonString()))}");

    /// <summary>The messages a completed turn adds to the history.</summary>
    public static JsonArray DoneMessages(this IReadOnlyList<ChatEvent> events) => events.Single("done").Data["messages"]!.AsArray();
}
