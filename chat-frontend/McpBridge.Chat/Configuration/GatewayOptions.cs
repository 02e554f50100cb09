namespace McpBridge.Chat.Configuration;

/// <summary>Where the MCP gateway is (section <c>Gateway</c>; <c>MCP_GATEWAY_URL</c> also sets <c>Gateway:Url</c>).</summary>
internal sealed class GatewayOptions
{
    public const string Section = "Gateway";

    /// <summary>The gateway's Streamable HTTP MCP endpoint. Default <c>http://127.0.0.1:8000/mcp</c>.</summary>
    public Uri Url { get; set; } = new("http://127.0.0.1:8000/mcp");

    /// <summary>How long connecting (the MCP handshake) may take before the gateway counts as down. Default 30 s (the gateway may start a server for the new session).</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
