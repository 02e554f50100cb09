namespace McpBridge.Router.Routing;

/// <summary>What an MCP request needs of the replica that serves it.</summary>
internal enum RequestKind
{
    /// <summary>No session yet (an initialize-era client's first POST): the least-loaded ready replica.</summary>
    NewSession,

    /// <summary>
    /// <c>GET .../sse</c> of the 2024-11-05 HTTP+SSE transport: the stream is a new session, placed as an initialize is;
    /// its id comes in the stream's <c>endpoint</c> event.
    /// </summary>
    NewStream,

    /// <summary>
    /// A 2026-07-28 request without <c>requestState</c> (or a legacy <c>POST .../message</c> without <c>sessionId</c>,
    /// which any replica refuses alike): any ready replica, the least loaded.
    /// </summary>
    Stateless,

    /// <summary>
    /// Carries <c>Mcp-Session-Id: REPLICA.ID</c>, or, on the legacy transport, <c>?sessionId=REPLICA.ID</c>: only that
    /// replica holds the session.
    /// </summary>
    Session,

    /// <summary>A 2026-07-28 retry with <c>params.requestState: REPLICA.X</c>: that replica holds the paused call.</summary>
    ResumeCall,
}
