namespace McpBridge.Chat.Gateway;

/// <summary>What the chat knows about its gateway right now.</summary>
/// <param name="Url">The gateway's MCP endpoint.</param>
/// <param name="Connected">Whether the last attempt to use it worked.</param>
/// <param name="Error">Why it is not reachable, when it is not.</param>
/// <param name="ToolsVersion">Goes up whenever the tool list may have changed (reconnect or <c>tools/list_changed</c>).</param>
internal sealed record GatewayStatus(Uri Url, bool Connected, string? Error, int ToolsVersion);
