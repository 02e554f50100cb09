namespace McpBridge.Router.Routing;

/// <summary>The MCP transport of an endpoint the router serves, which says where a request names its session.</summary>
internal enum McpTransport
{
    /// <summary><c>/mcp</c>, <c>/servers/NAME/mcp</c>: the session in <c>Mcp-Session-Id</c>.</summary>
    StreamableHttp,

    /// <summary><c>GET /sse</c>, <c>/servers/NAME/sse</c> (2024-11-05 HTTP+SSE): each stream is a new session.</summary>
    LegacyStream,

    /// <summary><c>POST /message?sessionId=...</c>, <c>/servers/NAME/message</c>: the session in the query.</summary>
    LegacyMessage,
}
