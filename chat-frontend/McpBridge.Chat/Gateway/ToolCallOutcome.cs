using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpBridge.Chat.Gateway;

/// <summary>The result of one tool call, as Claude gets it and as people see it.</summary>
/// <param name="IsError">The tool reported an error, or the call could not be made.</param>
/// <param name="Text">The result as text: the text blocks joined, other blocks described.</param>
/// <param name="Content">The result for Claude: the tool's own content blocks.</param>
/// <param name="Duration">How long the call took.</param>
/// <param name="GatewayDown">The call failed because the gateway could not be reached.</param>
internal sealed record ToolCallOutcome(bool IsError, string Text, IList<AIContent> Content, TimeSpan Duration, bool GatewayDown = false)
{
    public static ToolCallOutcome From(CallToolResult result, TimeSpan duration)
    {
        var text = Describe(result);
        IList<AIContent> content = result.Content.Count > 0 ? result.Content.ToAIContents() : [new TextContent(text)];
        return new ToolCallOutcome(result.IsError is true, text, content, duration);
    }

    public static ToolCallOutcome Failed(string message, TimeSpan duration, bool gatewayDown = false) =>
        new(true, message, [new TextContent(message)], duration, gatewayDown);

    /// <summary>
    /// The result for the function-invoking loop. An error keeps its text and carries an exception, which is what
    /// makes the Anthropic adapter send <c>is_error: true</c> in the <c>tool_result</c>.
    /// </summary>
    public FunctionResultContent ToFunctionResult(string callId) =>
        IsError
            ? new FunctionResultContent(callId, Text) { Exception = new ToolCallFailedException(Text) }
            : new FunctionResultContent(callId, Content);

    private static string Describe(CallToolResult result)
    {
        var text = new StringBuilder();
        foreach (var block in result.Content)
        {
            if (text.Length > 0)
            {
                text.Append('\n');
            }

            text.Append(block switch
            {
                TextContentBlock t => t.Text,
                ImageContentBlock i => $"[image {i.MimeType}]",
                AudioContentBlock a => $"[audio {a.MimeType}]",
                EmbeddedResourceBlock { Resource: TextResourceContents r } => r.Text,
                EmbeddedResourceBlock { Resource: { } r } => $"[resource {r.Uri}]",
                ResourceLinkBlock l => $"[link {l.Uri}]",
                _ => $"[{block.Type}]",
            });
        }

        if (text.Length == 0 && result.StructuredContent is { } structured)
        {
            text.Append(structured.GetRawText());
        }

        return text.ToString();
    }
}
