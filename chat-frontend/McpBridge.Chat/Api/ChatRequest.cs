using McpBridge.Chat.Conversation;

namespace McpBridge.Chat.Api;

/// <summary>The body of <c>POST /api/chat</c>: the whole conversation, its last message the user's.</summary>
/// <param name="Messages">The history, tool calls and results included.</param>
/// <param name="Stream">Server-Sent Events (the default) or one JSON answer at the end.</param>
internal sealed record ChatRequest(IReadOnlyList<WireMessage>? Messages, bool? Stream);
