using System.Text.Json.Nodes;

namespace McpBridge.Chat.Tests.Infrastructure;

/// <summary>One Server-Sent Event of <c>POST /api/chat</c>.</summary>
internal sealed record ChatEvent(string Type, JsonObject Data);
