using System.Text.Json;

namespace McpBridge.Chat.Conversation;

/// <summary>
/// A part of a <see cref="WireMessage"/>: <c>text</c> (<see cref="Text"/>), <c>tool_call</c> (<see cref="Id"/>,
/// <see cref="Name"/>, <see cref="Arguments"/>) or <c>tool_result</c> (<see cref="Id"/>, <see cref="Result"/>,
/// <see cref="IsError"/>).
/// </summary>
internal sealed record WirePart
{
    public const string TextType = "text";
    public const string ToolCallType = "tool_call";
    public const string ToolResultType = "tool_result";

    public required string Type { get; init; }

    public string? Text { get; init; }

    public string? Id { get; init; }

    public string? Name { get; init; }

    public JsonElement? Arguments { get; init; }

    public string? Result { get; init; }

    public bool? IsError { get; init; }

    public static WirePart FromText(string text) => new() { Type = TextType, Text = text };
}
