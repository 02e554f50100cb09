namespace McpBridge.Configuration;

/// <summary>How the sessions of one server map onto its child processes.</summary>
public enum ChildPolicy
{
    /// <summary>One child per MCP session: full fidelity, per-user state, server-to-client requests.</summary>
    Isolated,

    /// <summary>A pool of children serves every session and every stateless request.</summary>
    Shared,
}
