namespace McpBridge.Chat.Tests.FakeClaude;

/// <summary>A content block of a <see cref="FakeReply"/>.</summary>
internal abstract record FakeBlock;
