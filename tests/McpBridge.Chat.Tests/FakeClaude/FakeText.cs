namespace McpBridge.Chat.Tests.FakeClaude;

/// <summary>A text block, streamed as one <c>text_delta</c> per chunk.</summary>
internal sealed record FakeText(IReadOnlyList<string> Chunks) : FakeBlock;
