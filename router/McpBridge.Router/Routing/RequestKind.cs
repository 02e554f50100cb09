namespace McpBridge.Router.Routing;

/// <summary>What an MCP request needs of the replica that serves it.</summary>
internal enum RequestKind
{
    /// <summary>No session yet (an initialize-era client's first POST): the least-loaded ready replica.</summary>
    NewSession,

    /// <summary>A 2026-07-28 request without <c>requestState</c>: any ready replica, the least loaded.</summary>
    Stateless,

    /// <summary>Carries <c>Mcp-Session-Id: REPLICA.ID</c>: only that replica holds the session.</summary>
    Session,

    /// <summary>A 2026-07-28 retry with <c>params.requestState: REPLICA.X</c>: that replica holds the paused call.</summary>
    ResumeCall,
}
