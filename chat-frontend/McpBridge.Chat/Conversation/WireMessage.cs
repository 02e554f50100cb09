namespace McpBridge.Chat.Conversation;

/// <summary>
/// One message of a conversation as the browser keeps it and sends it back each turn: the whole history, including
/// the assistant's tool calls and the tool results, goes to Claude every time.
/// </summary>
/// <param name="Role"><c>user</c>, <c>assistant</c> or <c>tool</c>.</param>
/// <param name="Content">Its parts, in order.</param>
internal sealed record WireMessage(string Role, IReadOnlyList<WirePart> Content);
