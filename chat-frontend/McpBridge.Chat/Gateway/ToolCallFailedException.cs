namespace McpBridge.Chat.Gateway;

/// <summary>Marks a tool result as an error for Claude; it is never thrown.</summary>
internal sealed class ToolCallFailedException(string message) : Exception(message);
