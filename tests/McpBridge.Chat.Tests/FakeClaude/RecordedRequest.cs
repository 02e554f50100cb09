using System.Text.Json.Nodes;

namespace McpBridge.Chat.Tests.FakeClaude;

/// <summary>What the fake Messages API received: the request body and headers, and whether the client went away.</summary>
internal sealed record RecordedRequest(JsonObject Body, IReadOnlyDictionary<string, string> Headers, Task Aborted)
{
    public bool Streamed => Body["stream"]?.GetValue<bool>() is true;

    public JsonArray Messages => Body["messages"]!.AsArray();

    public JsonArray Tools => Body["tools"]?.AsArray() ?? [];

    public JsonObject Tool(string name) =>
        Tools.Select(t => t!.AsObject()).SingleOrDefault(t => (string?)t["name"] == name)
        ?? throw new Xunit.Sdk.XunitException($"The request had no tool '{name}'. Tools: {Tools.ToJsonString()}");

    /// <summary>The content blocks of message <paramref name="index"/>, whether sent as a string or as blocks.</summary>
    public JsonArray Content(int index) => Messages[index]!["content"] switch
    {
        JsonArray blocks => blocks,
        JsonValue text => [new JsonObject { ["type"] = "text", ["text"] = text.GetValue<string>() }],
        _ => [],
    };

    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : string.Empty;
}
