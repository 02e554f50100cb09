using System.Text.Json;
using McpBridge.Chat.Gateway;
using Microsoft.Extensions.AI;

namespace McpBridge.Chat.Conversation;

/// <summary>Converts between the browser's <see cref="WireMessage"/>s and Microsoft.Extensions.AI chat messages.</summary>
internal static class WireMapping
{
    /// <summary>The history for Claude: tool calls stay on the assistant turn, results become a tool turn.</summary>
    public static List<ChatMessage> ToChatMessages(IReadOnlyList<WireMessage> history)
    {
        if (history.Count == 0)
        {
            throw new WireFormatException("messages is empty: send at least one user message.");
        }

        var messages = new List<ChatMessage>(history.Count);
        for (var i = 0; i < history.Count; i++)
        {
            var wire = history[i] ?? throw new WireFormatException($"messages[{i}] is null.");
            var role = wire.Role switch
            {
                "user" => ChatRole.User,
                "assistant" => ChatRole.Assistant,
                "tool" => ChatRole.Tool,
                _ => throw new WireFormatException($"messages[{i}].role is '{wire.Role}': use user, assistant or tool."),
            };

            var contents = new List<AIContent>();
            for (var j = 0; j < (wire.Content?.Count ?? 0); j++)
            {
                contents.Add(ToContent(wire.Content![j], role, $"messages[{i}].content[{j}]"));
            }

            if (contents.Count == 0)
            {
                throw new WireFormatException($"messages[{i}].content is empty.");
            }

            messages.Add(new ChatMessage(role, contents));
        }

        if (messages[^1].Role != ChatRole.User)
        {
            throw new WireFormatException("The last message must be the user's.");
        }

        return messages;
    }

    /// <summary>The messages a turn added (assistant turns with their tool calls, tool turns with the results).</summary>
    public static List<WireMessage> ToWire(IEnumerable<ChatMessage> messages)
    {
        var wire = new List<WireMessage>();
        foreach (var message in messages)
        {
            var parts = new List<WirePart>();
            foreach (var content in message.Contents)
            {
                switch (content)
                {
                    case TextContent { Text.Length: > 0 } text when parts is [.., { Type: WirePart.TextType } last]:
                        parts[^1] = last with { Text = last.Text + text.Text };
                        break;
                    case TextContent { Text.Length: > 0 } text:
                        parts.Add(WirePart.FromText(text.Text));
                        break;
                    case FunctionCallContent call:
                        parts.Add(new WirePart
                        {
                            Type = WirePart.ToolCallType,
                            Id = call.CallId,
                            Name = call.Name,
                            Arguments = JsonSerializer.SerializeToElement(call.Arguments ?? new Dictionary<string, object?>(), AIJsonUtilities.DefaultOptions),
                        });
                        break;
                    case FunctionResultContent result:
                        parts.Add(new WirePart
                        {
                            Type = WirePart.ToolResultType,
                            Id = result.CallId,
                            Result = ResultText(result.Result),
                            IsError = result.Exception is not null,
                        });
                        break;
                }
            }

            if (parts.Count > 0)
            {
                wire.Add(new WireMessage(message.Role == ChatRole.Tool ? "tool" : message.Role.Value, parts));
            }
        }

        return wire;
    }

    private static AIContent ToContent(WirePart part, ChatRole role, string path)
    {
        switch (part?.Type)
        {
            case WirePart.TextType when role != ChatRole.Tool:
                return new TextContent(part.Text ?? throw new WireFormatException($"{path}.text is missing."));
            case WirePart.ToolCallType when role == ChatRole.Assistant:
                var arguments = part.Arguments is { ValueKind: JsonValueKind.Object } json
                    ? json.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone())
                    : part.Arguments is null or { ValueKind: JsonValueKind.Null }
                        ? new Dictionary<string, object?>()
                        : throw new WireFormatException($"{path}.arguments must be a JSON object.");
                return new FunctionCallContent(Required(part.Id, path, "id"), Required(part.Name, path, "name"), arguments);
            case WirePart.ToolResultType when role == ChatRole.Tool:
                var text = part.Result ?? string.Empty;
                return new FunctionResultContent(Required(part.Id, path, "id"), text)
                {
                    Exception = part.IsError is true ? new ToolCallFailedException(text) : null,
                };
            default:
                throw new WireFormatException(
                    $"{path}.type is '{part?.Type}', which a {role.Value} message cannot hold: user messages hold text, assistant messages text and tool_call, tool messages tool_result.");
        }
    }

    private static string Required(string? value, string path, string field) =>
        string.IsNullOrEmpty(value) ? throw new WireFormatException($"{path}.{field} is missing.") : value;

    private static string ResultText(object? result) => result switch
    {
        null => string.Empty,
        string s => s,
        TextContent t => t.Text,
        IEnumerable<AIContent> contents => string.Join('\n', contents.Select(c => c is TextContent t ? t.Text : $"[{c.GetType().Name}]")),
        JsonElement { ValueKind: JsonValueKind.String } s => s.GetString() ?? string.Empty,
        _ => JsonSerializer.Serialize(result, AIJsonUtilities.DefaultOptions),
    };
}
