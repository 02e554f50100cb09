namespace McpBridge.Chat.Conversation;

/// <summary>A conversation sent by the browser is not well formed; the message says where.</summary>
internal sealed class WireFormatException(string message) : Exception(message);
