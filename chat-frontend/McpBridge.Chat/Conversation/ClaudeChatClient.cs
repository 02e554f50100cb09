using Microsoft.Extensions.AI;

namespace McpBridge.Chat.Conversation;

/// <summary>The Claude chat client, or none when no API key is configured (the chat is then off; the Tools panel works).</summary>
internal sealed record ClaudeChatClient(IChatClient? Client);
