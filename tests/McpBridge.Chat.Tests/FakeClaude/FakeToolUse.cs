using System.Text.Json.Nodes;

namespace McpBridge.Chat.Tests.FakeClaude;

/// <summary>A <c>tool_use</c> block, its input streamed as partial JSON.</summary>
internal sealed record FakeToolUse(string Id, string Name, JsonObject Input) : FakeBlock;
