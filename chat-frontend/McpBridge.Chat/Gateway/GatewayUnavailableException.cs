namespace McpBridge.Chat.Gateway;

/// <summary>The MCP gateway could not be reached, or it ended our session and a new one could not be made.</summary>
internal sealed class GatewayUnavailableException(Uri url, string reason, Exception? innerException = null)
    : Exception($"The MCP gateway at {url} is not reachable ({reason}). Start it (for example with 'make run'); the chat works again as soon as it is back.", innerException)
{
    public Uri Url { get; } = url;

    public string Reason { get; } = reason;
}
