namespace McpBridge.Chat.Conversation;

/// <summary>Why a chat turn failed: <c>gateway</c>, <c>claude</c>, <c>request</c> or <c>internal</c>, and what to tell people.</summary>
internal sealed record TurnFailure(string Kind, string Message);
